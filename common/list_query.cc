#include "common/list_query.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/errors.h"
#include "common/limits.h"
#include "common/text.h"

namespace rakor {

absl::StatusOr<int> PageSize(absl::string_view domain, int requested) {
  if (requested < 0) return errors::InvalidField(domain, "page_size", "must not be negative");
  if (requested == 0) return limits::kDefaultPageSize;
  return std::min(requested, limits::kMaxPageSize);
}

namespace {
std::string TokenPrefix(const ListQuery& query) {
  return absl::StrCat(query.method, "\n", query.query, "\n");
}
}  // namespace

std::string EncodePageToken(const ListQuery& query, absl::string_view last_key) {
  return absl::WebSafeBase64Escape(absl::StrCat(TokenPrefix(query), last_key));
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view domain, absl::string_view token,
                                            const ListQuery& query) {
  if (token.empty()) return std::string();
  if (token.size() > limits::kMaxPageTokenBytes) return errors::InvalidPageToken(domain);
  std::string decoded;
  if (!absl::WebSafeBase64Unescape(token, &decoded)) return errors::InvalidPageToken(domain);
  const std::string prefix = TokenPrefix(query);
  if (!absl::StartsWith(decoded, prefix)) return errors::InvalidPageToken(domain);
  return decoded.substr(prefix.size());
}

namespace {

// Splits a filter into tokens: words, '=', and quoted strings (kept with quotes).
absl::StatusOr<std::vector<std::string>> Tokenize(absl::string_view domain,
                                                  absl::string_view filter) {
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
      if (end == absl::string_view::npos) return errors::InvalidFilter(domain, filter, "unclosed quote");
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
    absl::string_view domain, absl::string_view filter, const std::set<std::string>& fields) {
  if (filter.size() > limits::kMaxFilterBytes) {
    return errors::TooLong(domain, "filter", limits::kMaxFilterBytes);
  }
  std::map<std::string, std::string> terms;
  auto tokens_or = Tokenize(domain, filter);
  if (!tokens_or.ok()) return tokens_or.status();
  const std::vector<std::string>& tokens = *tokens_or;
  size_t i = 0;
  while (i < tokens.size()) {
    if (i + 3 > tokens.size()) {
      return errors::InvalidFilter(domain, filter, "expected `field = value`");
    }
    const std::string& field = tokens[i];
    if (!fields.contains(field)) {
      return errors::InvalidFilter(
          domain, filter, absl::StrCat("unknown field ", Quote(field), "; filterable: ",
                               absl::StrJoin(fields, ", ")));
    }
    if (tokens[i + 1] != "=") return errors::InvalidFilter(domain, filter, "only `=` is supported");
    std::string value = tokens[i + 2];
    if (value == "=") return errors::InvalidFilter(domain, filter, "expected a value after `=`");
    if (value.front() == '"') value = value.substr(1, value.size() - 2);
    if (terms.size() == static_cast<size_t>(limits::kMaxFilterTerms)) {
      return errors::InvalidFilter(
          domain, filter, absl::StrCat("at most ", limits::kMaxFilterTerms, " terms"));
    }
    if (!terms.emplace(field, value).second) {
      return errors::InvalidFilter(domain, filter, absl::StrCat("\"", field, "\" appears twice"));
    }
    i += 3;
    if (i < tokens.size()) {
      if (tokens[i] != "AND") return errors::InvalidFilter(domain, filter, "terms are joined by AND");
      ++i;
      if (i == tokens.size()) return errors::InvalidFilter(domain, filter, "nothing after AND");
    }
  }
  return terms;
}

}  // namespace rakor
