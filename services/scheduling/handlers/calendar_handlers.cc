#include "common/status_macros.h"
#include "services/scheduling/handlers/handlers.h"

namespace rakor::scheduling::handlers {

absl::Status ImportDaysOff(RequestContext* ctx, const v1::ImportDaysOffRequest* req,
                           v1::ImportDaysOffResponse* resp) {
  RAKOR_ASSIGN_OR_RETURN(Scheduling::Imported imported,
                         ctx->scheduling->ImportDaysOff(req->parent(), req->ics(), req->source(),
                                                        ctx->caller.ToString()));
  resp->set_added(imported.added);
  resp->set_already_known(imported.already_known);
  return absl::OkStatus();
}

}  // namespace rakor::scheduling::handlers
