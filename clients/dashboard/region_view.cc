#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "clients/dashboard/views.h"
#include "common/time.h"

namespace rakor::dashboard {
namespace {

namespace sv1 = ::rakor::scheduling::v1;

constexpr const char* kMonthsId[] = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun",
                                     "Jul", "Agu", "Sep", "Okt", "Nov", "Des"};
constexpr const char* kMonthsEn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// How many months a period of the rule spans, for the cell's width in the grid.
int MonthsOf(sv1::ComplianceRule::Period period) {
  switch (period) {
    case sv1::ComplianceRule::QUARTER:
      return 3;
    case sv1::ComplianceRule::YEAR:
      return 12;
    default:
      return 1;
  }
}

// The page behind a cell: the one meeting, or the period's meetings.
std::string CellTarget(const std::string& region, const sv1::PeriodCompliance& p,
                       absl::TimeZone zone) {
  if (p.occurrences_size() == 1) return "/" + p.occurrences(0);
  const absl::CivilMonth from(absl::ToCivilSecond(FromProto(p.start_time()), zone));
  const absl::CivilMonth to(absl::ToCivilSecond(FromProto(p.end_time()) - absl::Seconds(1), zone));
  return absl::StrCat("/", region, "/meetings?from=", absl::FormatCivilTime(from),
                      "&to=", absl::FormatCivilTime(to));
}

// A mark for each status, so that a cell says it without colour and stays narrow
// enough for twelve months on a screen; the label is its accessible name.
const char* StatusMark(sv1::ComplianceStatus status) {
  switch (status) {
    case sv1::MET:
      return "✓";
    case sv1::HELD_MINUTES_PENDING:
      return "◐";
    case sv1::AT_RISK:
      return "○";
    case sv1::MISSED:
      return "✗";
    case sv1::NOT_TRACKED:
      return "–";
    default:
      return "·";
  }
}

}  // namespace

const char* StatusLabel(sv1::ComplianceStatus status, Lang lang) {
  switch (status) {
    case sv1::MET:
      return Say(lang, "Terpenuhi", "Met");
    case sv1::HELD_MINUTES_PENDING:
      return Say(lang, "Diadakan, notulen menunggu", "Held, minutes pending");
    case sv1::AT_RISK:
      return Say(lang, "Berjalan, belum diadakan", "Under way, not yet held");
    case sv1::MISSED:
      return Say(lang, "Tidak diadakan", "Missed");
    case sv1::NOT_YET_DUE:
      return Say(lang, "Belum waktunya", "Not yet due");
    case sv1::NOT_TRACKED:
      return Say(lang, "Sebelum tercatat di rakor", "Before rakor kept records");
    default:
      return "?";
  }
}

std::string RegionView(const rakor::registry::v1::Region& region, int year,
                       const sv1::ComplianceReport& report, Lang lang) {
  const std::string& r = region.name();
  const absl::TimeZone zone = ZoneOf(region.time_zone());
  std::string out = absl::StrCat(
      R"(<p>)", Escape(region.regulation()), R"(. <a href=")",
      Href("/" + r + "/organisation", lang), R"(">)",
      Say(lang, "Susunan organisasi", "Organisation"), R"(</a> · <a href=")",
      Href("/" + r + "/overdue", lang), R"(">)",
      Say(lang, "Dokumen dan tindak lanjut terlambat", "Overdue documents and follow-ups"),
      R"(</a> · <a href=")",
      Href(absl::StrCat("/", r, "/meetings?from=", year, "-01&to=", year, "-12"), lang), R"(">)",
      Say(lang, "Semua rapat ", "All meetings in "), year, "</a></p>");
  absl::StrAppend(&out, R"(<p><a href=")", Href(absl::StrCat("/", r, "?year=", year - 1), lang),
                  R"(" rel="prev">← )", year - 1, R"(</a> · <a href=")",
                  Href(absl::StrCat("/", r, "?year=", year + 1), lang), R"(" rel="next">)",
                  year + 1, " →</a></p>");
  absl::StrAppend(&out, R"(<ul class="legend" aria-label=")", Say(lang, "Keterangan", "Legend"),
                  R"(">)");
  for (int s = sv1::MET; s <= sv1::ComplianceStatus_MAX; ++s) {
    const auto status = static_cast<sv1::ComplianceStatus>(s);
    absl::StrAppend(&out, R"(<li class="badge s-)", sv1::ComplianceStatus_Name(status), R"(">)",
                    StatusMark(status), " ", StatusLabel(status, lang), "</li>");
  }
  out += "</ul>";
  if (report.rules().empty()) {
    absl::StrAppend(&out, "<p>",
                    Say(lang, "Peraturan daerah ini tidak menetapkan frekuensi rapat yang wajib.",
                        "This region's regulation sets no required meeting frequency."),
                    "</p>");
    return out;
  }
  absl::StrAppend(
      &out, ScrollBox(Say(lang, "Rapat wajib per bulan", "Required meetings by month")),
      R"(<table id="grid"><caption class="muted">)",
      Say(lang, "Rapat wajib per bulan, ", "Required meetings by month, "), year,
      R"(</caption><thead><tr><th scope="col">)",
      Say(lang, "Rapat wajib dan dasar hukumnya", "Required meeting and its legal basis"), "</th>");
  for (int m = 0; m < 12; ++m) {
    absl::StrAppend(&out, R"(<th scope="col">)",
                    lang == Lang::kIndonesian ? kMonthsId[m] : kMonthsEn[m], "</th>");
  }
  out += "</tr></thead><tbody>";
  for (const sv1::RuleCompliance& rc : report.rules()) {
    const sv1::ComplianceRule& rule = rc.rule();
    absl::StrAppend(&out, R"(<tr data-rule=")", Escape(rule.name()), R"("><th scope="row">)",
                    Escape(rule.description()), R"(<br><span class="muted">)",
                    Escape(rule.citation()), "</span>");
    if (!rule.assumption().empty()) {
      absl::StrAppend(&out, R"(<br><span class="muted">)", Say(lang, "Asumsi: ", "Assumption: "),
                      Escape(rule.assumption()), "</span>");
    }
    out += "</th>";
    for (const sv1::PeriodCompliance& p : rc.periods()) {
      const char* label = StatusLabel(p.status(), lang);
      absl::StrAppend(&out, R"(<td class="cell s-)", sv1::ComplianceStatus_Name(p.status()),
                      R"(" colspan=")", MonthsOf(rule.period()), R"(" data-period=")",
                      Escape(p.period()), R"(" data-status=")",
                      sv1::ComplianceStatus_Name(p.status()), R"(">)");
      const std::string name = absl::StrCat(p.period(), ": ", label);
      if (p.occurrences().empty()) {
        absl::StrAppend(&out, R"(<span role="img" aria-label=")", Escape(name), R"(" title=")",
                        label, R"(">)", StatusMark(p.status()), "</span>");
      } else {
        absl::StrAppend(&out, R"(<a href=")", Href(CellTarget(r, p, zone), lang),
                        R"(" aria-label=")", Escape(name), R"(" title=")", label, R"(">)",
                        StatusMark(p.status()), "</a>");
      }
      absl::StrAppend(&out, R"(<br><span class="muted">)", p.held(), "/", p.required(),
                      "</span></td>");
    }
    out += "</tr>";
  }
  out += "</tbody></table></div>";
  return out;
}

}  // namespace rakor::dashboard
