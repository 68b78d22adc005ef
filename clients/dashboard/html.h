// What every dashboard page shares: escaping, the reader's language, links that
// keep it, and the page around a view (styles inline: nothing is fetched from
// another host).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace rakor::dashboard {

// Indonesian first: the officials' language; English on request (?lang=en).
enum class Lang { kIndonesian, kEnglish };

// `id` or `en`, whichever `lang` reads.
inline const char* Say(Lang lang, const char* id, const char* en) {
  return lang == Lang::kIndonesian ? id : en;
}

// Where a reader cannot say who they are (production): documents in progress are
// not public (regulations/README.md rule 10), and where officials read them.
inline const char* NotPublic(Lang lang) {
  return Say(lang,
             "Notulen dan laporan yang sedang berjalan tidak terbuka untuk umum; pejabat "
             "membacanya dengan perintah rakor.",
             "Minutes and reports in progress are not public; officials read them with the rakor "
             "command.");
}

std::string Escape(absl::string_view text);

// `path` (which may carry a query) as a link that keeps the reader's language.
std::string Href(absl::string_view path, Lang lang);

// The IANA zone `name` (the registry allows Indonesia's three only); UTC for one
// this machine does not know.
absl::TimeZone ZoneOf(absl::string_view name);

// A date and time in `zone` with the zone's Indonesian abbreviation (WIB, WITA,
// WIT): "2026-11-02 09:00 WIB".
std::string LocalTime(absl::Time t, absl::string_view zone);

// The start of a wide table's box, which scrolls sideways on a phone: focusable, so
// that a keyboard can scroll it, and named by `label` for screen readers.
std::string ScrollBox(absl::string_view label);

struct PageFrame {
  std::string title;
  Lang lang = Lang::kIndonesian;
  // The page's own path and query without `lang`, for the language toggle.
  std::string path;
  // Breadcrumbs above the title: (label, path), the last one the page itself.
  std::vector<std::pair<std::string, std::string>> crumbs;
  // Who the reader said they are ("" for a public reader): shown with the form to
  // change it.
  std::string actor;
  // The form at all: only where a stated identity counts (development mode).
  bool identity_form = true;
};

// A whole HTML document around `body`.
std::string RenderPage(const PageFrame& frame, absl::string_view body);

}  // namespace rakor::dashboard
