// Who is calling: a unit of a region and the role the caller holds there
// (DESIGN.md, "Caller identity"). Written as "<unit name>#<role>", e.g.
// "regions/soppeng/units/asisten-pemerintahan-kesra#asisten"; this text is what the
// audit trail records and what services pass on when they call each other on a
// caller's behalf.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rakor {

enum class Role {
  kAnonymous,  // nobody said who they are
  kPublic,     // a member of the public (rule 10: schedules and compliance are public)
  kStaff,      // staff of a unit
  kHead,       // the head of a unit (Kepala Dinas, Camat, ...)
  kAsisten,
  kSekda,
  kHeadOfRegion,  // Bupati or Wali Kota
  kRegionAdmin,   // maintains the region's organisation in the registry
  kService,       // another rakor service
  kNational,      // a role spanning every region
};

struct Caller {
  std::string unit;  // regions/{region}/units/{unit}; empty for anonymous and service
  Role role = Role::kAnonymous;

  static Caller Anonymous() { return Caller{}; }
  // "<unit>#<role>", "<role>" when there is no unit, "anonymous".
  std::string ToString() const;
  // The region id of the caller's unit; empty without one.
  std::string region() const;
  bool operator==(const Caller&) const = default;
};

absl::string_view RoleName(Role role);
// Parses the text form. INVALID_ARGUMENT naming `field` on anything else, quoting
// at most a short prefix of `text`.
absl::StatusOr<Caller> ParseCaller(absl::string_view field, absl::string_view text);

// The identity a client certificate carries in its URI SAN (SPIFFE style):
// "spiffe://rakor/regions/{region}/units/{unit}/role/{role}", or
// "spiffe://rakor/role/{role}" for a role without a unit (service, national).
// INVALID_ARGUMENT on anything else.
absl::StatusOr<Caller> CallerFromSpiffeId(absl::string_view uri);
std::string SpiffeIdOf(const Caller& caller);

}  // namespace rakor
