// What the scheduling service asks the registry: a region's time zone, and whether
// a unit exists. The gRPC edge answers it over the network
// (services/scheduling/clients/registry_directory.h), with a deadline on every
// call.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace rakor::scheduling {

class RegionDirectory {
 public:
  virtual ~RegionDirectory() = default;
  // The region's IANA zone. NOT_FOUND if the registry has no such region,
  // UNAVAILABLE if it does not answer.
  virtual absl::StatusOr<std::string> TimeZoneOf(const std::string& region) = 0;
  // OK if `unit` exists and is valid at `as_of`; NOT_FOUND if not.
  virtual absl::Status CheckUnit(const std::string& unit, absl::Time as_of) = 0;
};

}  // namespace rakor::scheduling
