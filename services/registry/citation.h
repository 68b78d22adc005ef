// Citations of regulation articles: "<Region> Pasal <n>[ ayat (<n>)][ huruf <x>][ angka <n>]".
#pragma once

#include "absl/strings/string_view.h"

#include <optional>

#include "absl/status/status.h"
#include "rakor/registry/v1/resources.pb.h"

namespace rakor::registry {

// The word citations of `region` start with: the last word of its display name
// ("Kabupaten Temanggung" -> "Temanggung").
absl::string_view CitationPrefix(const rakor::registry::v1::Region& region);

// INVALID_ARGUMENT naming `field` unless `citation` is well formed and names `region`.
absl::Status ValidateCitation(absl::string_view field, absl::string_view citation,
                              const rakor::registry::v1::Region& region);

// The structured form of a citation of `region`'s regulation; nullopt when the text
// is not well formed.
std::optional<rakor::registry::v1::Citation> ParseCitation(
    absl::string_view citation, const rakor::registry::v1::Region& region);

// Fills the output-only structured citations of an entity from its text ones.
void AddStructuredCitations(const rakor::registry::v1::Region& region,
                            rakor::registry::v1::Unit* unit);
void AddStructuredCitations(const rakor::registry::v1::Region& region,
                            rakor::registry::v1::Coordination* coordination);

}  // namespace rakor::registry
