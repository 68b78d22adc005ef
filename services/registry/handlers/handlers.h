// The registry's RPC handlers: one plain function per RPC (parse, validate, call
// the domain, fill the response), grouped in one file per resource.
#pragma once

#include "absl/status/status.h"
#include "rakor/registry/v1/registry_service.pb.h"
#include "services/registry/handlers/request_context.h"

namespace rakor::registry::handlers {

namespace v1 = rakor::registry::v1;

// region_handlers.cc
absl::Status GetRegion(RequestContext* ctx, const v1::GetRegionRequest* req, v1::Region* resp);
absl::Status ListRegions(RequestContext* ctx, const v1::ListRegionsRequest* req,
                         v1::ListRegionsResponse* resp);
absl::Status CreateRegion(RequestContext* ctx, const v1::CreateRegionRequest* req,
                          v1::Region* resp);
absl::Status UpdateRegion(RequestContext* ctx, const v1::UpdateRegionRequest* req,
                          v1::Region* resp);

// unit_handlers.cc
absl::Status GetUnit(RequestContext* ctx, const v1::GetUnitRequest* req, v1::Unit* resp);
absl::Status ListUnits(RequestContext* ctx, const v1::ListUnitsRequest* req,
                       v1::ListUnitsResponse* resp);
absl::Status CreateUnit(RequestContext* ctx, const v1::CreateUnitRequest* req, v1::Unit* resp);
absl::Status UpdateUnit(RequestContext* ctx, const v1::UpdateUnitRequest* req, v1::Unit* resp);
absl::Status DeleteUnit(RequestContext* ctx, const v1::DeleteUnitRequest* req, v1::Unit* resp);
absl::Status GetReportingChain(RequestContext* ctx, const v1::GetReportingChainRequest* req,
                               v1::ReportingChain* resp);

// coordination_handlers.cc
absl::Status ListCoordinations(RequestContext* ctx, const v1::ListCoordinationsRequest* req,
                               v1::ListCoordinationsResponse* resp);
absl::Status CreateCoordination(RequestContext* ctx, const v1::CreateCoordinationRequest* req,
                                v1::Coordination* resp);
absl::Status GetCoordinator(RequestContext* ctx, const v1::GetCoordinatorRequest* req,
                            v1::Coordination* resp);
absl::Status ListCoordinatedUnits(RequestContext* ctx,
                                  const v1::ListCoordinatedUnitsRequest* req,
                                  v1::ListCoordinatedUnitsResponse* resp);
absl::Status GetLeadCoordinator(RequestContext* ctx, const v1::GetLeadCoordinatorRequest* req,
                                v1::LeadCoordinator* resp);

// relationship_handlers.cc
absl::Status ListRelationshipRules(RequestContext* ctx,
                                   const v1::ListRelationshipRulesRequest* req,
                                   v1::ListRelationshipRulesResponse* resp);
absl::Status GetWorkingRelationship(RequestContext* ctx,
                                    const v1::GetWorkingRelationshipRequest* req,
                                    v1::WorkingRelationship* resp);

}  // namespace rakor::registry::handlers
