// Field rules for resources a caller or a seed file supplies. Each failure is
// INVALID_ARGUMENT (or FAILED_PRECONDITION for a reference to the wrong kind of
// unit) naming the field, prefixed by `field` (e.g. "unit", "units[3]").
#pragma once

#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "rakor/registry/v1/resources.pb.h"
#include "services/registry/snapshot.h"

namespace rakor::registry {

absl::Status ValidateRegion(absl::string_view field, const Region& region);
// `unit.name` is already parsed; references resolve in `snapshot`.
absl::Status ValidateUnit(absl::string_view field, const Unit& unit, const Region& region,
                          const Snapshot& snapshot);
absl::Status ValidateCoordination(absl::string_view field, const Coordination& coordination,
                                  const Region& region, const Snapshot& snapshot);
absl::Status ValidateRelationshipRule(absl::string_view field, const RelationshipRule& rule,
                                      const Region& region);

}  // namespace rakor::registry
