#include "services/registry/snapshot.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/time.h"
#include "services/registry/citation.h"
#include "services/registry/errors.h"
#include "services/registry/names.h"

namespace rakor::registry {
namespace {

template <typename T>
bool ValidAtImpl(const T& entity, absl::Time t) {
  if (FromProto(entity.valid_from()) > t) return false;
  return !entity.has_valid_until() || t < FromProto(entity.valid_until());
}

void OldestFirst(std::vector<const Coordination*>& list) {
  std::sort(list.begin(), list.end(), [](const Coordination* a, const Coordination* b) {
    return FromProto(a->valid_from()) < FromProto(b->valid_from());
  });
}

const Coordination* InForce(const std::vector<const Coordination*>& history, absl::Time as_of) {
  for (const Coordination* c : history) {
    if (ValidAt(*c, as_of)) return c;
  }
  return nullptr;
}

// The region a change belongs to: a region change names the region itself.
std::string RegionOfChange(const Change& change) {
  return change.value_case() == Change::kRegion ? change.resource() : RegionOf(change.resource());
}

const std::vector<const Coordination*> kNoCoordinations;
const std::vector<const Unit*> kNoUnits;

}  // namespace

bool ValidAt(const Unit& unit, absl::Time t) { return ValidAtImpl(unit, t); }
bool ValidAt(const Coordination& coordination, absl::Time t) {
  return ValidAtImpl(coordination, t);
}

RegionView::RegionView(const RegionView& other)
    : region_(other.region_),
      units_(other.units_),
      coordinations_(other.coordinations_),
      rules_(other.rules_) {}

void RegionView::Put(const Change& change) {
  switch (change.value_case()) {
    case Change::kRegion:
      region_ = change.region();
      RederiveCitations();
      break;
    case Change::kUnit:
      units_[change.unit().name()] = std::make_shared<const Unit>(change.unit());
      break;
    case Change::kCoordination:
      coordinations_[change.coordination().name()] =
          std::make_shared<const Coordination>(change.coordination());
      break;
    case Change::kRelationshipRule:
      rules_[change.relationship_rule().name()] =
          std::make_shared<const RelationshipRule>(change.relationship_rule());
      break;
    case Change::VALUE_NOT_SET:
      break;
  }
}

void RegionView::RederiveCitations() {
  for (auto& [name, unit] : units_) {
    Unit copy = *unit;
    AddStructuredCitations(region_, &copy);
    unit = std::make_shared<const Unit>(std::move(copy));
  }
  for (auto& [name, coordination] : coordinations_) {
    Coordination copy = *coordination;
    AddStructuredCitations(region_, &copy);
    coordination = std::make_shared<const Coordination>(std::move(copy));
  }
}

void RegionView::Reindex() {
  by_unit_.clear();
  by_kind_.clear();
  by_asisten_.clear();
  units_by_kind_.clear();
  for (const auto& [name, c] : coordinations_) {
    if (c->unit_kind() != UnitKind::UNIT_KIND_UNSPECIFIED) {
      by_kind_[c->unit_kind()].push_back(c.get());
    } else {
      by_unit_[c->unit()].push_back(c.get());
    }
    by_asisten_[c->asisten()].push_back(c.get());
  }
  for (auto& [unit, list] : by_unit_) OldestFirst(list);
  for (auto& [kind, list] : by_kind_) OldestFirst(list);
  for (const auto& [name, u] : units_) units_by_kind_[u->kind()].push_back(u.get());
}

Snapshot::Snapshot(std::vector<Region> regions, std::vector<Unit> units,
                   std::vector<Coordination> coordinations, std::vector<RelationshipRule> rules,
                   int64_t last_sequence)
    : last_sequence_(last_sequence) {
  std::map<std::string, std::shared_ptr<RegionView>> views;
  for (Region& r : regions) {
    std::string name = r.name();
    views.emplace(std::move(name), std::make_shared<RegionView>(std::move(r)));
  }
  auto view_of = [&](const std::string& name) -> RegionView* {
    auto it = views.find(RegionOf(name));
    return it == views.end() ? nullptr : it->second.get();  // foreign keys forbid this
  };
  // Structured citations are derived, not stored.
  for (Unit& u : units) {
    if (RegionView* v = view_of(u.name())) {
      AddStructuredCitations(v->region_, &u);
      std::string name = u.name();
      v->units_.emplace(std::move(name), std::make_shared<const Unit>(std::move(u)));
    }
  }
  for (Coordination& c : coordinations) {
    if (RegionView* v = view_of(c.name())) {
      AddStructuredCitations(v->region_, &c);
      std::string name = c.name();
      v->coordinations_.emplace(std::move(name),
                                std::make_shared<const Coordination>(std::move(c)));
    }
  }
  for (RelationshipRule& r : rules) {
    if (RegionView* v = view_of(r.name())) {
      std::string name = r.name();
      v->rules_.emplace(std::move(name), std::make_shared<const RelationshipRule>(std::move(r)));
    }
  }
  for (auto& [name, view] : views) {
    view->Reindex();
    regions_.emplace(name, std::move(view));
  }
}

std::shared_ptr<const Snapshot> Snapshot::Apply(std::span<const Change> changes,
                                                int64_t last_sequence) const {
  auto next = std::make_shared<Snapshot>(*this);  // shares every region
  next->last_sequence_ = last_sequence;
  std::map<std::string, std::shared_ptr<RegionView>> touched;
  for (const Change& change : changes) {
    const std::string region = RegionOfChange(change);
    auto it = touched.find(region);
    if (it == touched.end()) {
      std::shared_ptr<RegionView> copy;
      if (const RegionView* existing = FindRegion(region)) {
        copy.reset(new RegionView(*existing));
      } else {
        copy = std::make_shared<RegionView>(Region());
      }
      it = touched.emplace(region, std::move(copy)).first;
    }
    it->second->Put(change);
  }
  for (auto& [name, view] : touched) {
    view->Reindex();
    next->regions_[name] = std::move(view);
  }
  return next;
}

const RegionView* Snapshot::FindRegion(absl::string_view name) const {
  auto it = regions_.find(std::string_view(name.data(), name.size()));
  return it == regions_.end() ? nullptr : it->second.get();
}

absl::StatusOr<const Region*> Snapshot::GetRegion(const std::string& name) const {
  const RegionView* view = FindRegion(name);
  if (view == nullptr) return errors::RegionNotFound(name);
  return &view->region();
}

const Unit* Snapshot::FindUnit(const std::string& name) const {
  const RegionView* view = FindRegion(RegionPrefix(name));
  if (view == nullptr) return nullptr;
  auto it = view->units_.find(name);
  return it == view->units_.end() ? nullptr : it->second.get();
}

absl::StatusOr<const Unit*> Snapshot::GetUnit(const std::string& name, absl::Time as_of) const {
  const Unit* unit = FindUnit(name);
  if (unit == nullptr) return errors::UnitNotFound(name);
  if (!ValidAt(*unit, as_of)) return errors::UnitNotValidAt(name, as_of);
  return unit;
}

Unit Snapshot::View(const Unit& unit, absl::Time as_of) const {
  Unit view = unit;
  const RegionView* region = FindRegion(RegionPrefix(unit.name()));
  if (const Coordination* c = region ? region->CoordinationOf(unit, as_of) : nullptr) {
    view.set_coordinator(c->asisten());
  }
  return view;
}

const Coordination* RegionView::CoordinationOf(const Unit& unit, absl::Time as_of) const {
  if (auto own = by_unit_.find(unit.name()); own != by_unit_.end()) {
    if (const Coordination* c = InForce(own->second, as_of)) return c;
  }
  auto kind = by_kind_.find(unit.kind());
  return kind == by_kind_.end() ? nullptr : InForce(kind->second, as_of);
}

const Coordination* Snapshot::CoordinationOf(const std::string& unit, absl::Time as_of) const {
  const RegionView* region = FindRegion(RegionPrefix(unit));
  if (region == nullptr) return nullptr;
  auto it = region->units_.find(unit);
  if (it == region->units_.end()) return InForce(CoordinationHistory(unit), as_of);
  return region->CoordinationOf(*it->second, as_of);
}

const std::vector<const Coordination*>& Snapshot::CoordinationHistory(
    const std::string& unit) const {
  const RegionView* view = FindRegion(RegionPrefix(unit));
  if (view == nullptr) return kNoCoordinations;
  auto it = view->by_unit_.find(unit);
  return it == view->by_unit_.end() ? kNoCoordinations : it->second;
}

const std::vector<const Coordination*>& Snapshot::KindCoordinationHistory(absl::string_view region,
                                                                          UnitKind kind) const {
  const RegionView* view = FindRegion(region);
  if (view == nullptr) return kNoCoordinations;
  auto it = view->by_kind_.find(kind);
  return it == view->by_kind_.end() ? kNoCoordinations : it->second;
}

std::map<std::string, Snapshot::Coordinated> Snapshot::CoordinatedBy(const std::string& asisten,
                                                                     absl::Time as_of) const {
  std::map<std::string, Coordinated> out;
  const RegionView* view = FindRegion(RegionPrefix(asisten));
  if (view == nullptr) return out;
  auto it = view->by_asisten_.find(asisten);
  if (it == view->by_asisten_.end()) return out;
  for (const Coordination* c : it->second) {
    if (!ValidAt(*c, as_of)) continue;
    if (c->unit_kind() == UnitKind::UNIT_KIND_UNSPECIFIED) {
      const Unit* u = FindUnit(c->unit());
      if (u != nullptr && ValidAt(*u, as_of)) out.emplace(c->unit(), Coordinated{u, c});
      continue;
    }
    // Every unit of the kind without an assignment of its own.
    for (const Unit* u : UnitsOfKind(view->region().name(), c->unit_kind())) {
      if (ValidAt(*u, as_of) && InForce(CoordinationHistory(u->name()), as_of) == nullptr) {
        out.emplace(u->name(), Coordinated{u, c});
      }
    }
  }
  return out;
}

const std::vector<const Unit*>& Snapshot::UnitsOfKind(const std::string& region,
                                                      UnitKind kind) const {
  const RegionView* view = FindRegion(region);
  if (view == nullptr) return kNoUnits;
  auto it = view->units_by_kind_.find(kind);
  return it == view->units_by_kind_.end() ? kNoUnits : it->second;
}

const Unit* Snapshot::FindByKind(const std::string& region, UnitKind kind, absl::Time as_of) const {
  for (const Unit* u : UnitsOfKind(region, kind)) {
    if (ValidAt(*u, as_of)) return u;
  }
  return nullptr;
}

const Unit* Snapshot::FindAsisten(const std::string& region,
                                  rakor::registry::v1::AsistenField field, absl::Time as_of) const {
  for (const Unit* u : UnitsOfKind(region, UnitKind::ASISTEN)) {
    if (u->asisten_field() == field && ValidAt(*u, as_of)) return u;
  }
  return nullptr;
}

std::string Snapshot::NextCoordinationName(const std::string& unit, int already_added) const {
  const size_t n = CoordinationHistory(unit).size() + already_added + 1;
  return CoordinationNameOf(RegionOf(unit), absl::StrCat(IdOf(unit), "-", n));
}

std::string Snapshot::NextKindCoordinationName(const std::string& region, UnitKind kind,
                                               int already_added) const {
  const size_t n = KindCoordinationHistory(region, kind).size() + already_added + 1;
  std::string kind_id = absl::AsciiStrToLower(rakor::registry::v1::UnitKind_Name(kind));
  std::replace(kind_id.begin(), kind_id.end(), '_', '-');
  return CoordinationNameOf(region, absl::StrCat("kind-", kind_id, "-", n));
}

}  // namespace rakor::registry
