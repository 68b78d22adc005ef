#include "services/common/unparseable_requests.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/error_details.h"
#include "grpcpp/server_context.h"
#include "services/common/grpc_status.h"
#include "services/common/rpc_record.h"

namespace rakor {
namespace {

using grpc::experimental::InterceptionHookPoints;

// "/rakor.registry.v1.RegistryService/GetUnit" -> "registry.rakor"
std::string DomainOf(const std::string& method) {
  std::vector<std::string> parts = absl::StrSplit(method, absl::ByAnyChar("./"));
  return parts.size() > 2 ? absl::StrCat(parts[2], ".rakor") : "rakor";
}

class Interceptor final : public grpc::experimental::Interceptor {
 public:
  explicit Interceptor(grpc::experimental::ServerRpcInfo* info)
      : method_(info->method()), context_(info->server_context()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
      unparsed_ = methods->GetRecvMessage() == nullptr;
    }
    if (unparsed_ && methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status sent = methods->GetSendStatus();
      if (sent.error_code() == grpc::StatusCode::UNIMPLEMENTED && sent.error_message().empty()) {
        const std::string name = method_.substr(method_.rfind('/') + 1);
        const absl::Status status = WithErrorInfo(
            absl::InvalidArgumentError(absl::StrCat(
                "the request is not a valid ", name,
                " request: a string field that is not UTF-8, or a truncated or malformed "
                "message")),
            "UNPARSEABLE_REQUEST", DomainOf(method_));
        methods->ModifySendStatus(ToGrpcStatus(status));
        RecordRpc(name, status, absl::ZeroDuration(), context_->peer());
      }
    }
    methods->Proceed();
  }

 private:
  const std::string method_;
  grpc::ServerContextBase* context_;
  bool unparsed_ = false;
};

class Factory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new Interceptor(info);
  }
};

}  // namespace

std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
UnparseableRequestInterceptors() {
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> all;
  all.push_back(std::make_unique<Factory>());
  return all;
}

}  // namespace rakor
