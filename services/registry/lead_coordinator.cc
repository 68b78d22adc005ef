#include "services/registry/lead_coordinator.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "services/registry/errors.h"
#include "services/registry/names.h"

namespace rakor::registry {

using rakor::registry::v1::CrossAsistenLead;
using rakor::registry::v1::LeadCoordinator;

absl::StatusOr<LeadCoordinator> LeadCoordinatorOf(const Snapshot& snapshot,
                                                  const std::vector<std::string>& units,
                                                  absl::Time as_of) {
  if (units.empty()) return errors::RequiredField("units");
  const std::string region_name = RegionOf(units.front());
  std::set<std::string> asisten;
  const Coordination* first = nullptr;
  for (size_t i = 0; i < units.size(); ++i) {
    RAKOR_RETURN_IF_ERROR(snapshot.GetUnit(units[i], as_of).status());
    if (RegionOf(units[i]) != region_name) {
      return errors::DifferentRegions(absl::StrCat("units[", i, "]"), units.front(), units[i]);
    }
    // A unit no Asisten coordinates (an Asisten, the Setda, the head of region, the
    // Forkopimda) takes no part in choosing: a meeting's invitees include them.
    const Coordination* c = snapshot.CoordinationOf(units[i], as_of);
    if (c == nullptr) continue;
    if (first == nullptr) first = c;
    asisten.insert(c->asisten());
  }
  if (first == nullptr) return errors::NoCoordinator(units.front(), as_of);
  LeadCoordinator lead;
  for (const std::string& a : asisten) lead.add_coordinators(a);
  if (asisten.size() == 1) {
    lead.set_lead(*asisten.begin());
    lead.set_citation(first->citation());
    return lead;
  }
  RAKOR_ASSIGN_OR_RETURN(const Region* region, snapshot.GetRegion(region_name));
  const Unit* leader =
      region->cross_asisten_lead() == CrossAsistenLead::LEAD_ASISTEN_PEMERINTAHAN_KESRA
          ? snapshot.FindAsisten(region_name, rakor::registry::v1::PEMERINTAHAN_KESRA, as_of)
          : snapshot.FindByKind(region_name, UnitKind::SEKRETARIAT_DAERAH, as_of);
  if (leader == nullptr) {
    return errors::NoUnitOfKind(
        region_name, rakor::registry::v1::CrossAsistenLead_Name(region->cross_asisten_lead()),
        as_of);
  }
  lead.set_lead(leader->name());
  lead.set_citation(region->cross_asisten_lead_citation());
  return lead;
}

}  // namespace rakor::registry
