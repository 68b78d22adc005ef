#include "services/registry/unit_names.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace rakor::registry {
namespace {

template <typename Predicate>
bool AnyName(const rakor::registry::v1::Unit& unit, Predicate matches) {
  if (matches(NormalizeUnitName(unit.official_name())) ||
      matches(NormalizeUnitName(unit.display_name()))) {
    return true;
  }
  for (const std::string& alias : unit.aliases()) {
    if (matches(NormalizeUnitName(alias))) return true;
  }
  return false;
}

}  // namespace

std::string NormalizeUnitName(absl::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (absl::ascii_isspace(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(absl::ascii_tolower(c));
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool IsKnownAs(const rakor::registry::v1::Unit& unit, absl::string_view normalized_name) {
  return AnyName(unit, [&](const std::string& name) {
    return !name.empty() && name == normalized_name;
  });
}

bool NameContains(const rakor::registry::v1::Unit& unit, absl::string_view normalized_term) {
  return AnyName(unit, [&](const std::string& name) {
    return absl::StrContains(name, normalized_term);
  });
}

}  // namespace rakor::registry
