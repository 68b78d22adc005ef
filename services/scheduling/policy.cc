#include "services/scheduling/policy.h"

#include <vector>

// The rows name only the members they set (designated initializers); the rest keep
// their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace rakor::scheduling {

absl::Span<const MethodPolicy> Policy() {
  const std::vector<Grant> national = Grants({Role::kNational}, Reach::kEveryRegion);
  // Meetings are organised by the region's officials (the Setda's staff prepare
  // them for the Sekda and the Asisten), each in their own region.
  const std::vector<Grant> organisers =
      Grants({Role::kStaff, Role::kHead, Role::kAsisten, Role::kSekda, Role::kHeadOfRegion,
              Role::kRegionAdmin},
             Reach::kOwnRegion) +
      national;
  // An invited unit answers and checks in for itself; the Asisten, the Sekda and
  // the head of region may record it for any unit of their region.
  const std::vector<Grant> invitee =
      Grants({Role::kStaff, Role::kHead}, Reach::kOwnUnit) +
      Grants({Role::kAsisten, Role::kSekda, Role::kHeadOfRegion, Role::kRegionAdmin},
             Reach::kOwnRegion) +
      national;
  // The region's calendar: its administrator or its Sekda.
  const std::vector<Grant> calendar =
      Grants({Role::kRegionAdmin, Role::kSekda}, Reach::kOwnRegion) + national;
  static const auto* policy = new std::vector<MethodPolicy>{
      // Meeting schedules and compliance are public information (rule 10: Soppeng
      // Pasal 14, Temanggung Pasal 15, Banjar Pasal 16).
      {.method = "GetSeries", .is_public = true},
      {.method = "ListSeries", .is_public = true},
      {.method = "ListOccurrences", .is_public = true},
      {.method = "GetOccurrence", .is_public = true},
      {.method = "FindFreeSlots", .is_public = true},
      {.method = "ListDaysOff", .is_public = true},
      {.method = "GetWorkingHours", .is_public = true},
      {.method = "GetCompliance", .is_public = true},
      {.method = "CreateSeries", .target = "parent", .grants = organisers},
      {.method = "UpdateSeries", .target = "series.name", .grants = organisers},
      {.method = "SplitSeries", .target = "occurrence", .grants = organisers},
      {.method = "RescheduleOccurrence", .target = "occurrence", .grants = organisers},
      {.method = "CancelOccurrence", .target = "occurrence", .grants = organisers},
      {.method = "IssueCheckInCode", .target = "occurrence", .grants = organisers},
      {.method = "RecordAttendance", .target = "occurrence", .grants = organisers},
      {.method = "RespondToInvitation", .target = "unit", .grants = invitee},
      {.method = "CheckIn", .target = "unit", .grants = invitee},
      {.method = "ImportDaysOff",
       .target = "parent",
       .grants = calendar,
       .max_request_bytes = limits::kMaxCalendarRequestBytes},
      {.method = "UpdateWorkingHours", .target = "working_hours.name", .grants = calendar},
      // Minutes are accepted by the Sekda (Temanggung Pasal 25 ayat (1)) in the
      // reporting service, which alone tells scheduling so: no official marks a
      // meeting's minutes accepted here, past the document's route.
      {.method = "MarkMinutesAccepted",
       .target = "occurrence",
       .grants = Grants({Role::kService}, Reach::kEveryRegion)},
      // Follow-ups are recorded done in the reporting service (CompleteFollowUp).
      {.method = "MarkFollowUpDone",
       .target = "occurrence",
       .grants = Grants({Role::kService}, Reach::kEveryRegion)},
  };
  return *policy;
}

}  // namespace rakor::scheduling
