// Who may call which method on what: one table per service (its policy.cc), read
// by one function at the gRPC edge before any handler runs. A method with no row
// is refused, so that a new RPC is closed until someone writes its row.
//
// The table decides by role and by the region (or unit) the request names; what
// depends on a resource's state, such as whether a document's route passes the
// caller, stays in the domain (services/reporting/route.h).
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "common/caller.h"
#include "common/limits.h"
#include "google/protobuf/message.h"

namespace rakor {

// How far a grant reaches from the caller's own unit.
enum class Reach {
  kOwnUnit,      // the unit the request names is the caller's
  kOwnRegion,    // the request names the caller's region (or a unit in it)
  kEveryRegion,  // anything, in every region (national roles, services)
};

struct Grant {
  Role role;
  Reach reach;
};

struct MethodPolicy {
  absl::string_view method;  // "CreateUnit"
  // Anyone, anonymous included: schedules, compliance and the organisation are
  // public (rule 10).
  bool is_public = false;
  // The request field (a dotted path) holding the resource name the call is about:
  // "parent", "name", "series.name", "unit"; empty when it names none.
  absl::string_view target;
  std::vector<Grant> grants;
  // The largest request accepted (its serialised size).
  size_t max_request_bytes = limits::kMaxRequestBytes;
};

// `roles`, each with `reach`.
std::vector<Grant> Grants(std::initializer_list<Role> roles, Reach reach);
// Concatenation, so that a row reads as "officials in their region, plus national".
std::vector<Grant> operator+(std::vector<Grant> a, const std::vector<Grant>& b);

// The region and unit a resource name is about: "regions/r/units/u/..." gives both,
// "regions/r/series/s" the region; anything else neither.
struct Target {
  std::string region;
  std::string unit;  // regions/{region}/units/{unit}, or empty
};
Target TargetOf(absl::string_view resource_name);

// OK when `policy`'s row for `method` lets `caller` make `request`; otherwise
// PERMISSION_DENIED (ErrorInfo reason "PERMISSION_DENIED" in `domain`) saying which
// roles may and on what, without revealing whether the resource exists.
absl::Status Authorize(absl::Span<const MethodPolicy> policy, absl::string_view domain,
                       absl::string_view method, const Caller& caller,
                       const google::protobuf::Message& request);

// INVALID_ARGUMENT naming the request when it is larger than its row allows.
absl::Status CheckRequestSize(absl::Span<const MethodPolicy> policy, absl::string_view domain,
                              absl::string_view method, const google::protobuf::Message& request);

// The row for `method`, or null.
const MethodPolicy* FindPolicy(absl::Span<const MethodPolicy> policy, absl::string_view method);

// The resource name `row.target` holds in `request` ("" when the row has no target
// or the field is unset).
std::string TargetName(const MethodPolicy& row, const google::protobuf::Message& request);

}  // namespace rakor
