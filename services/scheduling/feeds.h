// Calendar feeds to subscribe to (RFC 5545, METHOD:PUBLISH): a region's meetings,
// or those a unit chairs or is invited to, from three months back to a year ahead.
// Public, as schedules are (regulations/README.md rule 10): no attendees, no answers.
// The window moves by whole months, so that the same schedule gives the same bytes
// on every sync within a month.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/scheduling/scheduling.h"

namespace rakor::scheduling {

// `region`: regions/{region}.
absl::StatusOr<std::string> RegionFeed(Scheduling& scheduling, const std::string& region,
                                       absl::Time now);
// `unit`: regions/{region}/units/{unit}.
absl::StatusOr<std::string> UnitFeed(Scheduling& scheduling, const std::string& unit,
                                     absl::Time now);

}  // namespace rakor::scheduling
