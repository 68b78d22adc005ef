#include "common/status_macros.h"
#include "services/reporting/handlers/handlers.h"

namespace rakor::reporting::handlers {

absl::Status ListAuditEntries(RequestContext* ctx, const v1::ListAuditEntriesRequest* req,
                              v1::ListAuditEntriesResponse* resp) {
  RAKOR_ASSIGN_OR_RETURN(const std::vector<v1::AuditEntry> entries,
                         ctx->reporting->ListAuditEntries(req->document(), ctx->caller));
  for (const v1::AuditEntry& e : entries) *resp->add_entries() = e;
  return absl::OkStatus();
}

absl::Status VerifyAuditTrail(RequestContext* ctx, const v1::VerifyAuditTrailRequest*,
                              v1::VerifyAuditTrailResponse* resp) {
  RAKOR_ASSIGN_OR_RETURN(const ChainCheck check, ctx->reporting->VerifyAuditTrail(ctx->caller));
  resp->set_intact(check.intact);
  resp->set_entries(check.entries);
  resp->set_first_bad_sequence(check.first_bad_sequence);
  resp->set_problem(check.problem);
  return absl::OkStatus();
}

absl::Status ListOverdueFollowUps(RequestContext* ctx, const v1::ListOverdueFollowUpsRequest* req,
                                  v1::ListOverdueFollowUpsResponse* resp) {
  RAKOR_ASSIGN_OR_RETURN(
      const auto overdue,
      ctx->reporting->OverdueFollowUps(req->parent(), req->owner(), req->asisten(), ctx->caller));
  for (const auto& o : overdue) *resp->add_follow_ups() = o;
  return absl::OkStatus();
}

}  // namespace rakor::reporting::handlers
