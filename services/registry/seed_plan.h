// What loading a seed file would add to the registry: every entity the seed has and
// the registry lacks, validated against the registry as it would be afterwards.
// A pure function of the snapshot and the seed; Registry::ApplySeed commits it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "rakor/registry/v1/seed.pb.h"
#include "services/registry/snapshot.h"

namespace rakor::registry {

struct SeedPlan {
  std::optional<Region> region;  // set when the region is new
  std::vector<Unit> units;       // parents before children
  std::vector<Coordination> coordinations;
  std::vector<RelationshipRule> rules;

  bool empty() const {
    return !region.has_value() && units.empty() && coordinations.empty() && rules.empty();
  }
};

// Names an entry in errors: locate("units", 3) -> "data/x.textproto:42: units[3]";
// an index of -1 names a singular field.
using SeedLocator = std::function<std::string(absl::string_view collection, int index)>;

// Entities get their defaults (valid from the regulation's effective time), `now` as
// their creation time, and generated coordination names.
absl::StatusOr<SeedPlan> PlanSeed(const Snapshot& snapshot,
                                  const rakor::registry::v1::RegionSeed& seed, absl::Time now,
                                  const SeedLocator& locate);

}  // namespace rakor::registry
