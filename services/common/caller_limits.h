// How many calls each caller has in flight on this server: past the limit a
// caller's next call is refused with RESOURCE_EXHAUSTED at once, so that one client
// in a loop cannot take every handler thread while the others wait.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/caller.h"

namespace rakor {

// Held while a call runs; the slot is given back when the last copy goes.
using CallerSlot = std::shared_ptr<const void>;

// Every server in this process shares the limit (--max_calls_per_caller).
void SetCallsPerCaller(int calls);

// A slot for `caller` (callers without a unit, such as the public, are told apart
// by their address; a service on its own account is not limited), or RESOURCE_EXHAUSTED naming the
// limit, counted in rakor_rpc_refused_total.
absl::StatusOr<CallerSlot> TakeCallerSlot(absl::string_view method, const Caller& caller,
                                          absl::string_view peer);

}  // namespace rakor
