// WatchChanges: replays the change log after a sequence, says when it has caught
// up, then follows new commits until the client cancels or the server stops.
#pragma once

#include <string>

#include "grpcpp/support/server_callback.h"
#include "rakor/registry/v1/registry_service.pb.h"
#include "services/registry/registry.h"

namespace rakor::registry::handlers {

// `peer` is for the RPC log ("" when logging is off).
grpc::ServerWriteReactor<rakor::registry::v1::WatchChangesResponse>* WatchChanges(
    Registry* registry, const rakor::registry::v1::WatchChangesRequest* request,
    std::string peer);

}  // namespace rakor::registry::handlers
