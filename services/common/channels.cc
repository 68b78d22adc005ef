#include "services/common/channels.h"

#include "grpcpp/create_channel.h"

namespace rakor {

grpc::ChannelArguments ServiceChannelArguments() {
  grpc::ChannelArguments args;
  args.SetServiceConfigJSON(kServiceConfigJson);
  return args;
}

std::shared_ptr<grpc::Channel> ServiceChannel(
    const std::string& address, const std::shared_ptr<grpc::ChannelCredentials>& credentials) {
  return grpc::CreateCustomChannel(address, credentials, ServiceChannelArguments());
}

}  // namespace rakor
