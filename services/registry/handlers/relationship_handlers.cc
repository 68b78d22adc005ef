#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "services/registry/handlers/handlers.h"
#include "common/list_query.h"
#include "common/time.h"
#include "services/registry/names.h"
#include "services/registry/working_relationship.h"

namespace rakor::registry::handlers {

absl::Status ListRelationshipRules(RequestContext* ctx,
                                   const v1::ListRelationshipRulesRequest* req,
                                   v1::ListRelationshipRulesResponse* resp) {
  RAKOR_ASSIGN_OR_RETURN(std::string region, ParseRegionName("parent", req->parent()));
  RAKOR_ASSIGN_OR_RETURN(int page_size, PageSize(errors::kDomain, req->page_size()));
  const ListQuery query{"ListRelationshipRules", region};
  RAKOR_ASSIGN_OR_RETURN(std::string after, DecodePageToken(errors::kDomain, req->page_token(), query));
  const auto snapshot = ctx->registry->snapshot();
  const RegionView* view = snapshot->FindRegion(region);
  if (view == nullptr) return errors::RegionNotFound(region);
  resp->set_next_page_token(PageThrough(
      view->relationship_rules(), query, after, page_size,
      [&](const RelationshipRule&) { return true; },
      [&](const RelationshipRule& r) { *resp->add_relationship_rules() = r; }));
  return absl::OkStatus();
}

absl::Status GetWorkingRelationship(RequestContext* ctx,
                                    const v1::GetWorkingRelationshipRequest* req,
                                    v1::WorkingRelationship* resp) {
  RAKOR_RETURN_IF_ERROR(ParseUnitName("unit_a", req->unit_a()).status());
  RAKOR_RETURN_IF_ERROR(ParseUnitName("unit_b", req->unit_b()).status());
  RAKOR_ASSIGN_OR_RETURN(const absl::Time as_of, AsOf(*ctx, *req));
  RAKOR_ASSIGN_OR_RETURN(*resp, WorkingRelationshipBetween(*ctx->registry->snapshot(),
                                                           req->unit_a(), req->unit_b(), as_of));
  return absl::OkStatus();
}

}  // namespace rakor::registry::handlers
