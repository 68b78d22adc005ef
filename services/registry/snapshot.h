// An immutable, in-memory view of the registry as committed. Every read and query
// runs against one snapshot, so a caller sees a consistent state and reads never
// touch the database.
//
// A write does not rebuild it: Apply() makes a new snapshot that shares every
// region the write did not touch and copies (then re-indexes) only the regions it
// did, so a write costs the size of its region, not of the registry.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rakor/registry/v1/registry_service.pb.h"
#include "rakor/registry/v1/resources.pb.h"

namespace rakor::registry {

using rakor::registry::v1::Change;
using rakor::registry::v1::Coordination;
using rakor::registry::v1::Region;
using rakor::registry::v1::RelationshipRule;
using rakor::registry::v1::Unit;
using rakor::registry::v1::UnitKind;

// valid_from <= t < valid_until (an unset valid_until is open).
bool ValidAt(const Unit& unit, absl::Time t);
bool ValidAt(const Coordination& coordination, absl::Time t);

// Entities by name. Shared, immutable: a region copied for a write copies
// pointers, not the entities.
template <typename T>
using ByName = std::map<std::string, std::shared_ptr<const T>>;

// One region and everything in it, ordered by name, all of history.
class RegionView {
 public:
  explicit RegionView(Region region) : region_(std::move(region)) {}

  const Region& region() const { return region_; }
  const ByName<Unit>& units() const { return units_; }
  // Assignments of a unit and of a unit kind alike.
  const ByName<Coordination>& coordinations() const { return coordinations_; }
  const ByName<RelationshipRule>& relationship_rules() const { return rules_; }
  // The assignment in force for `unit`, one of this region's, at `as_of`: its own,
  // or else that of its kind (Soppeng Pasal 22 ayat (3)); null if neither.
  const Coordination* CoordinationOf(const Unit& unit, absl::Time as_of) const;

 private:
  friend class Snapshot;
  // Copies the entities only: the copy's indexes are empty until Reindex().
  RegionView(const RegionView& other);
  void Put(const Change& change);  // an upsert of the entity the change carries
  // Structured citations name the region's regulation: derived again when the region
  // changes (a region written anew has no entities yet).
  void RederiveCitations();
  void Reindex();

  Region region_;
  ByName<Unit> units_;
  ByName<Coordination> coordinations_;
  ByName<RelationshipRule> rules_;
  // Indexes into the maps above, rebuilt by Reindex().
  absl::flat_hash_map<std::string, std::vector<const Coordination*>> by_unit_;
  absl::flat_hash_map<int, std::vector<const Coordination*>> by_kind_;
  absl::flat_hash_map<std::string, std::vector<const Coordination*>> by_asisten_;
  absl::flat_hash_map<int, std::vector<const Unit*>> units_by_kind_;
};

class Snapshot {
 public:
  Snapshot() = default;
  // The registry as loaded from storage.
  Snapshot(std::vector<Region> regions, std::vector<Unit> units,
           std::vector<Coordination> coordinations, std::vector<RelationshipRule> rules,
           int64_t last_sequence);

  // This snapshot with `changes` applied in order (each carries its entity), and
  // `last_sequence` as the latest committed sequence. Regions the changes do not
  // touch are shared, not copied.
  std::shared_ptr<const Snapshot> Apply(std::span<const Change> changes,
                                        int64_t last_sequence) const;

  // Every region, ordered by name (found by any string type: std::less<>).
  using Regions = std::map<std::string, std::shared_ptr<const RegionView>, std::less<>>;
  const Regions& regions() const { return regions_; }
  int64_t last_sequence() const { return last_sequence_; }

  // The region named `name`, or null.
  const RegionView* FindRegion(absl::string_view name) const;
  absl::StatusOr<const Region*> GetRegion(const std::string& name) const;
  // Any unit ever recorded under `name`, valid or not.
  const Unit* FindUnit(const std::string& name) const;
  // NOT_FOUND unless the unit exists and is valid at `as_of`.
  absl::StatusOr<const Unit*> GetUnit(const std::string& name, absl::Time as_of) const;
  // The unit as the API shows it at `as_of`: with its coordinator filled in.
  Unit View(const Unit& unit, absl::Time as_of) const;

  // The assignment in force for `unit` at `as_of`: its own, or else that of its
  // kind (Soppeng Pasal 22 ayat (3)); null if neither.
  const Coordination* CoordinationOf(const std::string& unit, absl::Time as_of) const;
  // Every assignment of `unit` itself over time, oldest first.
  const std::vector<const Coordination*>& CoordinationHistory(const std::string& unit) const;
  // Every assignment of the unit kind `kind` in `region` over time, oldest first.
  const std::vector<const Coordination*>& KindCoordinationHistory(absl::string_view region,
                                                                  UnitKind kind) const;
  // The units `asisten` coordinates at `as_of` (valid units, by their own assignment
  // or their kind's), with the assignment, ordered by unit name.
  struct Coordinated {
    const Unit* unit;
    const Coordination* by;
  };
  std::map<std::string, Coordinated> CoordinatedBy(const std::string& asisten,
                                                   absl::Time as_of) const;
  // The region's unit of `kind` valid at `as_of` (e.g. its Setda); null if none.
  const Unit* FindByKind(const std::string& region, UnitKind kind, absl::Time as_of) const;
  // Every unit of `kind` in `region`, of all times.
  const std::vector<const Unit*>& UnitsOfKind(const std::string& region, UnitKind kind) const;
  // The region's Asisten of `field` valid at `as_of`; null if none.
  const Unit* FindAsisten(const std::string& region, rakor::registry::v1::AsistenField field,
                          absl::Time as_of) const;
  // A name for a new coordination of `unit`, {region}/coordinations/{unit-id}-{n},
  // after `already_added` ones not yet in this snapshot.
  std::string NextCoordinationName(const std::string& unit, int already_added) const;
  // The same for an assignment of a kind: {region}/coordinations/kind-{kind}-{n}.
  std::string NextKindCoordinationName(const std::string& region, UnitKind kind,
                                       int already_added) const;

 private:
  Regions regions_;
  int64_t last_sequence_ = 0;
};

}  // namespace rakor::registry
