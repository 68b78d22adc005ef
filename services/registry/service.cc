#include "services/registry/service.h"

#include "services/common/caller_identity.h"
#include "services/common/unary_call.h"
#include "services/registry/errors.h"
#include "services/registry/handlers/handlers.h"
#include "services/registry/policy.h"

namespace rakor::registry {

RegistryServiceImpl::RegistryServiceImpl(Registry* registry, bool insecure_development,
                                         WatchOptions watch_options)
    : registry_(registry),
      insecure_development_(insecure_development),
      watch_hub_(
          "WatchChanges", std::string(errors::kDomain), &registry->feed(),
          [registry](const std::string& region, int64_t after, int limit) {
            return registry->ChangesAfter(region, after, limit);
          },
          [&] {
            watch_options.refuse_sequence_ahead = !registry->shared();
            return watch_options;
          }()) {}

absl::StatusOr<RequestContext> RegistryServiceImpl::MakeContext(
    const grpc::CallbackServerContext& call, absl::string_view method,
    const google::protobuf::Message& request) const {
  absl::StatusOr<Caller> caller =
      AuthorizedCaller(call, insecure_development_, Policy(), errors::kDomain, method, request);
  if (!caller.ok()) return caller.status();
  return RequestContext{registry_, *std::move(caller), registry_->clock().Now()};
}

#define RAKOR_DEFINE_UNARY(Serve, Method, Request, Response)                              \
  grpc::ServerUnaryReactor* RegistryServiceImpl::Method(                                  \
      grpc::CallbackServerContext* call, const rakor::registry::v1::Request* request,     \
      rakor::registry::v1::Response* response) {                                          \
    return Serve(call, #Method, MakeContext(*call, #Method, *request), request, response, \
                 handlers::Method);                                                       \
  }
#define RAKOR_DEFINE_READ(Method, Request, Response) \
  RAKOR_DEFINE_UNARY(ServeUnary, Method, Request, Response)
#define RAKOR_DEFINE_WRITE(Method, Request, Response) \
  RAKOR_DEFINE_UNARY(ServeUnaryBlocking, Method, Request, Response)
RAKOR_REGISTRY_READ_RPCS(RAKOR_DEFINE_READ)
RAKOR_REGISTRY_WRITE_RPCS(RAKOR_DEFINE_WRITE)
#undef RAKOR_DEFINE_WRITE
#undef RAKOR_DEFINE_READ
#undef RAKOR_DEFINE_UNARY

grpc::ServerWriteReactor<rakor::registry::v1::WatchChangesResponse>*
RegistryServiceImpl::WatchChanges(grpc::CallbackServerContext* call,
                                  const rakor::registry::v1::WatchChangesRequest* request) {
  // Public, but through the same door: a caller must be known (a certificate in
  // production) and may not speak for another unless it is a service.
  if (absl::StatusOr<RequestContext> ctx = MakeContext(*call, "WatchChanges", *request);
      !ctx.ok()) {
    return RefuseStream<rakor::registry::v1::WatchChangesResponse>("WatchChanges", ctx.status(),
                                                                   *call);
  }
  return handlers::WatchChanges(registry_, &watch_hub_, call, request);
}

}  // namespace rakor::registry
