// What every registry handler receives besides its request.
#pragma once

#include <string>

#include "absl/time/time.h"
#include "common/caller.h"
#include "common/request_key.h"
#include "common/time.h"
#include "services/registry/errors.h"
#include "services/registry/registry.h"

namespace rakor::registry {

struct RequestContext {
  Registry* registry;
  Caller caller;      // who is calling; its text form goes to the audit trail
  absl::Time now;     // when the call began, by the registry's clock
};

// A read's as-of time: the one asked for, or now.
template <typename Request>
absl::StatusOr<absl::Time> AsOf(const RequestContext& ctx, const Request& request) {
  if (!request.has_as_of()) return ctx.now;
  if (!IsValidTimestamp(request.as_of())) {
    return errors::InvalidField("as_of", "must lie between years 1 and 9999");
  }
  return FromProto(request.as_of());
}

}  // namespace rakor::registry
