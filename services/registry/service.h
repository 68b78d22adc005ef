// The registry's gRPC adapter: maps each RPC to its handler through the shared
// plumbing. Holds no logic of its own.
#pragma once

#include "rakor/registry/v1/registry_service.grpc.pb.h"
#include "services/registry/registry.h"

namespace rakor::registry {

class RegistryServiceImpl final : public rakor::registry::v1::RegistryService::CallbackService {
 public:
  // `trust_actor_metadata`: development mode, where a caller may state who it is in
  // the `rakor-actor` metadata entry.
  RegistryServiceImpl(Registry* registry, bool trust_actor_metadata)
      : registry_(registry), trust_actor_metadata_(trust_actor_metadata) {}

#define RAKOR_UNARY(Method, Request, Response)                                          \
  grpc::ServerUnaryReactor* Method(grpc::CallbackServerContext* call,                   \
                                   const rakor::registry::v1::Request* request,         \
                                   rakor::registry::v1::Response* response) override;
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

  grpc::ServerWriteReactor<rakor::registry::v1::WatchChangesResponse>* WatchChanges(
      grpc::CallbackServerContext* call,
      const rakor::registry::v1::WatchChangesRequest* request) override;

 private:
  Registry* registry_;
  bool trust_actor_metadata_;
};

}  // namespace rakor::registry
