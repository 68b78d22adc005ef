#include "services/scheduling/errors.h"

#include "absl/strings/str_cat.h"
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

}  // namespace rakor::scheduling::errors
