// Channels from one service to another inside one process (the embedded
// rakor-server). In production such a call has no client certificate, so each
// carries a token that only this process knows (drawn at random when it starts,
// never sent off the machine), and whoever presents it is taken for a rakor service.
#pragma once

#include <memory>

#include "grpcpp/channel.h"
#include "grpcpp/server.h"
#include "grpcpp/server_context.h"

namespace rakor {

// An in-process channel to `server`, with the published service config.
std::shared_ptr<grpc::Channel> InProcessChannel(grpc::Server& server);

// Whether `call` came over one of this process's InProcessChannels.
bool FromThisProcess(const grpc::CallbackServerContext& call);

}  // namespace rakor
