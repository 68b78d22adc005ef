// List semantics shared by every List call: page sizes, opaque keyset page tokens
// (AIP-158) and equality filters parsed, never spliced (AIP-160).
#pragma once

#include <map>
#include <set>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"

namespace rakor::registry {

// 0 means the default (50); more than 1000 is capped; negative is INVALID_ARGUMENT.
absl::StatusOr<int> PageSize(int requested);

// A token encodes the last name returned and the query it belongs to (`query`:
// the filter and anything else that must not change between pages).
std::string EncodePageToken(absl::string_view query, absl::string_view last_name);
// The last name returned, or "" for an empty token; INVALID_ARGUMENT if the
// token is malformed or belongs to another query.
absl::StatusOr<std::string> DecodePageToken(absl::string_view token, absl::string_view query);

// A conjunction of `field = value` terms joined by AND; a value is a quoted
// string or a bare word. Returns field -> value.
absl::StatusOr<std::map<std::string, std::string>> ParseFilter(
    absl::string_view filter, const std::set<std::string>& fields);

}  // namespace rakor::registry

namespace rakor::registry {

// Emits, in key order, up to `page_size` values of `items` (an ordered map keyed by
// name) after `after` that `keep` accepts; returns the next page token, or "" when
// nothing is left.
template <typename Map, typename Keep, typename Emit>
std::string PageThrough(const Map& items, absl::string_view query, const std::string& after,
                        int page_size, Keep keep, Emit emit) {
  int emitted = 0;
  std::string last;
  for (auto it = after.empty() ? items.begin() : items.upper_bound(after); it != items.end();
       ++it) {
    if (!keep(it->second)) continue;
    if (emitted == page_size) return EncodePageToken(query, last);
    emit(it->second);
    last = it->first;
    ++emitted;
  }
  return "";
}

}  // namespace rakor::registry
