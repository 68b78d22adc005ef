#include "services/registry/working_relationship.h"

#include <algorithm>

#include "common/status_macros.h"
#include "services/registry/errors.h"
#include "services/registry/names.h"

namespace rakor::registry {

using rakor::registry::v1::WorkingRelationship;

UnitKind MatrixKind(UnitKind kind) {
  if (kind == UnitKind::ASISTEN || kind == UnitKind::BAGIAN) return UnitKind::SEKRETARIAT_DAERAH;
  return kind;
}

namespace {
bool Contains(const google::protobuf::RepeatedField<int>& side, UnitKind kind) {
  return std::find(side.begin(), side.end(), static_cast<int>(kind)) != side.end();
}
}  // namespace

absl::StatusOr<WorkingRelationship> WorkingRelationshipBetween(const Snapshot& snapshot,
                                                              const std::string& unit_a,
                                                              const std::string& unit_b,
                                                              absl::Time as_of) {
  if (unit_a == unit_b) {
    return errors::InvalidField("unit_b", "must differ from unit_a");
  }
  RAKOR_ASSIGN_OR_RETURN(const Unit* a, snapshot.GetUnit(unit_a, as_of));
  RAKOR_ASSIGN_OR_RETURN(const Unit* b, snapshot.GetUnit(unit_b, as_of));
  const std::string region = RegionOf(unit_a);
  if (RegionOf(unit_b) != region) return errors::DifferentRegions("unit_b", unit_a, unit_b);
  const UnitKind kind_a = MatrixKind(a->kind());
  const UnitKind kind_b = MatrixKind(b->kind());
  const RegionView* view = snapshot.FindRegion(region);
  if (view == nullptr) return errors::RegionNotFound(region);
  for (const auto& [name, shared] : view->relationship_rules()) {
    const RelationshipRule& rule = *shared;
    const bool forward = Contains(rule.side_a(), kind_a) && Contains(rule.side_b(), kind_b);
    const bool backward = Contains(rule.side_a(), kind_b) && Contains(rule.side_b(), kind_a);
    if (!forward && !backward) continue;
    WorkingRelationship relationship;
    relationship.set_unit_a(unit_a);
    relationship.set_unit_b(unit_b);
    for (int kind : rule.kinds()) {
      relationship.add_kinds(static_cast<rakor::registry::v1::RelationshipKind>(kind));
    }
    relationship.set_rule(name);
    relationship.set_citation(rule.citation());
    return relationship;
  }
  return errors::NoRelationshipRule(region, rakor::registry::v1::UnitKind_Name(kind_a),
                                    rakor::registry::v1::UnitKind_Name(kind_b));
}

}  // namespace rakor::registry
