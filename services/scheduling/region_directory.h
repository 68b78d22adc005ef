// What the scheduling service asks the registry: a region's time zone, whether a
// unit exists, and a region's units (to resolve invitees). The gRPC edge answers it over the
// network (services/scheduling/clients/registry_directory.h), with a deadline on every call.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace rakor::scheduling {

// A unit as the registry describes it at some time.
struct DirectoryUnit {
  std::string name;
  std::string display_name;
  std::string kind;  // the registry's UnitKind name: "DINAS", "KECAMATAN", ...
  std::string parent;
  std::string coordinator;  // the Asisten coordinating it then, if any
  std::string contact_email;
};

class RegionDirectory {
 public:
  virtual ~RegionDirectory() = default;
  // The region's IANA zone. NOT_FOUND if the registry has no such region,
  // UNAVAILABLE if it does not answer.
  virtual absl::StatusOr<std::string> TimeZoneOf(const std::string& region) = 0;
  // OK if `unit` exists and is valid at `as_of`; NOT_FOUND if not.
  virtual absl::Status CheckUnit(const std::string& unit, absl::Time as_of) = 0;
  // Every unit of `region` valid at `as_of`, in name order.
  virtual absl::StatusOr<std::vector<DirectoryUnit>> UnitsOf(const std::string& region,
                                                             absl::Time as_of) = 0;
};

}  // namespace rakor::scheduling
