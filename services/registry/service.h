// The registry's gRPC adapter: maps each RPC to its handler through the shared
// plumbing. Holds no logic of its own.
#pragma once

#include "rakor/registry/v1/registry_service.grpc.pb.h"
#include "services/registry/handlers/request_context.h"
#include "services/registry/handlers/watch_changes.h"
#include "services/registry/registry.h"

namespace rakor::registry {

// Every unary RPC as X(Method, Request, Response): declared and defined from this list.
// Reads answer from the in-memory snapshot, on gRPC's own threads.
#define RAKOR_REGISTRY_READ_RPCS(X)                                                     \
  X(GetRegion, GetRegionRequest, Region)                                                \
  X(ListRegions, ListRegionsRequest, ListRegionsResponse)                               \
  X(GetUnit, GetUnitRequest, Unit)                                                      \
  X(ListUnits, ListUnitsRequest, ListUnitsResponse)                                     \
  X(ListCoordinations, ListCoordinationsRequest, ListCoordinationsResponse)             \
  X(ListRelationshipRules, ListRelationshipRulesRequest, ListRelationshipRulesResponse) \
  X(GetCoordinator, GetCoordinatorRequest, Coordination)                                \
  X(ListCoordinatedUnits, ListCoordinatedUnitsRequest, ListCoordinatedUnitsResponse)    \
  X(GetReportingChain, GetReportingChainRequest, ReportingChain)                        \
  X(GetWorkingRelationship, GetWorkingRelationshipRequest, WorkingRelationship)         \
  X(GetLeadCoordinator, GetLeadCoordinatorRequest, LeadCoordinator)
// Writes wait for their durable commit, on the pool for waiting handlers: there
// they queue for the next group commit instead of holding one of gRPC's few
// threads each.
#define RAKOR_REGISTRY_WRITE_RPCS(X)           \
  X(CreateRegion, CreateRegionRequest, Region) \
  X(UpdateRegion, UpdateRegionRequest, Region) \
  X(CreateUnit, CreateUnitRequest, Unit)       \
  X(UpdateUnit, UpdateUnitRequest, Unit)       \
  X(DeleteUnit, DeleteUnitRequest, Unit)       \
  X(CreateCoordination, CreateCoordinationRequest, Coordination)
#define RAKOR_REGISTRY_UNARY_RPCS(X) RAKOR_REGISTRY_READ_RPCS(X) RAKOR_REGISTRY_WRITE_RPCS(X)

class RegistryServiceImpl final : public rakor::registry::v1::RegistryService::CallbackService {
 public:
  // `insecure_development`: development mode, where a caller may state who it is in
  // the `rakor-actor` metadata entry.
  RegistryServiceImpl(Registry* registry, bool insecure_development,
                      WatchOptions watch_options = {});

#define RAKOR_DECLARE_UNARY(Method, Request, Response)                          \
  grpc::ServerUnaryReactor* Method(grpc::CallbackServerContext* call,           \
                                   const rakor::registry::v1::Request* request, \
                                   rakor::registry::v1::Response* response) override;
  RAKOR_REGISTRY_UNARY_RPCS(RAKOR_DECLARE_UNARY)
#undef RAKOR_DECLARE_UNARY

  grpc::ServerWriteReactor<rakor::registry::v1::WatchChangesResponse>* WatchChanges(
      grpc::CallbackServerContext* call,
      const rakor::registry::v1::WatchChangesRequest* request) override;

  // Ends every open WatchChanges stream with a status that says where to resume:
  // call when shutdown begins, so that streams do not hold up the drain.
  void StopWatches() { watch_hub_.Close(); }
  size_t open_watches() const { return watch_hub_.open_streams(); }

 private:
  // The caller, authorized by Policy() for `method` on `request`.
  absl::StatusOr<RequestContext> MakeContext(const grpc::CallbackServerContext& call,
                                             absl::string_view method,
                                             const google::protobuf::Message& request) const;

  Registry* registry_;
  bool insecure_development_;
  handlers::ChangeHub watch_hub_;
};

}  // namespace rakor::registry
