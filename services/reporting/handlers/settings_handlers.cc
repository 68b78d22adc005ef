#include "common/status_macros.h"
#include "services/reporting/errors.h"
#include "services/reporting/handlers/handlers.h"

namespace rakor::reporting::handlers {

absl::Status GetReportingSettings(RequestContext* ctx, const v1::GetReportingSettingsRequest* req,
                                  v1::ReportingSettings* resp) {
  RAKOR_ASSIGN_OR_RETURN(*resp, ctx->reporting->GetSettings(req->name()));
  return absl::OkStatus();
}

absl::Status UpdateReportingSettings(RequestContext* ctx,
                                     const v1::UpdateReportingSettingsRequest* req,
                                     v1::ReportingSettings* resp) {
  if (!req->has_settings()) return errors::RequiredField("settings");
  RAKOR_ASSIGN_OR_RETURN(
      *resp, ctx->reporting->UpdateSettings(req->settings(), req->update_mask(), ctx->caller));
  return absl::OkStatus();
}

}  // namespace rakor::reporting::handlers
