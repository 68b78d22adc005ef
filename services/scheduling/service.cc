#include "services/scheduling/service.h"

#include "services/common/caller_identity.h"
#include "services/common/unary_call.h"
#include "services/scheduling/errors.h"
#include "services/scheduling/handlers/handlers.h"
#include "services/scheduling/policy.h"

namespace rakor::scheduling {

absl::StatusOr<RequestContext> SchedulingServiceImpl::MakeContext(
    const grpc::CallbackServerContext& call, absl::string_view method,
    const google::protobuf::Message& request) const {
  absl::StatusOr<Caller> caller =
      AuthorizedCaller(call, insecure_development_, Policy(), errors::kDomain, method, request);
  if (!caller.ok()) return caller.status();
  return RequestContext{scheduling_, *std::move(caller), scheduling_->clock().Now()};
}

#define RAKOR_DEFINE_UNARY(Method, Request, Response)                                        \
  grpc::ServerUnaryReactor* SchedulingServiceImpl::Method(                                   \
      grpc::CallbackServerContext* call, const rakor::scheduling::v1::Request* request,      \
      rakor::scheduling::v1::Response* response) {                                           \
    return ServeUnaryBlocking(call, #Method, MakeContext(*call, #Method, *request), request, \
                              response, handlers::Method);                                   \
  }
RAKOR_SCHEDULING_UNARY_RPCS(RAKOR_DEFINE_UNARY)
#undef RAKOR_DEFINE_UNARY

}  // namespace rakor::scheduling
