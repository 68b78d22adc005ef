// Resource names of the scheduling API, parsed and built here only:
// regions/{region}, regions/{region}/series/{series}, regions/{region}/workingHours,
// regions/{region}/series/{series}/occurrences/{YYYYMMDDTHHMMSS},
// regions/{region}/complianceRules/{rule}.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace rakor::scheduling {

// "regions/x" -> "regions/x"; "regions/-" -> "" (every region) when `wildcard`.
absl::StatusOr<std::string> ParseRegion(absl::string_view field, absl::string_view name,
                                        bool wildcard);
absl::Status ValidateId(absl::string_view field, absl::string_view id);
std::string SeriesName(absl::string_view region, absl::string_view id);
// regions/{region}/workingHours, the region's working hours.
std::string WorkingHoursName(absl::string_view region);
absl::StatusOr<std::string> RegionOfWorkingHours(absl::string_view field, absl::string_view name);
// The region of a series name; an error naming `field` if it is not one.
absl::StatusOr<std::string> RegionOfSeries(absl::string_view field, absl::string_view name);
// The region a unit name of the registry belongs to ("" if it is not a unit name).
std::string RegionOfUnit(absl::string_view unit);
std::string OccurrenceName(absl::string_view series, absl::CivilSecond original);
struct RuleId {
  std::string region;  // regions/{region}
  std::string rule;    // {rule}
};
// A compliance rule's name; an error naming `field` if it is not one.
absl::StatusOr<RuleId> ParseRuleName(absl::string_view field, absl::string_view name);
struct OccurrenceId {
  std::string region;
  std::string series;
  absl::CivilSecond original;  // its RECURRENCE-ID
};
absl::StatusOr<OccurrenceId> ParseOccurrenceName(absl::string_view field, absl::string_view name);

// The reporting service's names, which scheduling only compares: whether `name` is
// a document of `region` (regions/{region}/documents/{id}), and the place n of a
// follow-up regions/{region}/documents/{id}/followUps/{n} of `document` (0 if not).
bool IsDocumentOf(absl::string_view region, absl::string_view name);
int FollowUpPlace(absl::string_view document, absl::string_view follow_up);

// Civil times on the wire: "2026-01-05T09:00:00".
absl::StatusOr<absl::CivilSecond> ParseLocal(absl::string_view field, absl::string_view text);
std::string FormatLocal(absl::CivilSecond t);

}  // namespace rakor::scheduling
