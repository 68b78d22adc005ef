// The scheduling service's authorization policy (common/access_policy.h): one row
// per RPC.
#pragma once

#include "absl/types/span.h"
#include "common/access_policy.h"

namespace rakor::scheduling {

absl::Span<const MethodPolicy> Policy();

}  // namespace rakor::scheduling
