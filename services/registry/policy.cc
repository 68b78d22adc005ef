#include "services/registry/policy.h"

#include <vector>

// The rows name only the members they set (designated initializers); the rest keep
// their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace rakor::registry {

absl::Span<const MethodPolicy> Policy() {
  // The organisation is public: the regulations that fix it are published, and the
  // information system they allow is open to the public (Soppeng Pasal 14,
  // Temanggung Pasal 15, Banjar Pasal 16). A reorganisation is written by the
  // region's administrator, or by a national one.
  const std::vector<Grant> admins = Grants({Role::kRegionAdmin}, Reach::kOwnRegion) +
                                    Grants({Role::kNational}, Reach::kEveryRegion);
  static const auto* policy = new std::vector<MethodPolicy>{
      {.method = "GetRegion", .is_public = true},
      {.method = "ListRegions", .is_public = true},
      {.method = "GetUnit", .is_public = true},
      {.method = "ListUnits", .is_public = true},
      {.method = "ListCoordinations", .is_public = true},
      {.method = "ListRelationshipRules", .is_public = true},
      {.method = "GetCoordinator", .is_public = true},
      {.method = "ListCoordinatedUnits", .is_public = true},
      {.method = "GetReportingChain", .is_public = true},
      {.method = "GetWorkingRelationship", .is_public = true},
      {.method = "GetLeadCoordinator", .is_public = true},
      {.method = "WatchChanges", .is_public = true},
      // A new region is a national decision.
      {.method = "CreateRegion", .grants = Grants({Role::kNational}, Reach::kEveryRegion)},
      {.method = "UpdateRegion", .target = "region.name", .grants = admins},
      {.method = "CreateUnit", .target = "parent", .grants = admins},
      {.method = "UpdateUnit", .target = "unit.name", .grants = admins},
      {.method = "DeleteUnit", .target = "name", .grants = admins},
      {.method = "CreateCoordination", .target = "parent", .grants = admins},
  };
  return *policy;
}

}  // namespace rakor::registry
