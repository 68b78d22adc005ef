// WatchChanges: validates the request, then hands the stream to the watch hub,
// which replays the change log after a sequence, says when it has caught up, and
// follows new commits (services/common/watch_stream.h has the guarantees).
#pragma once

#include "grpcpp/support/server_callback.h"
#include "rakor/registry/v1/registry_service.pb.h"
#include "services/common/watch_stream.h"
#include "services/registry/registry.h"

namespace rakor::registry::handlers {

using ChangeHub = WatchHub<rakor::registry::v1::Change, rakor::registry::v1::WatchChangesResponse>;

grpc::ServerWriteReactor<rakor::registry::v1::WatchChangesResponse>* WatchChanges(
    Registry* registry, ChangeHub* hub, grpc::CallbackServerContext* call,
    const rakor::registry::v1::WatchChangesRequest* request);

}  // namespace rakor::registry::handlers
