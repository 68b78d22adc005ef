#include "common/list_query.h"
#include "common/request_key.h"
#include "common/status_macros.h"
#include "services/scheduling/errors.h"
#include "services/scheduling/handlers/handlers.h"
#include "services/scheduling/names.h"

namespace rakor::scheduling::handlers {

absl::Status CreateSeries(RequestContext* ctx, const v1::CreateSeriesRequest* req,
                          v1::Series* resp) {
  if (!req->has_series()) return errors::RequiredField("series");
  RAKOR_ASSIGN_OR_RETURN(
      *resp, ctx->scheduling->CreateSeries(req->parent(), req->series_id(), req->series(),
                                           KeyOf(req->request_id(), *req), ctx->caller.ToString(),
                                           req->refuse_conflicts()));
  return absl::OkStatus();
}

absl::Status UpdateSeries(RequestContext* ctx, const v1::UpdateSeriesRequest* req,
                          v1::Series* resp) {
  if (!req->has_series()) return errors::RequiredField("series");
  RAKOR_ASSIGN_OR_RETURN(*resp, ctx->scheduling->UpdateSeries(req->series(), req->update_mask(),
                                                              ctx->caller.ToString()));
  return absl::OkStatus();
}

absl::Status SplitSeries(RequestContext* ctx, const v1::SplitSeriesRequest* req,
                         v1::SplitSeriesResponse* resp) {
  RAKOR_ASSIGN_OR_RETURN(
      *resp, ctx->scheduling->SplitSeries(req->occurrence(), req->new_series_id(), req->series(),
                                          req->update_mask(), KeyOf(req->request_id(), *req),
                                          ctx->caller.ToString()));
  return absl::OkStatus();
}

absl::Status GetSeries(RequestContext* ctx, const v1::GetSeriesRequest* req, v1::Series* resp) {
  RAKOR_ASSIGN_OR_RETURN(*resp, ctx->scheduling->GetSeries(req->name()));
  return absl::OkStatus();
}

absl::Status ListSeries(RequestContext* ctx, const v1::ListSeriesRequest* req,
                        v1::ListSeriesResponse* resp) {
  RAKOR_ASSIGN_OR_RETURN(std::string region, ParseRegion("parent", req->parent(), true));
  RAKOR_ASSIGN_OR_RETURN(int page_size, PageSize(errors::kDomain, req->page_size()));
  const ListQuery query{"ListSeries", req->parent()};
  RAKOR_ASSIGN_OR_RETURN(std::string after,
                         DecodePageToken(errors::kDomain, req->page_token(), query));
  std::vector<v1::Series> page = ctx->scheduling->ListSeries(region, after, page_size + 1);
  if (static_cast<int>(page.size()) > page_size) {
    page.resize(page_size);
    resp->set_next_page_token(EncodePageToken(query, page.back().name()));
  }
  for (v1::Series& s : page) *resp->add_series() = std::move(s);
  return absl::OkStatus();
}

}  // namespace rakor::scheduling::handlers
