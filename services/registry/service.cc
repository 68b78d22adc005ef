#include "services/registry/service.h"

#include "services/common/rpc_log.h"
#include "services/common/unary_call.h"
#include "services/registry/handlers/handlers.h"
#include "services/registry/handlers/watch_changes.h"

namespace rakor::registry {
namespace {

std::string ActorOf(const grpc::CallbackServerContext* call, bool trust_metadata) {
  if (trust_metadata) {
    const auto& metadata = call->client_metadata();
    if (auto it = metadata.find("rakor-actor"); it != metadata.end()) {
      return std::string(it->second.data(), it->second.size());
    }
  }
  return "anonymous";
}

}  // namespace

#define RAKOR_DEFINE_UNARY(Method, Request, Response)                                    \
  grpc::ServerUnaryReactor* RegistryServiceImpl::Method(                                 \
      grpc::CallbackServerContext* call, const rakor::registry::v1::Request* request,    \
      rakor::registry::v1::Response* response) {                                         \
    return ServeUnary(call, #Method,                                                     \
                      RequestContext{registry_, ActorOf(call, trust_actor_metadata_),    \
                                     registry_->clock().Now()},                          \
                      request, response, handlers::Method);                              \
  }
RAKOR_REGISTRY_UNARY_RPCS(RAKOR_DEFINE_UNARY)
#undef RAKOR_DEFINE_UNARY

grpc::ServerWriteReactor<rakor::registry::v1::WatchChangesResponse>*
RegistryServiceImpl::WatchChanges(grpc::CallbackServerContext* call,
                                  const rakor::registry::v1::WatchChangesRequest* request) {
  return handlers::WatchChanges(registry_, request, RpcLogEnabled() ? call->peer() : "");
}

}  // namespace rakor::registry
