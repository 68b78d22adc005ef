// The scheduling service's gRPC adapter: maps each RPC to its handler through the
// shared plumbing. Holds no logic of its own.
#pragma once

#include "rakor/scheduling/v1/scheduling_service.grpc.pb.h"
#include "services/scheduling/handlers/request_context.h"
#include "services/scheduling/scheduling.h"

namespace rakor::scheduling {

#define RAKOR_SCHEDULING_UNARY_RPCS(X)                                \
  X(CreateSeries, CreateSeriesRequest, Series)                        \
  X(GetSeries, GetSeriesRequest, Series)                              \
  X(ListSeries, ListSeriesRequest, ListSeriesResponse)                \
  X(UpdateSeries, UpdateSeriesRequest, Series)                        \
  X(SplitSeries, SplitSeriesRequest, SplitSeriesResponse)             \
  X(ListOccurrences, ListOccurrencesRequest, ListOccurrencesResponse) \
  X(GetOccurrence, GetOccurrenceRequest, Occurrence)                  \
  X(RespondToInvitation, RespondToInvitationRequest, Occurrence)      \
  X(IssueCheckInCode, IssueCheckInCodeRequest, Occurrence)            \
  X(CheckIn, CheckInRequest, Occurrence)                              \
  X(FindFreeSlots, FindFreeSlotsRequest, FindFreeSlotsResponse)       \
  X(GetWorkingHours, GetWorkingHoursRequest, WorkingHours)            \
  X(UpdateWorkingHours, UpdateWorkingHoursRequest, WorkingHours)      \
  X(ImportDaysOff, ImportDaysOffRequest, ImportDaysOffResponse)       \
  X(ListDaysOff, ListDaysOffRequest, ListDaysOffResponse)             \
  X(RescheduleOccurrence, RescheduleOccurrenceRequest, Occurrence)    \
  X(CancelOccurrence, CancelOccurrenceRequest, Occurrence)            \
  X(RecordAttendance, RecordAttendanceRequest, Occurrence)            \
  X(MarkMinutesAccepted, MarkMinutesAcceptedRequest, Occurrence)      \
  X(MarkFollowUpDone, MarkFollowUpDoneRequest, Occurrence)            \
  X(GetCompliance, GetComplianceRequest, ComplianceReport)

class SchedulingServiceImpl final
    : public rakor::scheduling::v1::SchedulingService::CallbackService {
 public:
  // `insecure_development`: development mode (see the registry's service).
  SchedulingServiceImpl(Scheduling* scheduling, bool insecure_development)
      : scheduling_(scheduling), insecure_development_(insecure_development) {}

#define RAKOR_DECLARE_UNARY(Method, Request, Response)                            \
  grpc::ServerUnaryReactor* Method(grpc::CallbackServerContext* call,             \
                                   const rakor::scheduling::v1::Request* request, \
                                   rakor::scheduling::v1::Response* response) override;
  RAKOR_SCHEDULING_UNARY_RPCS(RAKOR_DECLARE_UNARY)
#undef RAKOR_DECLARE_UNARY

 private:
  // The caller, authorized by Policy() for `method` on `request`.
  absl::StatusOr<RequestContext> MakeContext(const grpc::CallbackServerContext& call,
                                             absl::string_view method,
                                             const google::protobuf::Message& request) const;

  Scheduling* scheduling_;
  bool insecure_development_;
};

}  // namespace rakor::scheduling
