// What every reporting handler receives besides its request.
#pragma once

#include "absl/time/time.h"
#include "common/caller.h"
#include "services/reporting/reporting.h"

namespace rakor::reporting {

struct RequestContext {
  Reporting* reporting;
  Caller caller;   // who is calling: whose turn it must be, and what the audit trail records
  absl::Time now;  // when the call began, by the service's clock
};

}  // namespace rakor::reporting
