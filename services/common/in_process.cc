#include "services/common/in_process.h"

#include <string>
#include <vector>

#include "absl/random/random.h"
#include "absl/strings/str_format.h"
#include "grpcpp/support/client_interceptor.h"
#include "services/common/channels.h"

namespace rakor {
namespace {

constexpr char kTokenKey[] = "rakor-in-process";

const std::string& Token() {
  static const std::string* token = [] {
    absl::BitGen random;  // seeded from the operating system's entropy
    return new std::string(absl::StrFormat("%016x%016x", absl::Uniform<uint64_t>(random),
                                           absl::Uniform<uint64_t>(random)));
  }();
  return *token;
}

class AddToken : public grpc::experimental::Interceptor {
 public:
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->insert({kTokenKey, Token()});
    }
    methods->Proceed();
  }
};

class AddTokenFactory : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo*) override {
    return new AddToken();
  }
};

}  // namespace

std::shared_ptr<grpc::Channel> InProcessChannel(grpc::Server& server) {
  std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<AddTokenFactory>());
  return server.experimental().InProcessChannelWithInterceptors(ServiceChannelArguments(),
                                                                std::move(interceptors));
}

bool FromThisProcess(const grpc::CallbackServerContext& call) {
  const auto [first, last] = call.client_metadata().equal_range(kTokenKey);
  return first != last && std::next(first) == last &&
         absl::string_view(first->second.data(), first->second.size()) == Token();
}

}  // namespace rakor
