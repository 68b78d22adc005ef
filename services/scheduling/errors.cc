#include "services/scheduling/errors.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/text.h"

namespace rakor::scheduling::errors {

absl::Status SeriesNotFound(absl::string_view name) {
  return rakor::errors::AboutResource(
      kDomain, absl::NotFoundError(absl::StrCat("series ", Quote(name), " does not exist")),
      "SERIES_NOT_FOUND", name);
}

absl::Status OccurrenceNotFound(absl::string_view name) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::NotFoundError(
          absl::StrCat("occurrence ", Quote(name), " is not a meeting of its series")),
      "OCCURRENCE_NOT_FOUND", name);
}

absl::Status NotYetBegun(absl::string_view occurrence) {
  return rakor::errors::AboutResource(kDomain,
                                      absl::FailedPreconditionError(absl::StrCat(
                                          "occurrence ", Quote(occurrence),
                                          " has not begun: attendance is recorded at or after "
                                          "the meeting")),
                                      "NOT_YET_BEGUN", occurrence);
}

absl::Status NotHeld(absl::string_view occurrence) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::FailedPreconditionError(absl::StrCat("occurrence ", Quote(occurrence),
                                                 " is not held: record its attendance first")),
      "NOT_HELD", occurrence);
}

absl::Status FollowUpNotFound(absl::string_view occurrence, absl::string_view follow_up) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::NotFoundError(absl::StrCat("the minutes of ", Quote(occurrence), " left no follow-up ",
                                       Quote(follow_up))),
      "FOLLOW_UP_NOT_FOUND", follow_up);
}

absl::Status MinutesNotAccepted(absl::string_view occurrence) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::FailedPreconditionError(
          absl::StrCat("the minutes of ", Quote(occurrence), " are not accepted yet")),
      "MINUTES_NOT_ACCEPTED", occurrence);
}

absl::Status Cancelled(absl::string_view occurrence) {
  return rakor::errors::AboutResource(kDomain,
                                      absl::FailedPreconditionError(absl::StrCat(
                                          "occurrence ", Quote(occurrence), " is cancelled")),
                                      "CANCELLED", occurrence);
}

absl::Status AlreadyHeld(absl::string_view occurrence) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::FailedPreconditionError(absl::StrCat("occurrence ", Quote(occurrence),
                                                 " is held: what happened is not rewritten")),
      "ALREADY_HELD", occurrence);
}

absl::Status SeriesAlreadyExists(absl::string_view name) {
  return rakor::errors::AboutResource(
      kDomain, absl::AlreadyExistsError(absl::StrCat("series ", Quote(name), " already exists")),
      "SERIES_ALREADY_EXISTS", name);
}

absl::Status ChairInAnotherRegion(absl::string_view chair, absl::string_view region) {
  return rakor::errors::BadField(kDomain, "CHAIR_IN_ANOTHER_REGION", "series.chair",
                                 absl::StrCat(Quote(chair), " is not a unit of ", Quote(region)));
}

absl::Status Conflicts(absl::string_view resource,
                       const std::vector<rakor::scheduling::v1::Conflict>& conflicts) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::FailedPreconditionError(absl::StrCat(
          Quote(resource), " conflicts (refused as asked): ",
          absl::StrJoin(conflicts, "; ",
                        [](std::string* out, const auto& c) { out->append(c.description()); }))),
      "CONFLICTS", resource);
}

absl::Status ExceptionAfterSplit(absl::string_view occurrence) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::FailedPreconditionError(absl::StrCat(
          "occurrence ", Quote(occurrence),
          " after the split point has a record (moved, cancelled, answered or attended) that the "
          "split would leave behind: split after it")),
      "EXCEPTION_AFTER_SPLIT", occurrence);
}

absl::Status CheckInClosed(absl::string_view occurrence) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::FailedPreconditionError(absl::StrCat("check-in for ", Quote(occurrence),
                                                 " is closed: it is open with an issued code from "
                                                 "30 minutes before the start to the end")),
      "CHECK_IN_CLOSED", occurrence);
}

absl::Status WrongCheckInCode(absl::string_view field) {
  return rakor::errors::BadField(kDomain, "WRONG_CHECK_IN_CODE", field,
                                 "is not the code issued for this meeting");
}

absl::Status NotInvited(absl::string_view field, absl::string_view unit,
                        absl::string_view occurrence) {
  return rakor::errors::BadField(
      kDomain, "NOT_INVITED", field,
      absl::StrCat(Quote(unit), " is not invited to ", Quote(occurrence)));
}

absl::Status UnknownUnit(absl::string_view field, absl::string_view unit) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::NotFoundError(
          absl::StrCat(field, ": unit ", Quote(unit), " does not exist in the registry")),
      "UNIT_NOT_FOUND", unit);
}

}  // namespace rakor::scheduling::errors
