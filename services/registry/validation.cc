#include "services/registry/validation.h"

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/email_address.h"
#include "common/limits.h"
#include "common/status_macros.h"
#include "common/text.h"
#include "common/time.h"
#include "common/time_zones.h"
#include "services/registry/citation.h"
#include "services/registry/errors.h"
#include "services/registry/intervals.h"
#include "services/registry/names.h"
#include "services/registry/unit_names.h"

namespace rakor::registry {
namespace {

using rakor::registry::v1::AsistenField_IsValid;
using rakor::registry::v1::CrossAsistenLead;
using rakor::registry::v1::CrossAsistenLead_IsValid;
using rakor::registry::v1::RegionKind_IsValid;
using rakor::registry::v1::RelationshipKind_IsValid;
using rakor::registry::v1::UnitKind_IsValid;

std::string F(absl::string_view prefix, absl::string_view field) {
  return absl::StrCat(prefix, ".", field);
}

absl::Status RequireText(absl::string_view prefix, absl::string_view field,
                         absl::string_view value) {
  if (value.empty()) return errors::RequiredField(F(prefix, field));
  if (value.size() > limits::kMaxTextBytes) {
    return errors::TooLong(F(prefix, field), limits::kMaxTextBytes);
  }
  return absl::OkStatus();
}

// At most `limit` values, no two the same once `key` is applied.
template <typename Repeated, typename Key>
absl::Status RequireDistinct(absl::string_view prefix, absl::string_view field,
                             const Repeated& values, int limit, Key key) {
  if (values.size() > limit) return errors::TooMany(F(prefix, field), limit);
  std::set<std::string> seen;
  for (const auto& value : values) {
    std::string k = key(value);
    if (!seen.insert(k).second) return errors::DuplicateValue(F(prefix, field), k);
  }
  return absl::OkStatus();
}

absl::Status RequireEnum(absl::string_view prefix, absl::string_view field, int value,
                         bool (*is_valid)(int)) {
  if (value == 0) return errors::RequiredField(F(prefix, field));
  if (!is_valid(value)) {
    return errors::InvalidField(F(prefix, field), absl::StrCat(value, " is not a known value"));
  }
  return absl::OkStatus();
}

absl::Status ValidateTime(absl::string_view prefix, absl::string_view field,
                          const google::protobuf::Timestamp& ts) {
  if (IsValidTimestamp(ts)) return absl::OkStatus();
  return errors::InvalidField(F(prefix, field), "must lie between years 1 and 9999");
}

template <typename T>
absl::Status ValidateInterval(absl::string_view prefix, const T& entity) {
  if (!entity.has_valid_from()) return errors::RequiredField(F(prefix, "valid_from"));
  RAKOR_RETURN_IF_ERROR(ValidateTime(prefix, "valid_from", entity.valid_from()));
  if (entity.has_valid_until()) {
    RAKOR_RETURN_IF_ERROR(ValidateTime(prefix, "valid_until", entity.valid_until()));
  }
  if (entity.has_valid_until() &&
      FromProto(entity.valid_until()) <= FromProto(entity.valid_from())) {
    return errors::InvalidField(F(prefix, "valid_until"), "must be after valid_from");
  }
  return absl::OkStatus();
}

// A region has one head, one Sekretariat Daerah and one Asisten per field at a time
// (Temanggung Pasal 1 angka 3, 7 and 12).
absl::Status CheckSingleton(absl::string_view field, const Unit& u, const Snapshot& snapshot) {
  if (u.kind() != UnitKind::HEAD_OF_REGION && u.kind() != UnitKind::SEKRETARIAT_DAERAH &&
      u.kind() != UnitKind::ASISTEN) {
    return absl::OkStatus();
  }
  for (const Unit* other : snapshot.UnitsOfKind(RegionOf(u.name()), u.kind())) {
    if (other->name() == u.name() || other->asisten_field() != u.asisten_field() ||
        !Overlaps(*other, u)) {
      continue;
    }
    return errors::UnitKindTaken(field, other->name());
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateRegion(absl::string_view field, const Region& r) {
  RAKOR_RETURN_IF_ERROR(RequireText(field, "display_name", r.display_name()));
  RAKOR_RETURN_IF_ERROR(RequireEnum(field, "kind", r.kind(), RegionKind_IsValid));
  RAKOR_RETURN_IF_ERROR(RequireText(field, "head_title", r.head_title()));
  RAKOR_RETURN_IF_ERROR(RequireText(field, "province", r.province()));
  RAKOR_RETURN_IF_ERROR(RequireText(field, "time_zone", r.time_zone()));
  // Checked against the allow-list before the zone database ever sees it.
  absl::TimeZone tz;
  if (!IsKnownTimeZone(r.time_zone()) || !absl::LoadTimeZone(r.time_zone(), &tz)) {
    return errors::UnknownTimeZone(F(field, "time_zone"), r.time_zone());
  }
  RAKOR_RETURN_IF_ERROR(RequireText(field, "regulation", r.regulation()));
  if (!r.has_regulation_effective_time()) {
    return errors::RequiredField(F(field, "regulation_effective_time"));
  }
  RAKOR_RETURN_IF_ERROR(
      ValidateTime(field, "regulation_effective_time", r.regulation_effective_time()));
  RAKOR_RETURN_IF_ERROR(
      RequireEnum(field, "cross_asisten_lead", r.cross_asisten_lead(), CrossAsistenLead_IsValid));
  RAKOR_RETURN_IF_ERROR(ValidateCitation(F(field, "cross_asisten_lead_citation"),
                                         r.cross_asisten_lead_citation(), r));
  const rakor::registry::v1::ReportingRules& rules = r.reporting_rules();
  for (auto [name, citation] :
       {std::pair<absl::string_view, const std::string&>{"general_policy_citation",
                                                         rules.general_policy_citation()},
        {"technical_operational_citation", rules.technical_operational_citation()},
        {"through_asisten_citation", rules.through_asisten_citation()},
        {"through_sekda_citation", rules.through_sekda_citation()},
        {"sekda_reports_citation", rules.sekda_reports_citation()},
        {"asisten_assists_sekda_citation", rules.asisten_assists_sekda_citation()}}) {
    RAKOR_RETURN_IF_ERROR(
        ValidateCitation(F(field, absl::StrCat("reporting_rules.", name)), citation, r));
  }
  if (!rules.paraf_citation().empty()) {
    RAKOR_RETURN_IF_ERROR(
        ValidateCitation(F(field, "reporting_rules.paraf_citation"), rules.paraf_citation(), r));
  }
  return absl::OkStatus();
}

absl::Status ValidateUnit(absl::string_view field, const Unit& u, const Region& region,
                          const Snapshot& snapshot) {
  RAKOR_RETURN_IF_ERROR(RequireText(field, "display_name", u.display_name()));
  RAKOR_RETURN_IF_ERROR(RequireEnum(field, "kind", u.kind(), UnitKind_IsValid));
  if (u.kind() == UnitKind::ASISTEN) {
    RAKOR_RETURN_IF_ERROR(
        RequireEnum(field, "asisten_field", u.asisten_field(), AsistenField_IsValid));
  } else if (u.asisten_field() != 0) {
    return errors::InvalidField(F(field, "asisten_field"), "is set only when kind is ASISTEN");
  }
  RAKOR_RETURN_IF_ERROR(RequireText(field, "head_title", u.head_title()));
  if (!u.parent().empty()) {
    RAKOR_RETURN_IF_ERROR(ParseUnitName(F(field, "parent"), u.parent()).status());
    if (RegionOf(u.parent()) != region.name()) {
      return errors::DifferentRegions(F(field, "parent"), u.name(), u.parent());
    }
    if (u.parent() == u.name()) {
      return errors::InvalidField(F(field, "parent"), "a unit cannot be its own parent");
    }
    const Unit* parent = snapshot.FindUnit(u.parent());
    if (parent == nullptr) {
      return errors::InvalidField(F(field, "parent"),
                                  absl::StrCat("unit \"", u.parent(), "\" does not exist"));
    }
  }
  // The parent chain must end: walking up from the parent never meets this unit.
  int depth = 0;
  for (const Unit* p = snapshot.FindUnit(u.parent()); p != nullptr && !p->parent().empty();
       p = snapshot.FindUnit(p->parent())) {
    if (p->parent() == u.name() || ++depth > limits::kMaxParentDepth) {
      return errors::InvalidField(F(field, "parent"),
                                  absl::StrCat("\"", u.parent(), "\" would make a cycle"));
    }
  }
  if (const Unit* parent = snapshot.FindUnit(u.parent());
      parent != nullptr && u.has_valid_from() && !Covers(*parent, u)) {
    return errors::OutsideValidity(F(field, "parent"), u.parent(), IntervalText(u));
  }
  RAKOR_RETURN_IF_ERROR(CheckSingleton(field, u, snapshot));
  if (!u.contact_email().empty() && !LooksLikeEmail(u.contact_email())) {
    return errors::InvalidField(
        F(field, "contact_email"),
        absl::StrCat(Quote(u.contact_email()), " is not an e-mail address (name@domain)"));
  }
  if (u.citations_size() == 0) return errors::RequiredField(F(field, "citations"));
  RAKOR_RETURN_IF_ERROR(RequireDistinct(field, "citations", u.citations(), limits::kMaxCitations,
                                        [](const std::string& c) { return c; }));
  for (int i = 0; i < u.citations_size(); ++i) {
    RAKOR_RETURN_IF_ERROR(
        ValidateCitation(absl::StrCat(field, ".citations[", i, "]"), u.citations(i), region));
  }
  if (u.official_name().size() > limits::kMaxTextBytes) {
    return errors::TooLong(F(field, "official_name"), limits::kMaxTextBytes);
  }
  RAKOR_RETURN_IF_ERROR(
      RequireDistinct(field, "aliases", u.aliases(), limits::kMaxAliases, NormalizeUnitName));
  for (int i = 0; i < u.aliases_size(); ++i) {
    RAKOR_RETURN_IF_ERROR(RequireText(field, absl::StrCat("aliases[", i, "]"), u.aliases(i)));
  }
  return ValidateInterval(field, u);
}

namespace {

// A unit `field` names: in the region, existing, and valid over all of `c`.
absl::StatusOr<const Unit*> ReferencedUnit(absl::string_view field, absl::string_view name,
                                           const std::string& value, const Coordination& c,
                                           const Region& region, const Snapshot& snapshot) {
  RAKOR_RETURN_IF_ERROR(ParseUnitName(F(field, name), value).status());
  if (RegionOf(value) != region.name()) {
    return errors::DifferentRegions(F(field, name), region.name(), value);
  }
  const Unit* unit = snapshot.FindUnit(value);
  if (unit == nullptr) return errors::UnitNotFound(value);
  if (!Covers(*unit, c)) return errors::OutsideValidity(F(field, name), value, IntervalText(c));
  return unit;
}

// An Asisten coordinates units below it (Temanggung Pasal 26; Soppeng Pasal 22-24;
// Banjar Pasal 23), never the Setda, another Asisten or the head of region.
bool Coordinable(int kind) {
  return kind != UnitKind::ASISTEN && kind != UnitKind::SEKRETARIAT_DAERAH &&
         kind != UnitKind::HEAD_OF_REGION;
}

constexpr absl::string_view kNotCoordinable =
    "an Asisten coordinates units below it, not the Setda, an Asisten or the head of region";

}  // namespace

absl::Status ValidateCoordination(absl::string_view field, const Coordination& c,
                                  const Region& region, const Snapshot& snapshot) {
  if (c.asisten().empty()) return errors::RequiredField(F(field, "asisten"));
  if (c.unit().empty() == (c.unit_kind() == UnitKind::UNIT_KIND_UNSPECIFIED)) {
    return errors::InvalidField(F(field, "unit"), "exactly one of unit and unit_kind must be set");
  }
  RAKOR_RETURN_IF_ERROR(ValidateInterval(field, c));
  RAKOR_ASSIGN_OR_RETURN(const Unit* asisten,
                         ReferencedUnit(field, "asisten", c.asisten(), c, region, snapshot));
  if (asisten->kind() != UnitKind::ASISTEN) {
    return errors::NotAnAsisten(F(field, "asisten"), c.asisten());
  }
  if (c.unit().empty()) {
    RAKOR_RETURN_IF_ERROR(RequireEnum(field, "unit_kind", c.unit_kind(), UnitKind_IsValid));
    if (!Coordinable(c.unit_kind())) {
      return errors::InvalidField(F(field, "unit_kind"), kNotCoordinable);
    }
  } else {
    RAKOR_ASSIGN_OR_RETURN(const Unit* unit,
                           ReferencedUnit(field, "unit", c.unit(), c, region, snapshot));
    if (!Coordinable(unit->kind())) return errors::InvalidField(F(field, "unit"), kNotCoordinable);
  }
  RAKOR_RETURN_IF_ERROR(RequireText(field, "citation", c.citation()));
  return ValidateCitation(F(field, "citation"), c.citation(), region);
}

absl::Status ValidateRelationshipRule(absl::string_view field, const RelationshipRule& rule,
                                      const Region& region) {
  for (auto [name, sides] :
       {std::pair<absl::string_view, const google::protobuf::RepeatedField<int>&>{"side_a",
                                                                                  rule.side_a()},
        {"side_b", rule.side_b()}}) {
    if (sides.empty()) return errors::RequiredField(F(field, name));
    RAKOR_RETURN_IF_ERROR(RequireDistinct(field, name, sides, limits::kMaxEnumList,
                                          [](int kind) { return absl::StrCat(kind); }));
    for (int kind : sides) RAKOR_RETURN_IF_ERROR(RequireEnum(field, name, kind, UnitKind_IsValid));
  }
  if (rule.kinds().empty()) return errors::RequiredField(F(field, "kinds"));
  RAKOR_RETURN_IF_ERROR(RequireDistinct(field, "kinds", rule.kinds(), limits::kMaxEnumList,
                                        [](int kind) { return absl::StrCat(kind); }));
  for (int kind : rule.kinds()) {
    RAKOR_RETURN_IF_ERROR(RequireEnum(field, "kinds", kind, RelationshipKind_IsValid));
  }
  return ValidateCitation(F(field, "citation"), rule.citation(), region);
}

}  // namespace rakor::registry
