#include "services/registry/seed_plan.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/time.h"
#include "common/status_macros.h"
#include "services/registry/errors.h"
#include "services/registry/intervals.h"
#include "services/registry/names.h"
#include "services/registry/validation.h"
#include "storage/etag.h"

namespace rakor::registry {
namespace {

using storage::EtagForRevision;

template <typename T>
void StampCreated(T* entity, absl::Time now) {
  entity->set_etag(EtagForRevision(1));
  *entity->mutable_create_time() = ToProto(now);
  *entity->mutable_update_time() = ToProto(now);
}

// Orders units so that each comes after its parent, when the parent is new too
// (foreign keys are checked row by row).
std::vector<Unit> ParentsFirst(std::vector<Unit> units) {
  absl::flat_hash_set<std::string> pending;
  for (const Unit& u : units) pending.insert(u.name());
  std::vector<Unit> ordered;
  while (!units.empty()) {
    std::vector<Unit> later;
    for (Unit& u : units) {
      if (pending.contains(u.parent())) {
        later.push_back(std::move(u));
      } else {
        pending.erase(u.name());
        ordered.push_back(std::move(u));
      }
    }
    if (later.size() == units.size()) break;  // a cycle: validation has refused it
    units = std::move(later);
  }
  return ordered;
}

}  // namespace

absl::StatusOr<SeedPlan> PlanSeed(const Snapshot& snap, const rakor::registry::v1::RegionSeed& seed,
                                  absl::Time now, const SeedLocator& locate) {
  SeedPlan plan;
  Region region = seed.region();
  RAKOR_RETURN_IF_ERROR(ParseRegionName(locate("region.name", -1), region.name()).status());
  RAKOR_RETURN_IF_ERROR(ValidateRegion(locate("region", -1), region));
  RoundToStoredPrecision(region.mutable_regulation_effective_time());
  const absl::Time effective = FromProto(region.regulation_effective_time());
  if (snap.FindRegion(region.name()) == nullptr) {
    StampCreated(&region, now);
    plan.region = region;
  }

  // Units, validated against the registry as it would be with them.
  std::vector<int> unit_index;  // where each new unit stands in the file
  absl::flat_hash_set<std::string> seen;
  for (int i = 0; i < seed.units_size(); ++i) {
    Unit u = seed.units(i);
    const std::string field = locate("units", i);
    RAKOR_ASSIGN_OR_RETURN(ChildName parsed, ParseUnitName(field + ".name", u.name()));
    if (parsed.region != region.name()) {
      return errors::DifferentRegions(field + ".name", region.name(), u.name());
    }
    if (!seen.insert(u.name()).second) {
      return errors::InvalidField(field + ".name", absl::StrCat("\"", u.name(), "\" appears twice"));
    }
    if (snap.FindUnit(u.name()) != nullptr) continue;
    NormalizeInterval(&u, effective);
    StampCreated(&u, now);
    plan.units.push_back(std::move(u));
    unit_index.push_back(i);
  }
  std::vector<Change> additions;
  if (plan.region.has_value()) {
    Change& change = additions.emplace_back();
    change.set_resource(plan.region->name());
    *change.mutable_region() = *plan.region;
  }
  for (const Unit& u : plan.units) {
    Change& change = additions.emplace_back();
    change.set_resource(u.name());
    *change.mutable_unit() = u;
  }
  const std::shared_ptr<const Snapshot> after_ptr = snap.Apply(additions, snap.last_sequence());
  const Snapshot& after = *after_ptr;
  for (size_t i = 0; i < plan.units.size(); ++i) {
    RAKOR_RETURN_IF_ERROR(ValidateUnit(locate("units", unit_index[i]), plan.units[i], region, after));
  }
  plan.units = ParentsFirst(std::move(plan.units));

  // Coordinations.
  for (int i = 0; i < seed.coordinations_size(); ++i) {
    Coordination c = seed.coordinations(i);
    const std::string field = locate("coordinations", i);
    NormalizeInterval(&c, effective);
    RAKOR_RETURN_IF_ERROR(ParseUnitName(field + ".asisten", c.asisten()).status());
    if (!c.unit().empty()) RAKOR_RETURN_IF_ERROR(ParseUnitName(field + ".unit", c.unit()).status());
    // Already recorded (same Asisten, unit and start): kept as it is, even if a later
    // reorganisation has closed it since.
    const bool of_kind = c.unit().empty();
    const auto& history = of_kind ? snap.KindCoordinationHistory(region.name(), c.unit_kind())
                                  : snap.CoordinationHistory(c.unit());
    const bool present = std::any_of(history.begin(), history.end(), [&](const Coordination* e) {
      return e->asisten() == c.asisten() && FromProto(e->valid_from()) == FromProto(c.valid_from());
    });
    if (present) continue;
    RAKOR_RETURN_IF_ERROR(ValidateCoordination(field, c, region, after));
    const std::string subject =
        of_kind ? rakor::registry::v1::UnitKind_Name(c.unit_kind()) : c.unit();
    for (const Coordination* existing : history) {
      if (Overlaps(*existing, c)) return errors::CoordinationOverlaps(subject, existing->name());
    }
    int added_for_subject = 0;
    for (const Coordination& other : plan.coordinations) {
      if (other.unit() != c.unit() || other.unit_kind() != c.unit_kind()) continue;
      if (Overlaps(other, c)) {
        return errors::InvalidField(field + (of_kind ? ".unit_kind" : ".unit"),
                                    absl::StrCat("\"", subject, "\" is coordinated twice"));
      }
      ++added_for_subject;
    }
    c.set_name(of_kind ? snap.NextKindCoordinationName(region.name(), c.unit_kind(),
                                                       added_for_subject)
                       : snap.NextCoordinationName(c.unit(), added_for_subject));
    *c.mutable_create_time() = ToProto(now);
    plan.coordinations.push_back(std::move(c));
  }

  for (int i = 0; i < seed.relationship_rules_size(); ++i) {
    const RelationshipRule& r = seed.relationship_rules(i);
    const std::string field = locate("relationship_rules", i);
    RAKOR_ASSIGN_OR_RETURN(ChildName parsed,
                           ParseChildName(field + ".name", r.name(), "relationshipRules"));
    if (parsed.region != region.name()) {
      return errors::DifferentRegions(field + ".name", region.name(), r.name());
    }
    RAKOR_RETURN_IF_ERROR(ValidateRelationshipRule(field, r, region));
    const RegionView* existing = snap.FindRegion(region.name());
    if (existing == nullptr || !existing->relationship_rules().contains(r.name())) {
      plan.rules.push_back(r);
    }
  }
  return plan;
}

}  // namespace rakor::registry
