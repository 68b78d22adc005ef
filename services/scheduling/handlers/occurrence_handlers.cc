#include "absl/strings/str_cat.h"
#include "common/list_query.h"
#include "common/status_macros.h"
#include "common/time.h"
#include "services/scheduling/errors.h"
#include "services/scheduling/handlers/handlers.h"
#include "services/scheduling/names.h"

namespace rakor::scheduling::handlers {
namespace {

constexpr absl::Duration kMaxRange = absl::Hours(24 * 366 * 10);  // ten years

absl::StatusOr<absl::Time> RequiredTime(absl::string_view field,
                                        const google::protobuf::Timestamp& t, bool present) {
  if (!present) return errors::RequiredField(field);
  if (!IsValidTimestamp(t)) return errors::InvalidField(field, "must lie between years 1 and 9999");
  return FromProto(t);
}

}  // namespace

absl::Status ListOccurrences(RequestContext* ctx, const v1::ListOccurrencesRequest* req,
                             v1::ListOccurrencesResponse* resp) {
  RAKOR_ASSIGN_OR_RETURN(std::string region, ParseRegion("parent", req->parent(), true));
  RAKOR_ASSIGN_OR_RETURN(absl::Time from,
                         RequiredTime("start_time", req->start_time(), req->has_start_time()));
  RAKOR_ASSIGN_OR_RETURN(absl::Time to,
                         RequiredTime("end_time", req->end_time(), req->has_end_time()));
  if (to <= from) return errors::InvalidField("end_time", "must be after start_time");
  if (to - from > kMaxRange)
    return errors::InvalidField("end_time", "must be within ten years of start_time");
  RAKOR_ASSIGN_OR_RETURN(int page_size, PageSize(errors::kDomain, req->page_size()));
  RAKOR_ASSIGN_OR_RETURN(const auto filter, ParseFilter(errors::kDomain, req->filter(),
                                                        {"series", "chair", "form", "status"}));
  v1::MeetingForm form;
  if (filter.contains("form") && !v1::MeetingForm_Parse(filter.at("form"), &form)) {
    return errors::InvalidFilter(req->filter(), "form must be a MeetingForm, as RAPAT_KOORDINASI");
  }
  v1::OccurrenceStatus status;
  if (filter.contains("status") && !v1::OccurrenceStatus_Parse(filter.at("status"), &status)) {
    return errors::InvalidFilter(req->filter(), "status must be SCHEDULED, HELD or CANCELLED");
  }
  // The token is bound to the range and the filter as well as the parent.
  const ListQuery query{"ListOccurrences",
                        absl::StrCat(req->parent(), "|", absl::FormatTime(from), "|",
                                     absl::FormatTime(to), "|", req->filter())};
  RAKOR_ASSIGN_OR_RETURN(std::string after,
                         DecodePageToken(errors::kDomain, req->page_token(), query));
  RAKOR_ASSIGN_OR_RETURN(
      std::vector<v1::Occurrence> page,
      ctx->scheduling->ListOccurrences(region, from, to, filter, after, page_size + 1));
  if (static_cast<int>(page.size()) > page_size) {
    page.resize(page_size);
    resp->set_next_page_token(EncodePageToken(query, Scheduling::PositionOf(page.back())));
  }
  for (v1::Occurrence& o : page) *resp->add_occurrences() = std::move(o);
  return absl::OkStatus();
}

absl::Status RescheduleOccurrence(RequestContext* ctx, const v1::RescheduleOccurrenceRequest* req,
                                  v1::Occurrence* resp) {
  std::optional<absl::Time> start;
  if (req->has_start_time()) {
    RAKOR_ASSIGN_OR_RETURN(start, RequiredTime("start_time", req->start_time(), true));
  }
  RAKOR_ASSIGN_OR_RETURN(*resp, ctx->scheduling->RescheduleOccurrence(
                                    req->occurrence(), start, req->place(), req->reason(),
                                    ctx->caller.ToString(), req->refuse_conflicts()));
  return absl::OkStatus();
}

absl::Status GetOccurrence(RequestContext* ctx, const v1::GetOccurrenceRequest* req,
                           v1::Occurrence* resp) {
  RAKOR_ASSIGN_OR_RETURN(*resp, ctx->scheduling->GetOccurrence(req->name()));
  return absl::OkStatus();
}

absl::Status RespondToInvitation(RequestContext* ctx, const v1::RespondToInvitationRequest* req,
                                 v1::Occurrence* resp) {
  v1::Invitation answer;
  answer.set_unit(req->unit());
  answer.set_response(req->response());
  answer.set_delegate_name(req->delegate_name());
  answer.set_delegate_position(req->delegate_position());
  answer.set_delegate_email(req->delegate_email());
  RAKOR_ASSIGN_OR_RETURN(*resp, ctx->scheduling->RespondToInvitation(req->occurrence(), answer,
                                                                     ctx->caller.ToString()));
  return absl::OkStatus();
}

absl::Status IssueCheckInCode(RequestContext* ctx, const v1::IssueCheckInCodeRequest* req,
                              v1::Occurrence* resp) {
  RAKOR_ASSIGN_OR_RETURN(
      *resp, ctx->scheduling->IssueCheckInCode(req->occurrence(), ctx->caller.ToString()));
  return absl::OkStatus();
}

absl::Status CheckIn(RequestContext* ctx, const v1::CheckInRequest* req, v1::Occurrence* resp) {
  RAKOR_ASSIGN_OR_RETURN(
      *resp, ctx->scheduling->CheckIn(req->occurrence(), req->unit(), req->code(), req->status(),
                                      ctx->caller.ToString()));
  return absl::OkStatus();
}

absl::Status CancelOccurrence(RequestContext* ctx, const v1::CancelOccurrenceRequest* req,
                              v1::Occurrence* resp) {
  RAKOR_ASSIGN_OR_RETURN(*resp, ctx->scheduling->CancelOccurrence(req->occurrence(), req->reason(),
                                                                  ctx->caller.ToString()));
  return absl::OkStatus();
}

absl::Status RecordAttendance(RequestContext* ctx, const v1::RecordAttendanceRequest* req,
                              v1::Occurrence* resp) {
  const std::vector<v1::Attendance> attendance(req->attendance().begin(), req->attendance().end());
  RAKOR_ASSIGN_OR_RETURN(*resp, ctx->scheduling->RecordAttendance(req->occurrence(), attendance,
                                                                  ctx->caller.ToString()));
  return absl::OkStatus();
}

absl::Status MarkMinutesAccepted(RequestContext* ctx, const v1::MarkMinutesAcceptedRequest* req,
                                 v1::Occurrence* resp) {
  absl::Time accepted = ctx->now;
  if (req->has_accept_time()) {
    RAKOR_ASSIGN_OR_RETURN(accepted, RequiredTime("accept_time", req->accept_time(), true));
  }
  const std::vector<v1::FollowUp> open(req->open_follow_ups().begin(),
                                       req->open_follow_ups().end());
  RAKOR_ASSIGN_OR_RETURN(
      *resp, ctx->scheduling->MarkMinutesAccepted(req->occurrence(), req->minutes(), accepted, open,
                                                  ctx->caller.ToString()));
  return absl::OkStatus();
}

absl::Status MarkFollowUpDone(RequestContext* ctx, const v1::MarkFollowUpDoneRequest* req,
                              v1::Occurrence* resp) {
  absl::Time done = ctx->now;
  if (req->has_done_time()) {
    RAKOR_ASSIGN_OR_RETURN(done, RequiredTime("done_time", req->done_time(), true));
  }
  RAKOR_ASSIGN_OR_RETURN(
      *resp, ctx->scheduling->MarkFollowUpDone(req->occurrence(), req->follow_up(), done,
                                               ctx->caller.ToString()));
  return absl::OkStatus();
}

absl::Status GetCompliance(RequestContext* ctx, const v1::GetComplianceRequest* req,
                           v1::ComplianceReport* resp) {
  RAKOR_ASSIGN_OR_RETURN(std::string region, ParseRegion("parent", req->parent(), true));
  RAKOR_ASSIGN_OR_RETURN(
      *resp, ctx->scheduling->GetCompliance(region, req->first_month(), req->last_month()));
  return absl::OkStatus();
}

}  // namespace rakor::scheduling::handlers
