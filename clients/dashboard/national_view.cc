#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clients/dashboard/views.h"

namespace rakor::dashboard {
namespace {

namespace sv1 = ::rakor::scheduling::v1;

std::string RegionOfRule(const std::string& rule) {
  return rule.substr(0, rule.find("/complianceRules/"));
}

// Either way, a region where nothing is due sorts after every region with a record.
bool WorseFirst(const RegionCompliance& a, const RegionCompliance& b) {
  const double ra = a.Ratio() < 0 ? 2 : a.Ratio(), rb = b.Ratio() < 0 ? 2 : b.Ratio();
  if (ra != rb) return ra < rb;
  if (a.missed != b.missed) return a.missed > b.missed;
  return a.display_name < b.display_name;
}
bool BetterFirst(const RegionCompliance& a, const RegionCompliance& b) {
  if (a.Ratio() != b.Ratio()) return a.Ratio() > b.Ratio();
  if (a.missed != b.missed) return a.missed < b.missed;
  return a.display_name < b.display_name;
}

// A bar of the share met, beside its number (which screen readers read instead).
std::string Bar(const RegionCompliance& r, Lang lang) {
  if (r.Ratio() < 0)
    return absl::StrCat("<span class=\"muted\">", Say(lang, "belum ada", "none yet"), "</span>");
  const int percent = static_cast<int>(std::lround(r.Ratio() * 100));
  return absl::StrFormat(
      R"(<svg width="120" height="14" viewBox="0 0 100 14" aria-hidden="true"><rect width="100" height="14" fill="#fbd9d7"/><rect width="%d" height="14" fill="#2e7d32"/></svg> %d%%)",
      percent, percent);
}

}  // namespace

std::vector<RegionCompliance> SummariseCompliance(
    const std::vector<rakor::registry::v1::Region>& regions, const sv1::ComplianceReport& report) {
  std::map<std::string, RegionCompliance> by_name;
  for (const auto& region : regions) {
    RegionCompliance& r = by_name[region.name()];
    r.region = region.name();
    r.display_name = region.display_name();
    r.province = region.province();
  }
  for (const sv1::RuleCompliance& rc : report.rules()) {
    auto found = by_name.find(RegionOfRule(rc.rule().name()));
    if (found == by_name.end()) continue;  // a region the registry no longer lists
    RegionCompliance& r = found->second;
    ++r.rules;
    for (const sv1::PeriodCompliance& p : rc.periods()) {
      r.at_risk += p.status() == sv1::AT_RISK;
      // Judged: ended, or already met. A month under way is not held against a
      // region on its first day, nor one from before rakor kept its meetings.
      if (p.status() == sv1::NOT_YET_DUE || p.status() == sv1::NOT_TRACKED ||
          p.status() == sv1::AT_RISK) {
        continue;
      }
      ++r.due;
      r.met += p.status() == sv1::MET;
      r.pending += p.status() == sv1::HELD_MINUTES_PENDING;
      r.missed += p.status() == sv1::MISSED;
    }
  }
  std::vector<RegionCompliance> out;
  out.reserve(by_name.size());
  for (auto& [name, r] : by_name) out.push_back(std::move(r));
  return out;
}

std::string NationalView(std::vector<RegionCompliance> regions, NationalSort sort,
                         const std::string& first_month, const std::string& last_month, Lang lang) {
  switch (sort) {
    case NationalSort::kComplianceAscending:
      std::sort(regions.begin(), regions.end(), WorseFirst);
      break;
    case NationalSort::kComplianceDescending:
      std::sort(regions.begin(), regions.end(), BetterFirst);
      break;
    case NationalSort::kMissed:
      std::sort(regions.begin(), regions.end(), [](const auto& a, const auto& b) {
        return a.missed != b.missed ? a.missed > b.missed : a.display_name < b.display_name;
      });
      break;
    case NationalSort::kName:
      std::sort(regions.begin(), regions.end(),
                [](const auto& a, const auto& b) { return a.display_name < b.display_name; });
      break;
  }
  int met = 0, due = 0;
  for (const auto& r : regions) met += r.met, due += r.due;
  std::string out =
      absl::StrCat("<p>",
                   Say(lang, "Rapat koordinasi yang diwajibkan peraturan, ",
                       "Coordination meetings the regulations require, "),
                   Escape(first_month), " – ", Escape(last_month), ": ",
                   absl::StrFormat(Say(lang, "%d dari %d periode terpenuhi di %d daerah.",
                                       "%d of %d periods met across %d regions."),
                                   met, due, static_cast<int>(regions.size())),
                   "</p>");
  auto sort_link = [&](NationalSort s, const char* key, const char* label) {
    return sort == s ? absl::StrCat("<strong>", label, "</strong>")
                     : absl::StrCat(R"(<a href=")", Href(absl::StrCat("/?sort=", key), lang),
                                    R"(">)", label, "</a>");
  };
  absl::StrAppend(&out, R"(<p id="sort">)", Say(lang, "Urutkan: ", "Sort: "),
                  sort_link(NationalSort::kComplianceAscending, "compliance",
                            Say(lang, "kepatuhan terendah", "least compliant")),
                  " · ",
                  sort_link(NationalSort::kComplianceDescending, "-compliance",
                            Say(lang, "kepatuhan tertinggi", "most compliant")),
                  " · ",
                  sort_link(NationalSort::kMissed, "missed",
                            Say(lang, "paling banyak terlewat", "most missed")),
                  " · ", sort_link(NationalSort::kName, "name", Say(lang, "nama", "name")), "</p>");
  absl::StrAppend(&out, ScrollBox(Say(lang, "Kepatuhan per daerah", "Compliance by region")),
                  R"(<table id="national"><caption class="muted">)",
                  Say(lang, "Kepatuhan per daerah", "Compliance by region"),
                  "</caption><thead><tr><th scope=\"col\">", Say(lang, "Daerah", "Region"),
                  "</th><th scope=\"col\">", Say(lang, "Provinsi", "Province"),
                  "</th><th scope=\"col\">", Say(lang, "Terpenuhi", "Met"),
                  "</th><th scope=\"col\">", Say(lang, "Notulen menunggu", "Minutes pending"),
                  "</th><th scope=\"col\">", Say(lang, "Terlewat", "Missed"),
                  "</th><th scope=\"col\">", Say(lang, "Kepatuhan", "Compliance"),
                  "</th></tr></thead><tbody>");
  for (const RegionCompliance& r : regions) {
    absl::StrAppend(&out, R"(<tr data-region=")", Escape(r.region),
                    R"("><th scope="row"><a href=")", Href("/" + r.region, lang), R"(">)",
                    Escape(r.display_name), "</a></th><td>", Escape(r.province), "</td><td>", r.met,
                    " / ", r.due, "</td><td>", r.pending, "</td><td>", r.missed, "</td><td>",
                    Bar(r, lang), "</td></tr>");
  }
  out += "</tbody></table></div>";
  return out;
}

}  // namespace rakor::dashboard
