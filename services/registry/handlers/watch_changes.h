// WatchChanges: replays the change log after a sequence, says when it has caught
// up, then follows new commits until the client cancels or the server stops.
#pragma once

#include "grpcpp/support/server_callback.h"
#include "rakor/registry/v1/registry_service.pb.h"
#include "services/registry/registry.h"

namespace rakor::registry::handlers {

grpc::ServerWriteReactor<rakor::registry::v1::WatchChangesResponse>* WatchChanges(
    Registry* registry, const rakor::registry::v1::WatchChangesRequest* request);

}  // namespace rakor::registry::handlers
