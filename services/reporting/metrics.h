// The reporting service's gauges, worked out at each scrape: documents waiting per
// step, overdue documents and follow-ups per region, the outbox's backlog and age.
#pragma once

#include "services/common/metrics.h"
#include "services/reporting/reporting.h"

namespace rakor::reporting {

GaugeSet BacklogGauges(const Reporting& reporting);

}  // namespace rakor::reporting
