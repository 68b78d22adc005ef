#include "services/scheduling/errors.h"

#include "absl/strings/str_cat.h"
#include "common/text.h"

namespace rakor::scheduling::errors {

absl::Status SeriesNotFound(absl::string_view name) {
  return rakor::errors::AboutResource(
      kDomain, absl::NotFoundError(absl::StrCat("series ", Quote(name), " does not exist")),
      "SERIES_NOT_FOUND", name);
}

absl::Status SeriesAlreadyExists(absl::string_view name) {
  return rakor::errors::AboutResource(
      kDomain, absl::AlreadyExistsError(absl::StrCat("series ", Quote(name), " already exists")),
      "SERIES_ALREADY_EXISTS", name);
}

absl::Status ChairInAnotherRegion(absl::string_view chair, absl::string_view region) {
  return rakor::errors::BadField(
      kDomain, "CHAIR_IN_ANOTHER_REGION", "series.chair",
      absl::StrCat(Quote(chair), " is not a unit of ", Quote(region)));
}

}  // namespace rakor::scheduling::errors
