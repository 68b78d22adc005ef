#include "clients/dashboard/html.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace rakor::dashboard {
namespace {

// Contrast: every text colour on its background is at least 4.5:1 (WCAG AA).
constexpr char kStyle[] = R"css(
:root{color-scheme:light;--ink:#1b1f24;--muted:#4a5360;--line:#c9ced6;--link:#0b57d0}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
a{color:var(--link)}
a:focus,button:focus,input:focus,select:focus,.scroll:focus{outline:3px solid #1b1f24;outline-offset:2px}
header a:focus,header button:focus,header input:focus{outline-color:#f2a900}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
header{background:#123a6b;color:#fff;padding:8px 16px;display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center}
header a{color:#fff}
header .brand{font-weight:700;text-decoration:none;font-size:1.1rem}
header form{margin-left:auto;display:flex;gap:6px;align-items:center;flex-wrap:wrap}
header input{font:inherit;padding:2px 6px;min-width:14em;max-width:100%}
main{padding:12px 16px;max-width:1200px}
nav.crumbs ol{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:4px}
nav.crumbs li+li:before{content:"/";margin-right:4px;color:var(--muted)}
h1{font-size:1.5rem;margin:.4em 0}h2{font-size:1.2rem;margin:1.2em 0 .4em}
.muted{color:var(--muted)}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;margin:.4em 0}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5}
td.cell{text-align:center;white-space:nowrap;min-width:3em;font-size:1.1rem}
td.cell a{text-decoration:none;display:inline-block;min-width:2em}
td.cell .muted{font-size:.8rem}
#grid th[scope=row]{min-width:16em;font-weight:normal}
caption{text-align:left}
.s-MET{background:#d7f0dc}.s-HELD_MINUTES_PENDING{background:#fff1c2}.s-AT_RISK{background:#dfe9fb}
.s-MISSED{background:#fbd9d7}.s-NOT_YET_DUE{background:#f3f4f6}.s-NOT_TRACKED{background:#fff}
.badge{display:inline-block;padding:0 6px;border-radius:4px;border:1px solid var(--line)}
ul.tree{list-style:none;padding-left:1.2em;border-left:1px dotted var(--line)}
ul.tree.root{padding-left:0;border:0}
.legend{display:flex;flex-wrap:wrap;gap:6px;padding:0;list-style:none}
@media (max-width:600px){main{padding:8px}header form{margin-left:0}th,td{padding:3px 5px}}
)css";

}  // namespace

std::string Escape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string Href(absl::string_view path, Lang lang) {
  if (lang == Lang::kIndonesian) return Escape(path);
  return Escape(absl::StrCat(path, absl::StrContains(path, '?') ? "&" : "?", "lang=en"));
}

absl::TimeZone ZoneOf(absl::string_view name) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(std::string(name), &zone)) zone = absl::UTCTimeZone();
  return zone;
}

std::string LocalTime(absl::Time t, absl::string_view zone) {
  const absl::TimeZone tz = ZoneOf(zone);
  const char* abbreviation = zone == "Asia/Jakarta" || zone == "Asia/Pontianak" ? "WIB"
                             : zone == "Asia/Makassar"                          ? "WITA"
                             : zone == "Asia/Jayapura"                          ? "WIT"
                                                                                : "UTC";
  return absl::StrCat(absl::FormatTime("%Y-%m-%d %H:%M", t, tz), " ", abbreviation);
}

std::string ScrollBox(absl::string_view label) {
  return absl::StrCat(R"(<div class="scroll" tabindex="0" role="region" aria-label=")",
                      Escape(label), R"(">)");
}

namespace {

// Development mode's "who I am" form, kept in a cookie (clients/dashboard/server.cc).
std::string IdentityForm(const PageFrame& frame) {
  const Lang lang = frame.lang;
  return absl::StrCat(
      R"(<form method="post" action="/identity"><input type="hidden" name="back" value=")",
      Escape(frame.path), R"(">)",
      lang == Lang::kEnglish ? R"(<input type="hidden" name="lang" value="en">)" : "",
      R"(<label for="actor">)", Say(lang, "Masuk sebagai", "Signed in as"),
      R"(</label><input id="actor" name="actor" value=")", Escape(frame.actor),
      R"(" placeholder="regions/…/units/…#sekda" autocomplete="off"><button type="submit">)",
      Say(lang, "Simpan", "Save"), "</button></form>");
}

}  // namespace

std::string RenderPage(const PageFrame& frame, absl::string_view body) {
  const Lang lang = frame.lang;
  std::string crumbs;
  if (!frame.crumbs.empty()) {
    crumbs = absl::StrCat(R"(<nav class="crumbs" aria-label=")", Say(lang, "Lokasi", "Breadcrumb"),
                          R"("><ol>)");
    for (size_t i = 0; i < frame.crumbs.size(); ++i) {
      const auto& [label, path] = frame.crumbs[i];
      if (i + 1 == frame.crumbs.size()) {
        absl::StrAppend(&crumbs, R"(<li aria-current="page">)", Escape(label), "</li>");
      } else {
        absl::StrAppend(&crumbs, R"(<li><a href=")", Href(path, lang), R"(">)", Escape(label),
                        "</a></li>");
      }
    }
    crumbs += "</ol></nav>";
  }
  // The toggle leads to the same page in the other language.
  const std::string other =
      lang == Lang::kIndonesian ? Href(frame.path, Lang::kEnglish) : Escape(frame.path);
  return absl::StrCat(
      R"(<!DOCTYPE html><html lang=")", lang == Lang::kIndonesian ? "id" : "en",
      R"("><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">)",
      "<title>", Escape(frame.title), " — rakor</title><link rel=\"icon\" href=\"data:,\"><style>",
      kStyle, R"(</style></head><body><a class="skip" href="#main">)",
      Say(lang, "Langsung ke isi", "Skip to content"), R"(</a><header><a class="brand" href=")",
      Href("/", lang), R"(">rakor</a><a href=")", other, R"(" lang=")",
      lang == Lang::kIndonesian ? "en" : "id", R"(">)", Say(lang, "English", "Bahasa Indonesia"),
      "</a>", frame.identity_form ? IdentityForm(frame) : "", R"(</header><main id="main">)",
      crumbs, "<h1>", Escape(frame.title), "</h1>", body, "</main></body></html>");
}

}  // namespace rakor::dashboard
