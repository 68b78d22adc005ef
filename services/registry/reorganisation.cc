#include "services/registry/reorganisation.h"

#include "common/time.h"
#include "services/registry/errors.h"
#include "services/registry/intervals.h"

namespace rakor::registry {

absl::StatusOr<std::optional<Coordination>> PlanReassignment(
    const std::vector<const Coordination*>& history, const Coordination& incoming) {
  std::optional<Coordination> closed;
  const std::string& subject =
      incoming.unit().empty() ? rakor::registry::v1::UnitKind_Name(incoming.unit_kind())
                              : incoming.unit();
  for (const Coordination* existing : history) {
    if (!Overlaps(*existing, incoming)) continue;
    if (!existing->has_valid_until() && !closed.has_value() &&
        FromProto(existing->valid_from()) < FromProto(incoming.valid_from())) {
      closed = *existing;
      *closed->mutable_valid_until() = incoming.valid_from();
      continue;
    }
    return errors::CoordinationOverlaps(subject, existing->name());
  }
  return closed;
}

}  // namespace rakor::registry
