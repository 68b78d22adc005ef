// Channels from a client to a rakor service, with the published gRPC service config
// (proto/rakor/grpc_service_config.json): every call waits for a connection within
// its deadline instead of failing while a server restarts, and the methods that are
// safe to repeat (reads, MarkMinutesAccepted, MarkFollowUpDone) are retried on UNAVAILABLE. The
// CLI, the dashboard and the services' own clients all use it; other clients should too.
#pragma once

#include <memory>
#include <string>

#include "grpcpp/channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace rakor {

// The JSON of proto/rakor/grpc_service_config.json, compiled in.
extern const char kServiceConfigJson[];

// Channel arguments carrying the service config, for CreateCustomChannel and for
// grpc::Server::InProcessChannel alike.
grpc::ChannelArguments ServiceChannelArguments();

// A channel to `address` (HOST:PORT) with `credentials` (Transport::ChannelCredentials;
// plaintext by default, for development and tests).
std::shared_ptr<grpc::Channel> ServiceChannel(const std::string& address,
                                              const std::shared_ptr<grpc::ChannelCredentials>&
                                                  credentials = grpc::InsecureChannelCredentials());

}  // namespace rakor
