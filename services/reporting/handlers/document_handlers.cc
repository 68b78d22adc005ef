#include "absl/strings/str_cat.h"
#include "common/limits.h"
#include "common/list_query.h"
#include "common/request_key.h"
#include "common/status_macros.h"
#include "services/reporting/errors.h"
#include "services/reporting/handlers/handlers.h"
#include "services/reporting/names.h"

namespace rakor::reporting::handlers {
namespace {

absl::Status TakeStep(RequestContext* ctx, const v1::StepRequest* req, Act act,
                      v1::Document* resp) {
  // Five methods take a StepRequest (and WithdrawDocument, keyed alike): the step is
  // part of the request, so an id sent with a forward cannot replay as an accept
  // (AIP-155).
  RequestKey key = KeyOf(req->request_id(), *req);
  if (!key.request_id.empty()) absl::StrAppend(&key.request, "|step=", static_cast<int>(act));
  RAKOR_ASSIGN_OR_RETURN(
      *resp, ctx->reporting->Step(req->name(), act, req->etag(), req->comment(), key, ctx->caller));
  return absl::OkStatus();
}

}  // namespace

absl::Status SubmitDocument(RequestContext* ctx, const v1::SubmitDocumentRequest* req,
                            v1::Document* resp) {
  RAKOR_ASSIGN_OR_RETURN(*resp,
                         ctx->reporting->Submit(*req, KeyOf(req->request_id(), *req), ctx->caller));
  return absl::OkStatus();
}

absl::Status GetDocument(RequestContext* ctx, const v1::GetDocumentRequest* req,
                         v1::Document* resp) {
  RAKOR_ASSIGN_OR_RETURN(*resp, ctx->reporting->Get(req->name(), ctx->caller));
  return absl::OkStatus();
}

absl::Status ListDocuments(RequestContext* ctx, const v1::ListDocumentsRequest* req,
                           v1::ListDocumentsResponse* resp) {
  RAKOR_ASSIGN_OR_RETURN(const std::string region, ParseRegion("parent", req->parent()));
  RAKOR_ASSIGN_OR_RETURN(int page_size, PageSize(errors::kDomain, req->page_size()));
  RAKOR_ASSIGN_OR_RETURN(const auto filter, ParseFilter(errors::kDomain, req->filter(),
                                                        {"awaiting", "unit", "state", "kind",
                                                         "overdue", "occurrence"}));
  v1::DocumentState state;
  if (filter.contains("state") && !v1::DocumentState_Parse(filter.at("state"), &state)) {
    return errors::InvalidFilter(req->filter(), "state must be a DocumentState, as IN_REVIEW");
  }
  v1::DocumentKind kind;
  if (filter.contains("kind") && !v1::DocumentKind_Parse(filter.at("kind"), &kind)) {
    return errors::InvalidFilter(req->filter(), "kind must be MINUTES or REPORT");
  }
  if (filter.contains("overdue") && filter.at("overdue") != "true" &&
      filter.at("overdue") != "false") {
    return errors::InvalidFilter(req->filter(), "overdue must be true or false");
  }
  // The caller is part of the query: a token is not passed between officials.
  const ListQuery query{"ListDocuments", absl::StrCat(req->parent(), "|", req->filter(), "|",
                                                      ctx->caller.ToString())};
  RAKOR_ASSIGN_OR_RETURN(std::string after,
                         DecodePageToken(errors::kDomain, req->page_token(), query));
  RAKOR_ASSIGN_OR_RETURN(std::vector<v1::Document> page,
                         ctx->reporting->List(region, filter, ctx->caller, after, page_size + 1));
  // Documents carry every revision: a page of large ones ends early, at least one in.
  size_t bytes = 0, fits = 0;
  while (fits < page.size() && static_cast<int>(fits) < page_size) {
    bytes += page[fits].ByteSizeLong();
    if (fits > 0 && bytes > limits::kMaxPageBytes) break;
    ++fits;
  }
  if (fits < page.size()) {
    page.resize(fits);
    resp->set_next_page_token(EncodePageToken(query, page.back().name()));
  }
  for (v1::Document& d : page) *resp->add_documents() = std::move(d);
  return absl::OkStatus();
}

absl::Status InitialDocument(RequestContext* ctx, const v1::StepRequest* req, v1::Document* resp) {
  return TakeStep(ctx, req, Act::kParaf, resp);
}
absl::Status ForwardDocument(RequestContext* ctx, const v1::StepRequest* req, v1::Document* resp) {
  return TakeStep(ctx, req, Act::kForward, resp);
}
absl::Status ReturnDocument(RequestContext* ctx, const v1::StepRequest* req, v1::Document* resp) {
  return TakeStep(ctx, req, Act::kReturn, resp);
}
absl::Status WithdrawDocument(RequestContext* ctx, const v1::StepRequest* req, v1::Document* resp) {
  RequestKey key = KeyOf(req->request_id(), *req);
  if (!key.request_id.empty()) absl::StrAppend(&key.request, "|withdraw");
  RAKOR_ASSIGN_OR_RETURN(
      *resp, ctx->reporting->Withdraw(req->name(), req->etag(), req->comment(), key, ctx->caller));
  return absl::OkStatus();
}
absl::Status AcceptDocument(RequestContext* ctx, const v1::StepRequest* req, v1::Document* resp) {
  return TakeStep(ctx, req, Act::kAccept, resp);
}
absl::Status AcknowledgeDocument(RequestContext* ctx, const v1::StepRequest* req,
                                 v1::Document* resp) {
  return TakeStep(ctx, req, Act::kAcknowledge, resp);
}

absl::Status CompleteFollowUp(RequestContext* ctx, const v1::CompleteFollowUpRequest* req,
                              v1::FollowUpAction* resp) {
  RAKOR_ASSIGN_OR_RETURN(
      *resp, ctx->reporting->CompleteFollowUp(req->name(), req->etag(), req->note(),
                                              KeyOf(req->request_id(), *req), ctx->caller));
  return absl::OkStatus();
}

absl::Status ResubmitDocument(RequestContext* ctx, const v1::ResubmitDocumentRequest* req,
                              v1::Document* resp) {
  if (!req->has_revision()) return errors::RequiredField("revision");
  RAKOR_ASSIGN_OR_RETURN(*resp,
                         ctx->reporting->Resubmit(req->name(), req->etag(), req->revision(),
                                                  KeyOf(req->request_id(), *req), ctx->caller));
  return absl::OkStatus();
}

}  // namespace rakor::reporting::handlers
