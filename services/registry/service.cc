#include "services/registry/service.h"

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

#define RAKOR_UNARY(Method, Request, Response)                                           \
  grpc::ServerUnaryReactor* RegistryServiceImpl::Method(                                 \
      grpc::CallbackServerContext* call, const rakor::registry::v1::Request* request,    \
      rakor::registry::v1::Response* response) {                                         \
    return ServeUnary(call, #Method,                                                     \
                      RequestContext{registry_, ActorOf(call, trust_actor_metadata_),    \
                                     registry_->clock().Now()},                          \
                      request, response, handlers::Method);                              \
  }
RAKOR_UNARY(GetRegion, GetRegionRequest, Region)
RAKOR_UNARY(ListRegions, ListRegionsRequest, ListRegionsResponse)
RAKOR_UNARY(CreateRegion, CreateRegionRequest, Region)
RAKOR_UNARY(UpdateRegion, UpdateRegionRequest, Region)
RAKOR_UNARY(GetUnit, GetUnitRequest, Unit)
RAKOR_UNARY(ListUnits, ListUnitsRequest, ListUnitsResponse)
RAKOR_UNARY(CreateUnit, CreateUnitRequest, Unit)
RAKOR_UNARY(UpdateUnit, UpdateUnitRequest, Unit)
RAKOR_UNARY(DeleteUnit, DeleteUnitRequest, Unit)
RAKOR_UNARY(ListCoordinations, ListCoordinationsRequest, ListCoordinationsResponse)
RAKOR_UNARY(CreateCoordination, CreateCoordinationRequest, Coordination)
RAKOR_UNARY(ListRelationshipRules, ListRelationshipRulesRequest, ListRelationshipRulesResponse)
RAKOR_UNARY(GetCoordinator, GetCoordinatorRequest, Coordination)
RAKOR_UNARY(ListCoordinatedUnits, ListCoordinatedUnitsRequest, ListCoordinatedUnitsResponse)
RAKOR_UNARY(GetReportingChain, GetReportingChainRequest, ReportingChain)
RAKOR_UNARY(GetWorkingRelationship, GetWorkingRelationshipRequest, WorkingRelationship)
RAKOR_UNARY(GetLeadCoordinator, GetLeadCoordinatorRequest, LeadCoordinator)
#undef RAKOR_UNARY

grpc::ServerWriteReactor<rakor::registry::v1::WatchChangesResponse>*
RegistryServiceImpl::WatchChanges(grpc::CallbackServerContext*,
                                  const rakor::registry::v1::WatchChangesRequest* request) {
  return handlers::WatchChanges(registry_, request);
}

}  // namespace rakor::registry
