#include "common/status_macros.h"
#include "services/registry/errors.h"
#include "services/registry/handlers/handlers.h"
#include "common/list_query.h"
#include "common/time.h"
#include "services/registry/names.h"

namespace rakor::registry::handlers {

absl::Status GetRegion(RequestContext* ctx, const v1::GetRegionRequest* req, v1::Region* resp) {
  RAKOR_ASSIGN_OR_RETURN(std::string name, ParseRegionName("name", req->name()));
  RAKOR_ASSIGN_OR_RETURN(const Region* region, ctx->registry->snapshot()->GetRegion(name));
  *resp = *region;
  return absl::OkStatus();
}

absl::Status ListRegions(RequestContext* ctx, const v1::ListRegionsRequest* req,
                         v1::ListRegionsResponse* resp) {
  RAKOR_ASSIGN_OR_RETURN(int page_size, PageSize(errors::kDomain, req->page_size()));
  const ListQuery query{"ListRegions", ""};
  RAKOR_ASSIGN_OR_RETURN(std::string after, DecodePageToken(errors::kDomain, req->page_token(), query));
  const auto snapshot = ctx->registry->snapshot();
  resp->set_next_page_token(PageThrough(
      snapshot->regions(), query, after, page_size, [](const auto&) { return true; },
      [&](const RegionView& r) { *resp->add_regions() = r.region(); }));
  return absl::OkStatus();
}

absl::Status CreateRegion(RequestContext* ctx, const v1::CreateRegionRequest* req,
                          v1::Region* resp) {
  if (!req->has_region()) return errors::RequiredField("region");
  RAKOR_ASSIGN_OR_RETURN(*resp, ctx->registry->CreateRegion(req->region_id(), req->region(),
                                                            KeyOf(req->request_id(), *req),
                                                            ctx->caller.ToString()));
  return absl::OkStatus();
}

absl::Status UpdateRegion(RequestContext* ctx, const v1::UpdateRegionRequest* req,
                          v1::Region* resp) {
  RAKOR_ASSIGN_OR_RETURN(*resp,
                         ctx->registry->UpdateRegion(req->region(), req->update_mask(), ctx->caller.ToString()));
  return absl::OkStatus();
}

}  // namespace rakor::registry::handlers
