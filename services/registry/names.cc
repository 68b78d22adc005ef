#include "services/registry/names.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "common/limits.h"
#include "common/text.h"
#include "services/registry/errors.h"

namespace rakor::registry {
absl::StatusOr<ChildName> ParseChildName(absl::string_view field, absl::string_view name,
                                         absl::string_view collection) {
  const std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "regions" || parts[2] != collection ||
      !IsValidId(parts[1]) || !IsValidId(parts[3])) {
    return errors::MalformedName(field, name,
                                 absl::StrCat("regions/{region}/", collection, "/{id}"));
  }
  return ChildName{RegionName(parts[1]), std::string(parts[3])};
}

absl::Status ValidateId(absl::string_view field, absl::string_view id) {
  return rakor::ValidateId(errors::kDomain, field, id);
}

absl::StatusOr<std::string> ParseRegionName(absl::string_view field, absl::string_view name) {
  const std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 2 || parts[0] != "regions" || !IsValidId(parts[1])) {
    return errors::MalformedName(field, name, "regions/{region}");
  }
  return std::string(name);
}

absl::StatusOr<ChildName> ParseUnitName(absl::string_view field, absl::string_view name) {
  return ParseChildName(field, name, "units");
}

absl::StatusOr<std::string> ParseRegionOrWildcard(absl::string_view field, absl::string_view name) {
  if (name == "regions/-") return std::string();
  return ParseRegionName(field, name);
}

std::string RegionName(absl::string_view region_id) { return absl::StrCat("regions/", region_id); }

std::string UnitNameOf(absl::string_view region, absl::string_view unit_id) {
  return absl::StrCat(region, "/units/", unit_id);
}

std::string CoordinationNameOf(absl::string_view region, absl::string_view coordination_id) {
  return absl::StrCat(region, "/coordinations/", coordination_id);
}

std::string RelationshipRuleNameOf(absl::string_view region, absl::string_view rule_id) {
  return absl::StrCat(region, "/relationshipRules/", rule_id);
}

std::string RegionOf(absl::string_view name) { return std::string(RegionPrefix(name)); }

absl::string_view RegionPrefix(absl::string_view name) {
  constexpr absl::string_view kRegions = "regions/";
  if (!absl::StartsWith(name, kRegions)) return "";
  return name.substr(0, name.find('/', kRegions.size()));
}

absl::string_view IdOf(absl::string_view name) {
  const size_t slash = name.rfind('/');
  return slash == absl::string_view::npos ? name : name.substr(slash + 1);
}

}  // namespace rakor::registry
