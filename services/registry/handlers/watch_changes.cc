#include "services/registry/handlers/watch_changes.h"

#include "services/registry/errors.h"
#include "services/registry/names.h"

namespace rakor::registry::handlers {

using rakor::registry::v1::WatchChangesResponse;

grpc::ServerWriteReactor<WatchChangesResponse>* WatchChanges(
    Registry* registry, ChangeHub* hub, grpc::CallbackServerContext* call,
    const rakor::registry::v1::WatchChangesRequest* request) {
  auto refuse = [&](const absl::Status& status) {
    return RefuseStream<WatchChangesResponse>("WatchChanges", status, *call);
  };
  auto region = ParseRegionOrWildcard("parent", request->parent());
  if (!region.ok()) return refuse(region.status());
  if (request->start_after_sequence() < 0) {
    return refuse(errors::InvalidField("start_after_sequence", "must not be negative"));
  }
  if (!region->empty()) {
    if (auto known = registry->snapshot()->GetRegion(*region); !known.ok()) {
      return refuse(known.status());
    }
  }
  return hub->Open(call, *region, "start_after_sequence", request->start_after_sequence());
}

}  // namespace rakor::registry::handlers
