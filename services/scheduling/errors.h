// Every error the scheduling service returns, in its domain "scheduling.rakor".
#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/errors.h"

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
inline absl::Status TooMany(absl::string_view field, int limit) {
  return rakor::errors::TooMany(kDomain, field, limit);
}

// NOT_FOUND
absl::Status SeriesNotFound(absl::string_view name);
absl::Status OccurrenceNotFound(absl::string_view name);
// FAILED_PRECONDITION
absl::Status NotYetBegun(absl::string_view occurrence);  // attendance before the meeting
absl::Status NotHeld(absl::string_view occurrence);      // minutes of a meeting not held
absl::Status Cancelled(absl::string_view occurrence);
absl::Status AlreadyHeld(absl::string_view occurrence);  // moving or cancelling the past
// ALREADY_EXISTS
absl::Status SeriesAlreadyExists(absl::string_view name);
// FAILED_PRECONDITION: the chair is not a unit of the series' region.
absl::Status ChairInAnotherRegion(absl::string_view chair, absl::string_view region);

}  // namespace rakor::scheduling::errors
