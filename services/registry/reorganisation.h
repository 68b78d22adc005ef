// A reorganisation of the span of control (rentang kendali). Each regulation gives
// every coordinated unit exactly one Asisten (Soppeng Pasal 22-24; Temanggung
// Pasal 26; Banjar Pasal 23), so a unit, or a unit kind, has one assignment at a
// time: a new assignment that begins after the open-ended one in force closes it
// there; any other overlap is refused. A pure function of the history.
#pragma once

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "services/registry/snapshot.h"

namespace rakor::registry {

// `history`: the existing assignments of the same unit or kind. Returns the one to
// close, with valid_until set to where `incoming` begins, or nothing.
// FAILED_PRECONDITION when `incoming` overlaps an assignment it cannot close.
absl::StatusOr<std::optional<Coordination>> PlanReassignment(
    const std::vector<const Coordination*>& history, const Coordination& incoming);

}  // namespace rakor::registry
