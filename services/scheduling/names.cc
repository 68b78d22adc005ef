#include "services/scheduling/names.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "common/limits.h"
#include "common/resource_id.h"
#include "common/status_macros.h"
#include "services/scheduling/errors.h"

namespace rakor::scheduling {

absl::Status ValidateId(absl::string_view field, absl::string_view id) {
  return rakor::ValidateId(errors::kDomain, field, id);
}

absl::StatusOr<std::string> ParseRegion(absl::string_view field, absl::string_view name,
                                        bool wildcard) {
  if (name.size() > limits::kMaxNameBytes) return errors::TooLong(field, limits::kMaxNameBytes);
  const std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 2 || parts[0] != "regions") {
    return errors::MalformedName(field, name,
                                 wildcard ? "regions/{region} or regions/-" : "regions/{region}");
  }
  if (parts[1] == "-" && wildcard) return std::string();
  if (!ValidateId(field, parts[1]).ok()) {
    return errors::MalformedName(field, name, "regions/{region}");
  }
  return std::string(name);
}

std::string WorkingHoursName(absl::string_view region) {
  return absl::StrCat(region, "/workingHours");
}

absl::StatusOr<std::string> RegionOfWorkingHours(absl::string_view field, absl::string_view name) {
  if (!absl::EndsWith(name, "/workingHours")) {
    return errors::MalformedName(field, name, "regions/{region}/workingHours");
  }
  absl::StatusOr<std::string> region = ParseRegion(field, name.substr(0, name.size() - 13), false);
  if (!region.ok()) return errors::MalformedName(field, name, "regions/{region}/workingHours");
  return region;
}

absl::StatusOr<RuleId> ParseRuleName(absl::string_view field, absl::string_view name) {
  constexpr absl::string_view kRules = "/complianceRules/";
  const size_t at = name.find(kRules);
  if (at == absl::string_view::npos) {
    return errors::MalformedName(field, name, "regions/{region}/complianceRules/{rule}");
  }
  RuleId id;
  RAKOR_ASSIGN_OR_RETURN(id.region, ParseRegion(field, name.substr(0, at), false));
  id.rule = std::string(name.substr(at + kRules.size()));
  RAKOR_RETURN_IF_ERROR(ValidateId(field, id.rule));
  return id;
}

std::string SeriesName(absl::string_view region, absl::string_view id) {
  return absl::StrCat(region, "/series/", id);
}

absl::StatusOr<std::string> RegionOfSeries(absl::string_view field, absl::string_view name) {
  if (name.size() > limits::kMaxNameBytes) return errors::TooLong(field, limits::kMaxNameBytes);
  const std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "regions" || parts[2] != "series" ||
      !ValidateId(field, parts[1]).ok() || !ValidateId(field, parts[3]).ok()) {
    return errors::MalformedName(field, name, "regions/{region}/series/{series}");
  }
  return absl::StrCat("regions/", parts[1]);
}

bool IsDocumentOf(absl::string_view region, absl::string_view name) {
  const std::string prefix = absl::StrCat(region, "/documents/");
  return absl::StartsWith(name, prefix) && IsValidId(name.substr(prefix.size()));
}

int FollowUpPlace(absl::string_view document, absl::string_view follow_up) {
  const std::string prefix = absl::StrCat(document, "/followUps/");
  int place = 0;
  if (!absl::StartsWith(follow_up, prefix) ||
      !absl::SimpleAtoi(follow_up.substr(prefix.size()), &place) || place < 1) {
    return 0;
  }
  return place;
}

std::string RegionOfUnit(absl::string_view unit) {
  const std::vector<absl::string_view> parts = absl::StrSplit(unit, '/');
  if (parts.size() != 4 || parts[0] != "regions" || parts[2] != "units") return "";
  return absl::StrCat("regions/", parts[1]);
}

std::string OccurrenceName(absl::string_view series, absl::CivilSecond original) {
  return absl::StrCat(
      series, "/occurrences/",
      absl::StrFormat("%04d%02d%02dT%02d%02d%02d", original.year(), original.month(),
                      original.day(), original.hour(), original.minute(), original.second()));
}

absl::StatusOr<OccurrenceId> ParseOccurrenceName(absl::string_view field, absl::string_view name) {
  constexpr absl::string_view kPattern =
      "regions/{region}/series/{series}/occurrences/{YYYYMMDDTHHMMSS}";
  const size_t at = name.find("/occurrences/");
  if (at == absl::string_view::npos) return errors::MalformedName(field, name, kPattern);
  OccurrenceId id;
  id.series = std::string(name.substr(0, at));
  absl::StatusOr<std::string> region = RegionOfSeries(field, id.series);
  const absl::string_view stamp = name.substr(at + 13);
  if (!region.ok() || stamp.size() != 15 || stamp[8] != 'T' ||
      !absl::ParseCivilTime(
          absl::StrCat(stamp.substr(0, 4), "-", stamp.substr(4, 2), "-", stamp.substr(6, 2), "T",
                       stamp.substr(9, 2), ":", stamp.substr(11, 2), ":", stamp.substr(13, 2)),
          &id.original)) {
    return errors::MalformedName(field, name, kPattern);
  }
  id.region = *std::move(region);
  return id;
}

absl::StatusOr<absl::CivilSecond> ParseLocal(absl::string_view field, absl::string_view text) {
  absl::CivilSecond t;
  if (text.size() != 19 || !absl::ParseCivilTime(text, &t)) {
    return errors::InvalidField(
        field, "must be a civil time in the region's zone, as 2026-01-05T09:00:00");
  }
  return t;
}

std::string FormatLocal(absl::CivilSecond t) { return absl::FormatCivilTime(t); }

}  // namespace rakor::scheduling
