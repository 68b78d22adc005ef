#include "common/caller.h"

#include <array>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/limits.h"
#include "common/text.h"

namespace rakor {
namespace {

constexpr std::array<std::pair<Role, absl::string_view>, 10> kRoles = {{
    {Role::kAnonymous, "anonymous"},
    {Role::kPublic, "public"},
    {Role::kStaff, "staff"},
    {Role::kHead, "head"},
    {Role::kAsisten, "asisten"},
    {Role::kSekda, "sekda"},
    {Role::kHeadOfRegion, "head-of-region"},
    {Role::kRegionAdmin, "region-admin"},
    {Role::kService, "service"},
    {Role::kNational, "national"},
}};

absl::Status Invalid(absl::string_view field, absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", Quote(text),
                                                 " is not a caller of the form "
                                                 "\"regions/{region}/units/{unit}#{role}\": ",
                                                 why));
}

// regions/{region}/units/{unit}, each id of [a-z0-9-].
bool IsUnitName(absl::string_view name) {
  const std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "regions" || parts[2] != "units") return false;
  for (absl::string_view id : {parts[1], parts[3]}) {
    if (id.empty() || id.size() > limits::kMaxIdBytes) return false;
    for (char c : id) {
      if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') return false;
    }
  }
  return true;
}

}  // namespace

absl::string_view RoleName(Role role) {
  for (const auto& [r, name] : kRoles) {
    if (r == role) return name;
  }
  return "anonymous";
}

std::string Caller::ToString() const {
  if (unit.empty()) return std::string(RoleName(role));
  return absl::StrCat(unit, "#", RoleName(role));
}

std::string Caller::region() const {
  const std::vector<absl::string_view> parts = absl::StrSplit(unit, '/');
  return parts.size() >= 2 && parts[0] == "regions" ? std::string(parts[1]) : "";
}

absl::StatusOr<Caller> ParseCaller(absl::string_view field, absl::string_view text) {
  if (text.size() > limits::kMaxNameBytes) return Invalid(field, text, "too long");
  const size_t hash = text.rfind('#');
  const absl::string_view unit = hash == absl::string_view::npos ? "" : text.substr(0, hash);
  const absl::string_view role_name =
      hash == absl::string_view::npos ? text : text.substr(hash + 1);
  Caller caller;
  bool known = false;
  for (const auto& [role, name] : kRoles) {
    if (name == role_name) {
      caller.role = role;
      known = true;
    }
  }
  if (!known) return Invalid(field, text, "unknown role");
  if (!unit.empty() && !IsUnitName(unit)) return Invalid(field, text, "malformed unit name");
  const bool needs_unit = caller.role != Role::kAnonymous && caller.role != Role::kPublic &&
                          caller.role != Role::kService && caller.role != Role::kNational;
  if (needs_unit && unit.empty()) return Invalid(field, text, "this role needs a unit");
  caller.unit = std::string(unit);
  return caller;
}

namespace {
constexpr absl::string_view kSpiffePrefix = "spiffe://rakor/";
}  // namespace

absl::StatusOr<Caller> CallerFromSpiffeId(absl::string_view uri) {
  constexpr absl::string_view kField = "client certificate URI SAN";
  if (!absl::ConsumePrefix(&uri, kSpiffePrefix)) {
    return absl::InvalidArgumentError(
        absl::StrCat(kField, ": ", Quote(uri), " is not a rakor identity (spiffe://rakor/...)"));
  }
  const size_t role = uri.rfind("/role/");
  const bool unitless = absl::StartsWith(uri, "role/");
  if (role == absl::string_view::npos && !unitless) {
    return absl::InvalidArgumentError(
        absl::StrCat(kField, ": ", Quote(uri), " names no role (.../role/{role})"));
  }
  const std::string text = unitless ? std::string(uri.substr(5))
                                    : absl::StrCat(uri.substr(0, role), "#", uri.substr(role + 6));
  absl::StatusOr<Caller> caller = ParseCaller(kField, text);
  // Only the canonical form: "role/regions/r/units/u#head" and the like would
  // otherwise let whoever may issue one identity mint another.
  if (caller.ok() && SpiffeIdOf(*caller) != absl::StrCat(kSpiffePrefix, uri)) {
    return absl::InvalidArgumentError(
        absl::StrCat(kField, ": ", Quote(uri), " is not a canonical rakor identity"));
  }
  return caller;
}

std::string SpiffeIdOf(const Caller& caller) {
  if (caller.unit.empty()) return absl::StrCat(kSpiffePrefix, "role/", RoleName(caller.role));
  return absl::StrCat(kSpiffePrefix, caller.unit, "/role/", RoleName(caller.role));
}

}  // namespace rakor
