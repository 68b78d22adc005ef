// Every error the scheduling service returns, in its domain "scheduling.rakor".
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/errors.h"
#include "rakor/scheduling/v1/resources.pb.h"

namespace rakor::scheduling::errors {

inline constexpr absl::string_view kDomain = "scheduling.rakor";

inline absl::Status MalformedName(absl::string_view field, absl::string_view value,
                                  absl::string_view pattern) {
  return rakor::errors::MalformedName(kDomain, field, value, pattern);
}
inline absl::Status InvalidField(absl::string_view field, absl::string_view rule) {
  return rakor::errors::InvalidField(kDomain, field, rule);
}
inline absl::Status RequiredField(absl::string_view field) {
  return rakor::errors::RequiredField(kDomain, field);
}
inline absl::Status TooLong(absl::string_view field, size_t limit) {
  return rakor::errors::TooLong(kDomain, field, limit);
}
inline absl::Status RequireText(absl::string_view field, absl::string_view value) {
  return rakor::errors::RequireText(kDomain, field, value);
}
inline absl::Status TooMany(absl::string_view field, int limit) {
  return rakor::errors::TooMany(kDomain, field, limit);
}
inline absl::Status InvalidFilter(absl::string_view filter, absl::string_view reason) {
  return rakor::errors::InvalidFilter(kDomain, filter, reason);
}
inline absl::Status InvalidUpdateMask(absl::string_view description) {
  return rakor::errors::InvalidUpdateMask(kDomain, description);
}
inline absl::Status StaleEtag(absl::string_view name, absl::string_view sent,
                              absl::string_view current) {
  return rakor::errors::StaleEtag(kDomain, name, sent, current);
}

// NOT_FOUND
absl::Status SeriesNotFound(absl::string_view name);
absl::Status OccurrenceNotFound(absl::string_view name);
// The accepted minutes of `occurrence` left no follow-up named `follow_up` open.
absl::Status FollowUpNotFound(absl::string_view occurrence, absl::string_view follow_up);
// FAILED_PRECONDITION
absl::Status NotYetBegun(absl::string_view occurrence);         // attendance before the meeting
absl::Status NotHeld(absl::string_view occurrence);             // minutes of a meeting not held
absl::Status MinutesNotAccepted(absl::string_view occurrence);  // a follow-up done before
absl::Status Cancelled(absl::string_view occurrence);
absl::Status AlreadyHeld(absl::string_view occurrence);  // moving or cancelling the past
// FAILED_PRECONDITION: the caller asked for refusal and a meeting conflicts;
// `conflicts` describes each.
absl::Status Conflicts(absl::string_view resource,
                       const std::vector<rakor::scheduling::v1::Conflict>& conflicts);
// FAILED_PRECONDITION: a later occurrence has a record (a move, a cancellation, an
// answer, attendance) that a split would leave behind.
absl::Status ExceptionAfterSplit(absl::string_view occurrence);
// FAILED_PRECONDITION: the check-in window is closed, or no code was issued.
absl::Status CheckInClosed(absl::string_view occurrence);
// INVALID_ARGUMENT naming `field`: not the code issued.
absl::Status WrongCheckInCode(absl::string_view field);
// INVALID_ARGUMENT naming `field`: the unit is not invited to the occurrence.
absl::Status NotInvited(absl::string_view field, absl::string_view unit,
                        absl::string_view occurrence);
// NOT_FOUND naming `field`: the registry has no such unit.
absl::Status UnknownUnit(absl::string_view field, absl::string_view unit);
// ALREADY_EXISTS
absl::Status SeriesAlreadyExists(absl::string_view name);
// FAILED_PRECONDITION: the chair is not a unit of the series' region.
absl::Status ChairInAnotherRegion(absl::string_view chair, absl::string_view region);

}  // namespace rakor::scheduling::errors
