// Loads the seed files (data/<region>.textproto, rakor.registry.v1.RegionSeed in
// protobuf text format) into the registry. A malformed file fails with its path,
// line and reason; loading again adds nothing already there.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "services/registry/registry.h"

namespace rakor::registry {

absl::Status LoadSeedFile(Registry& registry, const std::string& path);
// Every *.textproto in `dir`, in name order.
absl::Status LoadSeedDirectory(Registry& registry, const std::string& dir);

}  // namespace rakor::registry
