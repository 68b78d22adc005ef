// Finding a unit by the names people use for it: its official name as the
// regulation writes it, its display name, or a known alias. Matching ignores case
// and runs of spaces, since callers copy names from letters and regulations alike
// ("Sekretariat Dewan Perwakilan Rakyat Daerah", "BLUD RSUD").
#pragma once

#include <string>

#include "absl/strings/string_view.h"
#include "rakor/registry/v1/resources.pb.h"

namespace rakor::registry {

// Lower-case ASCII letters, single spaces, no leading or trailing space.
std::string NormalizeUnitName(absl::string_view name);

// Whether one of the unit's names equals `normalized_name` (already normalized).
bool IsKnownAs(const rakor::registry::v1::Unit& unit, absl::string_view normalized_name);
// Whether one of the unit's names contains `normalized_term` (already normalized).
bool NameContains(const rakor::registry::v1::Unit& unit, absl::string_view normalized_term);

}  // namespace rakor::registry
