#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/time.h"
#include "services/scheduling/errors.h"
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

absl::Status ListDaysOff(RequestContext* ctx, const v1::ListDaysOffRequest* req,
                         v1::ListDaysOffResponse* resp) {
  RAKOR_ASSIGN_OR_RETURN(
      const Scheduling::DaysOffBetween found,
      ctx->scheduling->ListDaysOff(req->parent(), req->start_date(), req->end_date()));
  resp->set_time_zone(found.zone);
  for (const DayOff& d : found.days) {
    v1::ListDaysOffResponse::DayOff& out = *resp->add_days_off();
    out.set_date(absl::FormatCivilTime(d.day));
    out.set_name(d.name);
  }
  return absl::OkStatus();
}

absl::Status GetWorkingHours(RequestContext* ctx, const v1::GetWorkingHoursRequest* req,
                             v1::WorkingHours* resp) {
  RAKOR_ASSIGN_OR_RETURN(*resp, ctx->scheduling->GetWorkingHours(req->name()));
  return absl::OkStatus();
}

absl::Status UpdateWorkingHours(RequestContext* ctx, const v1::UpdateWorkingHoursRequest* req,
                                v1::WorkingHours* resp) {
  if (!req->has_working_hours()) return errors::RequiredField("working_hours");
  RAKOR_ASSIGN_OR_RETURN(
      *resp, ctx->scheduling->UpdateWorkingHours(req->working_hours(), req->update_mask(),
                                                 ctx->caller.ToString()));
  return absl::OkStatus();
}

absl::Status FindFreeSlots(RequestContext* ctx, const v1::FindFreeSlotsRequest* req,
                           v1::FindFreeSlotsResponse* resp) {
  constexpr int kDefaultSlots = 3, kMaxSlots = 20, kDefaultDays = 10, kMaxDays = 60;
  if (req->max_slots() < 0 || req->max_slots() > kMaxSlots) {
    return errors::InvalidField("max_slots", absl::StrCat("must be between 0 and ", kMaxSlots));
  }
  if (req->search_days() < 0 || req->search_days() > kMaxDays) {
    return errors::InvalidField("search_days", absl::StrCat("must be between 0 and ", kMaxDays));
  }
  if (req->duration().nanos() != 0) {
    return errors::InvalidField("duration", "must be whole seconds");
  }
  absl::Time earliest = ctx->now;
  if (req->has_earliest_time()) {
    if (!IsValidTimestamp(req->earliest_time())) {
      return errors::InvalidField("earliest_time", "must lie between years 1 and 9999");
    }
    earliest = FromProto(req->earliest_time());
  }
  const std::vector<std::string> units(req->units().begin(), req->units().end());
  RAKOR_ASSIGN_OR_RETURN(const Scheduling::FreeTime free,
                         ctx->scheduling->FindFreeSlots(
                             req->parent(), units, absl::Seconds(req->duration().seconds()),
                             earliest, req->max_slots() == 0 ? kDefaultSlots : req->max_slots(),
                             req->search_days() == 0 ? kDefaultDays : req->search_days()));
  for (const Interval& slot : free.slots) {
    v1::FindFreeSlotsResponse::Slot& out = *resp->add_slots();
    *out.mutable_start_time() = ToProto(slot.start);
    *out.mutable_end_time() = ToProto(slot.end);
    out.set_start_display(absl::FormatTime("%Y-%m-%d %H:%M %Z", slot.start, free.zone));
  }
  return absl::OkStatus();
}

}  // namespace rakor::scheduling::handlers
