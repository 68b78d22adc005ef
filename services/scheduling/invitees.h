// Who a meeting invites: a series' selectors (explicit units, the units an Asisten
// coordinates, every Perangkat Daerah, every Kecamatan, the Forkopimda) resolved
// against the registry's units as of the meeting's date, so that a reorganisation
// changes the invitees of later meetings only.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "rakor/scheduling/v1/resources.pb.h"
#include "services/scheduling/region_directory.h"

namespace rakor::scheduling {

using Selectors = google::protobuf::RepeatedPtrField<rakor::scheduling::v1::InviteeSelector>;

inline constexpr int kMaxSelectors = 100;

// Each selector names exactly one unit, Asisten or group of `region`.
absl::Status ValidateSelectors(const Selectors& selectors, const std::string& region);

// Each unit or Asisten a selector names is among `units` (an Asisten as one); the
// registry's answer for the time of the check.
absl::Status CheckSelectorsExist(const Selectors& selectors,
                                 const std::vector<DirectoryUnit>& units);

// The invited units among `units` (the region's, as of the meeting's date), in
// name order, each once: required if any selector naming it is required. A unit
// named explicitly that no longer exists is left out.
std::vector<rakor::scheduling::v1::Invitation> ResolveInvitees(
    const Selectors& selectors, const std::vector<DirectoryUnit>& units);

// The invitations of a meeting: `selectors` resolved against `units`, each with
// the answer `answers` record for its unit (NEEDS_ACTION if none).
std::vector<rakor::scheduling::v1::Invitation> InvitationsWithAnswers(
    const Selectors& selectors, const std::vector<DirectoryUnit>& units,
    const google::protobuf::RepeatedPtrField<rakor::scheduling::v1::Invitation>& answers);

// Who must be free for the meeting: the chair and the required invitees.
std::set<std::string> RequiredParticipants(const rakor::scheduling::v1::Series& series,
                                           const std::vector<DirectoryUnit>& units);

}  // namespace rakor::scheduling
