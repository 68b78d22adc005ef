#include "absl/strings/string_view.h"
#include "services/registry/citation.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "services/registry/errors.h"

namespace rakor::registry {
namespace {

bool IsNumber(absl::string_view s) {
  if (s.empty() || s.size() > 4) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return s.front() != '0';
}

// Parses the part after the region word: "Pasal 26 ayat (2) huruf a angka 2".
bool IsWellFormedArticle(const std::vector<absl::string_view>& words) {
  size_t i = 0;
  if (words.size() < 2 || words[i] != "Pasal" || !IsNumber(words[i + 1])) return false;
  i += 2;
  if (i + 1 < words.size() && words[i] == "ayat") {
    absl::string_view ayat = words[i + 1];
    if (ayat.size() < 3 || ayat.front() != '(' || ayat.back() != ')' ||
        !IsNumber(ayat.substr(1, ayat.size() - 2))) {
      return false;
    }
    i += 2;
  }
  if (i + 1 < words.size() && words[i] == "huruf") {
    absl::string_view huruf = words[i + 1];
    if (huruf.size() != 1 || !absl::ascii_islower(huruf[0])) return false;
    i += 2;
  }
  if (i + 1 < words.size() && words[i] == "angka") {
    if (!IsNumber(words[i + 1])) return false;
    i += 2;
  }
  return i == words.size();
}

}  // namespace

absl::string_view CitationPrefix(const rakor::registry::v1::Region& region) {
  absl::string_view name = region.display_name();
  const size_t space = name.rfind(' ');
  return space == absl::string_view::npos ? name : name.substr(space + 1);
}

absl::Status ValidateCitation(absl::string_view field, absl::string_view citation,
                              const rakor::registry::v1::Region& region) {
  std::vector<absl::string_view> words = absl::StrSplit(citation, ' ');
  if (words.empty() || words.front() != CitationPrefix(region)) {
    return errors::MalformedCitation(field, citation);
  }
  words.erase(words.begin());
  if (!IsWellFormedArticle(words)) return errors::MalformedCitation(field, citation);
  return absl::OkStatus();
}

}  // namespace rakor::registry
