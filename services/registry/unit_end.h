// What ending a unit's validity (DeleteUnit) takes. History is kept, so a unit is
// never erased: its interval ends. Nothing may go on referring to it after the end
// (a structural child, an assignment naming it as Asisten), since the reporting
// chain (regulations/README.md rule 4) would then pass through a unit that no
// longer exists; its own assignment in force ends with it. A pure function of the
// snapshot.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/registry/snapshot.h"

namespace rakor::registry {

// The unit's own assignments to close at `end` (each with valid_until set), or
// FAILED_PRECONDITION naming what still refers to the unit after `end`.
absl::StatusOr<std::vector<Coordination>> PlanUnitEnd(const Snapshot& snapshot, const Unit& unit,
                                                      absl::Time end);

}  // namespace rakor::registry
