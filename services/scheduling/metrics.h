// The scheduling service's gauges, worked out at each scrape: for every compliance
// rule, the periods that overlap last month and this one, with the meetings
// required, scheduled, held and with minutes accepted, and the period's status.
#pragma once

#include "absl/time/time.h"
#include "services/common/metrics.h"
#include "services/scheduling/scheduling.h"

namespace rakor::scheduling {

GaugeSet ComplianceGauges(const Scheduling& scheduling, absl::Time now);

}  // namespace rakor::scheduling
