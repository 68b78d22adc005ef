#include "absl/strings/string_view.h"
#include "services/registry/citation.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "services/registry/errors.h"

namespace rakor::registry {
namespace {

int ToInt(absl::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

bool IsNumber(absl::string_view s) {
  if (s.empty() || s.size() > 4) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return s.front() != '0';
}

// Parses the part after the region word: "Pasal 26 ayat (2) huruf a angka 2", filling
// `out` when it is given.
bool ParseArticle(const std::vector<absl::string_view>& words,
                  rakor::registry::v1::Citation* out) {
  size_t i = 0;
  if (words.size() < 2 || words[i] != "Pasal" || !IsNumber(words[i + 1])) return false;
  if (out != nullptr) out->set_pasal(ToInt(words[i + 1]));
  i += 2;
  if (i + 1 < words.size() && words[i] == "ayat") {
    absl::string_view ayat = words[i + 1];
    if (ayat.size() < 3 || ayat.front() != '(' || ayat.back() != ')' ||
        !IsNumber(ayat.substr(1, ayat.size() - 2))) {
      return false;
    }
    if (out != nullptr) out->set_ayat(ToInt(ayat.substr(1, ayat.size() - 2)));
    i += 2;
  }
  if (i + 1 < words.size() && words[i] == "huruf") {
    absl::string_view huruf = words[i + 1];
    if (huruf.size() != 1 || !absl::ascii_islower(huruf[0])) return false;
    if (out != nullptr) out->set_huruf(std::string(huruf));
    i += 2;
  }
  if (i + 1 < words.size() && words[i] == "angka") {
    if (!IsNumber(words[i + 1])) return false;
    if (out != nullptr) out->set_angka(ToInt(words[i + 1]));
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
  if (!ParseArticle(words, nullptr)) return errors::MalformedCitation(field, citation);
  return absl::OkStatus();
}

std::optional<rakor::registry::v1::Citation> ParseCitation(
    absl::string_view citation, const rakor::registry::v1::Region& region) {
  std::vector<absl::string_view> words = absl::StrSplit(citation, ' ');
  if (words.empty() || words.front() != CitationPrefix(region)) return std::nullopt;
  words.erase(words.begin());
  rakor::registry::v1::Citation parsed;
  if (!ParseArticle(words, &parsed)) return std::nullopt;
  parsed.set_text(std::string(citation));
  parsed.set_region(region.name());
  parsed.set_regulation(region.regulation());
  return parsed;
}

void AddStructuredCitations(const rakor::registry::v1::Region& region,
                            rakor::registry::v1::Unit* unit) {
  unit->clear_structured_citations();
  for (const std::string& text : unit->citations()) {
    if (auto parsed = ParseCitation(text, region)) *unit->add_structured_citations() = *parsed;
  }
}

void AddStructuredCitations(const rakor::registry::v1::Region& region,
                            rakor::registry::v1::Coordination* coordination) {
  coordination->clear_structured_citation();
  if (auto parsed = ParseCitation(coordination->citation(), region)) {
    *coordination->mutable_structured_citation() = *parsed;
  }
}

}  // namespace rakor::registry
