// List semantics shared by every List method of every service: page sizes, opaque
// keyset page tokens (AIP-158) bound to their method and query, and equality
// filters parsed, never spliced (AIP-160). Errors carry the caller's `domain`.
#pragma once

#include <map>
#include <set>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rakor {

// 0 means limits::kDefaultPageSize; more than limits::kMaxPageSize is capped;
// negative is INVALID_ARGUMENT.
absl::StatusOr<int> PageSize(absl::string_view domain, int requested);

// What a page token is bound to: the list method, and everything in the request
// that must not change between pages (parent, filter, as_of...).
struct ListQuery {
  absl::string_view method;  // "ListUnits"
  std::string query;
};

// A token encodes the last key returned and the query it belongs to.
std::string EncodePageToken(const ListQuery& query, absl::string_view last_key);
// The last key returned, or "" for an empty token; INVALID_ARGUMENT if the token
// is malformed, too long, or belongs to another method or query.
absl::StatusOr<std::string> DecodePageToken(absl::string_view domain, absl::string_view token,
                                            const ListQuery& query);

// A conjunction of `field = value` terms joined by AND; a value is a quoted string
// or a bare word. Returns field -> value. Refuses a filter longer than
// limits::kMaxFilterBytes before reading it.
absl::StatusOr<std::map<std::string, std::string>> ParseFilter(
    absl::string_view domain, absl::string_view filter, const std::set<std::string>& fields);

// Emits, in key order, up to `page_size` values of `items` (an ordered map) after
// `after` that `keep` accepts; returns the next page token, or "" when nothing is
// left.
// An item of a list, whether held by value or shared.
template <typename T>
const T& ItemOf(const T& item) {
  return item;
}
template <typename T>
const T& ItemOf(const std::shared_ptr<const T>& item) {
  return *item;
}

template <typename Map, typename Keep, typename Emit>
std::string PageThrough(const Map& items, const ListQuery& query, const std::string& after,
                        int page_size, Keep keep, Emit emit) {
  int emitted = 0;
  std::string last;
  for (auto it = after.empty() ? items.begin() : items.upper_bound(after); it != items.end();
       ++it) {
    if (!keep(ItemOf(it->second))) continue;
    if (emitted == page_size) return EncodePageToken(query, last);
    emit(ItemOf(it->second));
    last = it->first;
    ++emitted;
  }
  return "";
}

}  // namespace rakor
