// Citations of regulation articles: "<Region> Pasal <n>[ ayat (<n>)][ huruf <x>][ angka <n>]".
#pragma once

#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "rakor/registry/v1/resources.pb.h"

namespace rakor::registry {

// The word citations of `region` start with: the last word of its display name
// ("Kabupaten Temanggung" -> "Temanggung").
absl::string_view CitationPrefix(const rakor::registry::v1::Region& region);

// INVALID_ARGUMENT naming `field` unless `citation` is well formed and names `region`.
absl::Status ValidateCitation(absl::string_view field, absl::string_view citation,
                              const rakor::registry::v1::Region& region);

}  // namespace rakor::registry
