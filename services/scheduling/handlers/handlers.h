// One plain function per RPC: parse, validate, call the domain, fill the response.
#pragma once

#include "absl/status/status.h"
#include "rakor/scheduling/v1/scheduling_service.pb.h"
#include "services/scheduling/handlers/request_context.h"

namespace rakor::scheduling::handlers {

namespace v1 = rakor::scheduling::v1;

absl::Status CreateSeries(RequestContext* ctx, const v1::CreateSeriesRequest* req,
                          v1::Series* resp);
absl::Status GetSeries(RequestContext* ctx, const v1::GetSeriesRequest* req, v1::Series* resp);
absl::Status ListSeries(RequestContext* ctx, const v1::ListSeriesRequest* req,
                        v1::ListSeriesResponse* resp);
absl::Status UpdateSeries(RequestContext* ctx, const v1::UpdateSeriesRequest* req,
                          v1::Series* resp);
absl::Status SplitSeries(RequestContext* ctx, const v1::SplitSeriesRequest* req,
                         v1::SplitSeriesResponse* resp);
absl::Status GetOccurrence(RequestContext* ctx, const v1::GetOccurrenceRequest* req,
                           v1::Occurrence* resp);
absl::Status RespondToInvitation(RequestContext* ctx, const v1::RespondToInvitationRequest* req,
                                 v1::Occurrence* resp);
absl::Status IssueCheckInCode(RequestContext* ctx, const v1::IssueCheckInCodeRequest* req,
                              v1::Occurrence* resp);
absl::Status CheckIn(RequestContext* ctx, const v1::CheckInRequest* req, v1::Occurrence* resp);
absl::Status GetWorkingHours(RequestContext* ctx, const v1::GetWorkingHoursRequest* req,
                             v1::WorkingHours* resp);
absl::Status UpdateWorkingHours(RequestContext* ctx, const v1::UpdateWorkingHoursRequest* req,
                                v1::WorkingHours* resp);
absl::Status FindFreeSlots(RequestContext* ctx, const v1::FindFreeSlotsRequest* req,
                           v1::FindFreeSlotsResponse* resp);
absl::Status ListOccurrences(RequestContext* ctx, const v1::ListOccurrencesRequest* req,
                             v1::ListOccurrencesResponse* resp);
absl::Status RescheduleOccurrence(RequestContext* ctx, const v1::RescheduleOccurrenceRequest* req,
                                  v1::Occurrence* resp);
absl::Status CancelOccurrence(RequestContext* ctx, const v1::CancelOccurrenceRequest* req,
                              v1::Occurrence* resp);
absl::Status RecordAttendance(RequestContext* ctx, const v1::RecordAttendanceRequest* req,
                              v1::Occurrence* resp);
absl::Status MarkMinutesAccepted(RequestContext* ctx, const v1::MarkMinutesAcceptedRequest* req,
                                 v1::Occurrence* resp);
absl::Status MarkFollowUpDone(RequestContext* ctx, const v1::MarkFollowUpDoneRequest* req,
                              v1::Occurrence* resp);
absl::Status GetCompliance(RequestContext* ctx, const v1::GetComplianceRequest* req,
                           v1::ComplianceReport* resp);
absl::Status ImportDaysOff(RequestContext* ctx, const v1::ImportDaysOffRequest* req,
                           v1::ImportDaysOffResponse* resp);
absl::Status ListDaysOff(RequestContext* ctx, const v1::ListDaysOffRequest* req,
                         v1::ListDaysOffResponse* resp);

}  // namespace rakor::scheduling::handlers
