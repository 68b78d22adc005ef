#include "absl/strings/string_view.h"
#include "services/registry/list_query.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/registry/errors.h"

namespace rakor::registry {

absl::StatusOr<int> PageSize(int requested) {
  if (requested < 0) return errors::InvalidField("page_size", "must not be negative");
  if (requested == 0) return 50;
  return std::min(requested, 1000);
}

std::string EncodePageToken(absl::string_view query, absl::string_view last_name) {
  return absl::WebSafeBase64Escape(absl::StrCat(query, "\n", last_name));
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view token, absl::string_view query) {
  if (token.empty()) return std::string();
  std::string decoded;
  if (!absl::WebSafeBase64Unescape(token, &decoded)) return errors::InvalidPageToken();
  const size_t newline = decoded.rfind('\n');
  if (newline == std::string::npos || absl::string_view(decoded).substr(0, newline) != query) {
    return errors::InvalidPageToken();
  }
  return decoded.substr(newline + 1);
}

namespace {

// Splits a filter into tokens: words, '=', and quoted strings (kept with quotes).
absl::StatusOr<std::vector<std::string>> Tokenize(absl::string_view filter) {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < filter.size()) {
    const char c = filter[i];
    if (absl::ascii_isspace(c)) {
      ++i;
    } else if (c == '=') {
      tokens.emplace_back("=");
      ++i;
    } else if (c == '"') {
      const size_t end = filter.find('"', i + 1);
      if (end == absl::string_view::npos) return errors::InvalidFilter(filter, "unclosed quote");
      tokens.emplace_back(filter.substr(i, end - i + 1));
      i = end + 1;
    } else {
      size_t end = i;
      while (end < filter.size() && !absl::ascii_isspace(filter[end]) && filter[end] != '=' &&
             filter[end] != '"') {
        ++end;
      }
      tokens.emplace_back(filter.substr(i, end - i));
      i = end;
    }
  }
  return tokens;
}

}  // namespace

absl::StatusOr<std::map<std::string, std::string>> ParseFilter(
    absl::string_view filter, const std::set<std::string>& fields) {
  std::map<std::string, std::string> terms;
  auto tokens_or = Tokenize(filter);
  if (!tokens_or.ok()) return tokens_or.status();
  const std::vector<std::string>& tokens = *tokens_or;
  size_t i = 0;
  while (i < tokens.size()) {
    if (i + 3 > tokens.size()) {
      return errors::InvalidFilter(filter, "expected `field = value`");
    }
    const std::string& field = tokens[i];
    if (!fields.contains(field)) {
      return errors::InvalidFilter(
          filter, absl::StrCat("unknown field \"", field, "\"; filterable: ",
                               absl::StrJoin(fields, ", ")));
    }
    if (tokens[i + 1] != "=") return errors::InvalidFilter(filter, "only `=` is supported");
    std::string value = tokens[i + 2];
    if (value == "=") return errors::InvalidFilter(filter, "expected a value after `=`");
    if (value.front() == '"') value = value.substr(1, value.size() - 2);
    if (!terms.emplace(field, value).second) {
      return errors::InvalidFilter(filter, absl::StrCat("\"", field, "\" appears twice"));
    }
    i += 3;
    if (i < tokens.size()) {
      if (tokens[i] != "AND") return errors::InvalidFilter(filter, "terms are joined by AND");
      ++i;
      if (i == tokens.size()) return errors::InvalidFilter(filter, "nothing after AND");
    }
  }
  return terms;
}

}  // namespace rakor::registry
