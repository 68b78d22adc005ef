#include "services/registry/snapshot.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

#include "common/time.h"
#include "services/registry/errors.h"
#include "services/registry/names.h"

namespace rakor::registry {
namespace {

template <typename T>
bool ValidAtImpl(const T& entity, absl::Time t) {
  if (FromProto(entity.valid_from()) > t) return false;
  return !entity.has_valid_until() || t < FromProto(entity.valid_until());
}

template <typename T>
std::map<std::string, T> ByName(std::vector<T> items) {
  std::map<std::string, T> out;
  for (T& item : items) {
    std::string name = item.name();
    out.emplace(std::move(name), std::move(item));
  }
  return out;
}

}  // namespace

bool ValidAt(const Unit& unit, absl::Time t) { return ValidAtImpl(unit, t); }
bool ValidAt(const Coordination& coordination, absl::Time t) {
  return ValidAtImpl(coordination, t);
}

Snapshot::Snapshot(std::vector<Region> regions, std::vector<Unit> units,
                   std::vector<Coordination> coordinations, std::vector<RelationshipRule> rules,
                   int64_t last_sequence)
    : regions_(ByName(std::move(regions))),
      units_(ByName(std::move(units))),
      coordinations_(ByName(std::move(coordinations))),
      rules_(ByName(std::move(rules))),
      last_sequence_(last_sequence) {
  for (const auto& [name, c] : coordinations_) {
    by_unit_[c.unit()].push_back(&c);
    by_asisten_[c.asisten()].push_back(&c);
  }
  for (auto& [unit, list] : by_unit_) {
    std::sort(list.begin(), list.end(), [](const Coordination* a, const Coordination* b) {
      return FromProto(a->valid_from()) < FromProto(b->valid_from());
    });
  }
  for (const auto& [name, u] : units_) {
    units_by_kind_[{RegionOf(name), u.kind()}].push_back(&u);
  }
}

absl::StatusOr<const Region*> Snapshot::GetRegion(const std::string& name) const {
  auto it = regions_.find(name);
  if (it == regions_.end()) return errors::RegionNotFound(name);
  return &it->second;
}

const Unit* Snapshot::FindUnit(const std::string& name) const {
  auto it = units_.find(name);
  return it == units_.end() ? nullptr : &it->second;
}

absl::StatusOr<const Unit*> Snapshot::GetUnit(const std::string& name, absl::Time as_of) const {
  const Unit* unit = FindUnit(name);
  if (unit == nullptr) return errors::UnitNotFound(name);
  if (!ValidAt(*unit, as_of)) return errors::UnitNotValidAt(name, as_of);
  return unit;
}

Unit Snapshot::View(const Unit& unit, absl::Time as_of) const {
  Unit view = unit;
  if (const Coordination* c = CoordinationOf(unit.name(), as_of)) {
    view.set_coordinator(c->asisten());
  }
  return view;
}

const Coordination* Snapshot::CoordinationOf(const std::string& unit, absl::Time as_of) const {
  for (const Coordination* c : CoordinationHistory(unit)) {
    if (ValidAt(*c, as_of)) return c;
  }
  return nullptr;
}

const std::vector<const Coordination*>& Snapshot::CoordinationHistory(
    const std::string& unit) const {
  static const std::vector<const Coordination*> kNone;
  auto it = by_unit_.find(unit);
  return it == by_unit_.end() ? kNone : it->second;
}

std::vector<const Coordination*> Snapshot::CoordinatedBy(const std::string& asisten,
                                                         absl::Time as_of) const {
  std::vector<const Coordination*> out;
  auto it = by_asisten_.find(asisten);
  if (it == by_asisten_.end()) return out;
  for (const Coordination* c : it->second) {
    if (ValidAt(*c, as_of)) out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](const Coordination* a, const Coordination* b) {
    return a->unit() < b->unit();
  });
  return out;
}

const Unit* Snapshot::FindByKind(const std::string& region, UnitKind kind,
                                 absl::Time as_of) const {
  auto it = units_by_kind_.find({region, kind});
  if (it == units_by_kind_.end()) return nullptr;
  for (const Unit* u : it->second) {
    if (ValidAt(*u, as_of)) return u;
  }
  return nullptr;
}

const Unit* Snapshot::FindAsisten(const std::string& region,
                                  rakor::registry::v1::AsistenField field,
                                  absl::Time as_of) const {
  auto it = units_by_kind_.find({region, UnitKind::ASISTEN});
  if (it == units_by_kind_.end()) return nullptr;
  for (const Unit* u : it->second) {
    if (u->asisten_field() == field && ValidAt(*u, as_of)) {
      return u;
    }
  }
  return nullptr;
}

std::string Snapshot::NextCoordinationName(const std::string& unit, int already_added) const {
  const size_t n = CoordinationHistory(unit).size() + already_added + 1;
  return CoordinationNameOf(RegionOf(unit), absl::StrCat(IdOf(unit), "-", n));
}


}  // namespace rakor::registry
