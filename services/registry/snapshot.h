// An immutable, in-memory view of the whole registry as committed, rebuilt after
// every write. Every read and query runs against one snapshot, so a caller sees a
// consistent state and reads never touch SQLite.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rakor/registry/v1/resources.pb.h"

namespace rakor::registry {

using rakor::registry::v1::Coordination;
using rakor::registry::v1::Region;
using rakor::registry::v1::RelationshipRule;
using rakor::registry::v1::Unit;
using rakor::registry::v1::UnitKind;

// valid_from <= t < valid_until (an unset valid_until is open).
bool ValidAt(const Unit& unit, absl::Time t);
bool ValidAt(const Coordination& coordination, absl::Time t);

class Snapshot {
 public:
  Snapshot(std::vector<Region> regions, std::vector<Unit> units,
           std::vector<Coordination> coordinations, std::vector<RelationshipRule> rules,
           int64_t last_sequence);

  // Ordered by name, all of history.
  const std::map<std::string, Region>& regions() const { return regions_; }
  const std::map<std::string, Unit>& units() const { return units_; }
  const std::map<std::string, Coordination>& coordinations() const { return coordinations_; }
  const std::map<std::string, RelationshipRule>& relationship_rules() const { return rules_; }
  int64_t last_sequence() const { return last_sequence_; }

  absl::StatusOr<const Region*> GetRegion(const std::string& name) const;
  // Any unit ever recorded under `name`, valid or not.
  const Unit* FindUnit(const std::string& name) const;
  // NOT_FOUND unless the unit exists and is valid at `as_of`.
  absl::StatusOr<const Unit*> GetUnit(const std::string& name, absl::Time as_of) const;
  // The unit as the API shows it at `as_of`: with its coordinator filled in.
  Unit View(const Unit& unit, absl::Time as_of) const;

  // The assignment in force for `unit` at `as_of`, or null.
  const Coordination* CoordinationOf(const std::string& unit, absl::Time as_of) const;
  // Every assignment of `unit` over time, oldest first.
  const std::vector<const Coordination*>& CoordinationHistory(const std::string& unit) const;
  // The assignments of `asisten` in force at `as_of`, ordered by unit name.
  std::vector<const Coordination*> CoordinatedBy(const std::string& asisten,
                                                 absl::Time as_of) const;
  // The region's unit of `kind` valid at `as_of` (e.g. its Setda); null if none.
  const Unit* FindByKind(const std::string& region, UnitKind kind, absl::Time as_of) const;
  // The region's Asisten of `field` valid at `as_of`; null if none.
  const Unit* FindAsisten(const std::string& region, rakor::registry::v1::AsistenField field,
                          absl::Time as_of) const;
  // A name for a new coordination of `unit`, {region}/coordinations/{unit-id}-{n},
  // after `already_added` ones not yet in this snapshot.
  std::string NextCoordinationName(const std::string& unit, int already_added) const;

 private:
  std::map<std::string, Region> regions_;
  std::map<std::string, Unit> units_;
  std::map<std::string, Coordination> coordinations_;
  std::map<std::string, RelationshipRule> rules_;
  absl::flat_hash_map<std::string, std::vector<const Coordination*>> by_unit_;
  absl::flat_hash_map<std::string, std::vector<const Coordination*>> by_asisten_;
  // Units by (region, kind): the Setda, the head, the Asisten are looked up per query.
  absl::flat_hash_map<std::pair<std::string, int>, std::vector<const Unit*>> units_by_kind_;
  int64_t last_sequence_ = 0;
};

}  // namespace rakor::registry
