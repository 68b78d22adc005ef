// The chain a unit's reports and minutes travel up: unit -> (structural parent)
// -> Asisten in charge -> Sekretaris Daerah -> head of region, each step with the
// articles it rests on (the region's ReportingRules and the coordination).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rakor/registry/v1/registry_service.pb.h"
#include "services/registry/snapshot.h"

namespace rakor::registry {

absl::StatusOr<rakor::registry::v1::ReportingChain> ReportingChainOf(
    const Snapshot& snapshot, const std::string& unit, rakor::registry::v1::Matter matter,
    absl::Time as_of);

}  // namespace rakor::registry
