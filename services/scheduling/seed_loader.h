// The series a fresh start has (data/scheduling/*.textproto): each seeded series the
// service lacks is created; one it has is left as it is, so loading again changes
// nothing.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "rakor/scheduling/v1/seed.pb.h"
#include "services/scheduling/scheduling.h"

namespace rakor::scheduling {

using SeedFiles = std::vector<std::pair<std::string, rakor::scheduling::v1::SchedulingSeed>>;

// Every seed file of `dir`, parsed (errors name the file and line); none if `dir`
// is "".
absl::StatusOr<SeedFiles> ReadSeedDirectory(const std::string& dir);

// Creates what the seed has and the service lacks. UNAVAILABLE while the registry
// does not answer (apply again later); other errors name the file and entry.
absl::Status ApplySeed(Scheduling& scheduling, const SeedFiles& seeds);

}  // namespace rakor::scheduling
