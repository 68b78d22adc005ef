#include "services/registry/unit_end.h"

#include "common/time.h"
#include "services/registry/errors.h"
#include "services/registry/intervals.h"
#include "services/registry/names.h"

namespace rakor::registry {

absl::StatusOr<std::vector<Coordination>> PlanUnitEnd(const Snapshot& snapshot, const Unit& unit,
                                                      absl::Time end) {
  const RegionView* region = snapshot.FindRegion(RegionOf(unit.name()));
  if (region == nullptr) return errors::UnitNotFound(unit.name());
  Unit after_end;  // the interval [end, forever)
  *after_end.mutable_valid_from() = ToProto(end);
  for (const auto& [child_name, shared] : region->units()) {
    const Unit& child = *shared;
    if (child.parent() == unit.name() && Overlaps(child, after_end)) {
      return errors::UnitStillReferenced(unit.name(), child_name);
    }
  }
  std::vector<Coordination> closed;
  for (const auto& [name, shared] : region->coordinations()) {
    const Coordination& c = *shared;
    if ((c.asisten() != unit.name() && c.unit() != unit.name()) || !Overlaps(c, after_end)) {
      continue;
    }
    if (c.unit() == unit.name() && FromProto(c.valid_from()) < end && closed.empty()) {
      Coordination ended = c;  // the unit's own assignment in force ends with it
      *ended.mutable_valid_until() = ToProto(end);
      closed.push_back(std::move(ended));
      continue;
    }
    return errors::UnitStillReferenced(unit.name(), name);
  }
  return closed;
}

}  // namespace rakor::registry
