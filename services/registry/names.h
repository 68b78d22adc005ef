// Resource names, parsed and built here and nowhere else (AIP-122):
//   regions/{region}
//   regions/{region}/units/{unit}
//   regions/{region}/coordinations/{coordination}
//   regions/{region}/relationshipRules/{rule}
// An id is 1-63 characters of [a-z0-9-], starting with a letter.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/resource_id.h"

namespace rakor::registry {

struct ChildName {
  std::string region;  // regions/{region}
  std::string id;
};

// Each returns INVALID_ARGUMENT naming `field` when `name` is malformed.
absl::Status ValidateId(absl::string_view field, absl::string_view id);
absl::StatusOr<std::string> ParseRegionName(absl::string_view field, absl::string_view name);
absl::StatusOr<ChildName> ParseUnitName(absl::string_view field, absl::string_view name);
// regions/{region}/{collection}/{id}
absl::StatusOr<ChildName> ParseChildName(absl::string_view field, absl::string_view name,
                                         absl::string_view collection);
// "regions/-" (every region) or a region name; returns "" for every region.
absl::StatusOr<std::string> ParseRegionOrWildcard(absl::string_view field, absl::string_view name);

std::string RegionName(absl::string_view region_id);
std::string UnitNameOf(absl::string_view region, absl::string_view unit_id);
std::string CoordinationNameOf(absl::string_view region, absl::string_view coordination_id);
std::string RelationshipRuleNameOf(absl::string_view region, absl::string_view rule_id);

// The region a child resource name belongs to ("regions/x" of "regions/x/units/y"),
// or "" when `name` has no region prefix.
std::string RegionOf(absl::string_view name);
// The same, as the part of `name` it is: no copy, for lookups on every read.
absl::string_view RegionPrefix(absl::string_view name);
// The last path segment: the id.
absl::string_view IdOf(absl::string_view name);

}  // namespace rakor::registry
