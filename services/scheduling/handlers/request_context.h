// What every scheduling handler receives besides its request.
#pragma once

#include "absl/time/time.h"
#include "common/caller.h"
#include "services/scheduling/scheduling.h"

namespace rakor::scheduling {

struct RequestContext {
  Scheduling* scheduling;
  Caller caller;   // who is calling; its text form goes to the audit trail
  absl::Time now;  // when the call began, by the service's clock
};

}  // namespace rakor::scheduling
