// Who leads coordination of a set of units: their common Asisten, or, when they
// span several, the region's cross-Asisten lead (Soppeng Pasal 22 ayat (4)).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rakor/registry/v1/registry_service.pb.h"
#include "services/registry/snapshot.h"

namespace rakor::registry {

absl::StatusOr<rakor::registry::v1::LeadCoordinator> LeadCoordinatorOf(
    const Snapshot& snapshot, const std::vector<std::string>& units, absl::Time as_of);

}  // namespace rakor::registry
