// The dashboard's pages as functions of what the services answered: what a reader
// sees, in either language, and nothing a reader's data can break.
#include "clients/dashboard/views.h"

#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/proto_matchers.h"

namespace rakor::dashboard {
namespace {

using ::rakor::testing::ParseTextProto;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

namespace gv1 = ::rakor::registry::v1;
namespace sv1 = ::rakor::scheduling::v1;
namespace rv1 = ::rakor::reporting::v1;

gv1::Region Temanggung() {
  return ParseTextProto<gv1::Region>(R"pb(
    name: "regions/temanggung"
    display_name: "Kabupaten Temanggung"
    province: "Jawa Tengah"
    time_zone: "Asia/Jakarta"
    regulation: "Peraturan Bupati Temanggung Nomor 76 Tahun 2021"
  )pb");
}

// A monthly rule of `region` whose periods have the statuses given, from January.
sv1::RuleCompliance Monthly(const std::string& region,
                            const std::vector<sv1::ComplianceStatus>& statuses) {
  sv1::RuleCompliance rc;
  rc.mutable_rule()->set_name(region + "/complianceRules/rakor-bulanan");
  rc.mutable_rule()->set_description(
      "Rapat koordinasi tingkat kabupaten, sekurang-kurangnya sekali sebulan");
  rc.mutable_rule()->set_citation("Temanggung Pasal 18");
  rc.mutable_rule()->set_period(sv1::ComplianceRule::MONTH);
  for (size_t m = 0; m < statuses.size(); ++m) {
    sv1::PeriodCompliance& p = *rc.add_periods();
    p.set_period(absl::StrFormat("2026-%02d", m + 1));
    p.set_status(statuses[m]);
    p.set_required(1);
  }
  return rc;
}

TEST(NationalView, CountsEachRegionsJudgedPeriodsAndPutsTheLeastCompliantFirst) {
  gv1::Region a = Temanggung(), b, c;
  b.set_name("regions/banjar");
  b.set_display_name("Kota Banjar");
  c.set_name("regions/soppeng");
  c.set_display_name("Kabupaten Soppeng");  // no rule: nothing due
  sv1::ComplianceReport report;
  *report.add_rules() =
      Monthly(a.name(), {sv1::NOT_TRACKED, sv1::MET, sv1::MET, sv1::MISSED, sv1::NOT_YET_DUE});
  *report.add_rules() = Monthly(b.name(), {sv1::MISSED, sv1::HELD_MINUTES_PENDING, sv1::AT_RISK});
  *report.add_rules() = Monthly("regions/gone", {sv1::MISSED});  // no longer in the registry

  std::vector<RegionCompliance> summary = SummariseCompliance({a, b, c}, report);
  ASSERT_EQ(summary.size(), 3u);
  const RegionCompliance& banjar = summary[0];  // by name: banjar, soppeng, temanggung
  // The month under way is not held against it yet; it is counted as at risk.
  EXPECT_EQ(banjar.due, 2);
  EXPECT_EQ(banjar.met, 0);
  EXPECT_EQ(banjar.missed, 1);
  EXPECT_EQ(banjar.pending, 1);
  EXPECT_EQ(banjar.at_risk, 1);
  EXPECT_EQ(summary[2].due, 3);  // not the month before rakor kept its meetings
  EXPECT_EQ(summary[2].met, 2);
  EXPECT_EQ(summary[1].Ratio(), -1);

  const std::string page = NationalView(summary, NationalSort::kComplianceAscending, "2026-01",
                                        "2026-12", Lang::kIndonesian);
  const size_t banjar_at = page.find("Kota Banjar"),
               temanggung_at = page.find("Kabupaten Temanggung"),
               soppeng_at = page.find("Kabupaten Soppeng");
  EXPECT_LT(banjar_at, temanggung_at);
  EXPECT_LT(temanggung_at, soppeng_at);  // nothing due sorts last
  EXPECT_THAT(page, HasSubstr("2 dari 5 periode terpenuhi di 3 daerah"));
  EXPECT_THAT(page, HasSubstr("</svg> 67%"));
  const std::string best_first = NationalView(summary, NationalSort::kComplianceDescending,
                                              "2026-01", "2026-12", Lang::kEnglish);
  EXPECT_LT(best_first.find("Kabupaten Temanggung"), best_first.find("Kota Banjar"));
  EXPECT_LT(best_first.find("Kota Banjar"), best_first.find("Kabupaten Soppeng"));
  EXPECT_THAT(best_first, HasSubstr("2 of 5 periods met across 3 regions"));
  EXPECT_THAT(best_first, HasSubstr(R"(href="/regions/banjar?lang=en")"));
}

TEST(RegionView, ShowsEachMonthsStatusWithTheRulesLegalBasisAndLinksToTheMeetingsBehindIt) {
  sv1::ComplianceReport report;
  sv1::RuleCompliance rc = Monthly("regions/temanggung", {sv1::MET, sv1::MISSED});
  rc.mutable_periods(0)->add_occurrences(
      "regions/temanggung/series/rakor/occurrences/20260105T090000");
  rc.mutable_periods(1)->add_occurrences(
      "regions/temanggung/series/rakor/occurrences/20260202T090000");
  rc.mutable_periods(1)->add_occurrences(
      "regions/temanggung/series/rakor/occurrences/20260216T090000");
  rc.mutable_periods(1)->mutable_start_time()->set_seconds(absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilDay(2026, 2, 1), absl::FixedTimeZone(7 * 3600))));
  rc.mutable_periods(1)->mutable_end_time()->set_seconds(absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilDay(2026, 3, 1), absl::FixedTimeZone(7 * 3600))));
  *report.add_rules() = rc;

  const std::string page = RegionView(Temanggung(), 2026, report, Lang::kIndonesian);
  EXPECT_THAT(page, HasSubstr("Temanggung Pasal 18"));
  EXPECT_THAT(
      page,
      HasSubstr(
          R"(data-period="2026-01" data-status="MET"><a href="/regions/temanggung/series/rakor/occurrences/20260105T090000")"));
  // Two meetings in a month: the cell leads to that month's meetings.
  EXPECT_THAT(page,
              HasSubstr(R"(href="/regions/temanggung/meetings?from=2026-02&amp;to=2026-02")"));
  // Each cell says its status in words to a screen reader, not by colour alone.
  EXPECT_THAT(page,
              HasSubstr(R"(aria-label="2026-02: Tidak diadakan" title="Tidak diadakan">✗</a>)"));
  EXPECT_THAT(RegionView(Temanggung(), 2026, report, Lang::kEnglish),
              HasSubstr(R"(aria-label="2026-02: Missed")"));

  // A month from before rakor kept the region's meetings is not shown as missed, and
  // one under way with nothing held does not claim a meeting is scheduled.
  sv1::ComplianceReport earlier;
  *earlier.add_rules() = Monthly("regions/temanggung", {sv1::NOT_TRACKED, sv1::AT_RISK});
  const std::string before = RegionView(Temanggung(), 2026, earlier, Lang::kEnglish);
  EXPECT_THAT(before, HasSubstr(R"(aria-label="2026-01: Before rakor kept records")"));
  EXPECT_THAT(before, HasSubstr(R"(aria-label="2026-02: Under way, not yet held")"));
  EXPECT_THAT(before, Not(HasSubstr("Scheduled")));
}

TEST(RegionView, SaysSoWhenTheRegulationSetsNoFrequency) {
  EXPECT_THAT(RegionView(Temanggung(), 2026, {}, Lang::kEnglish),
              HasSubstr("sets no required meeting frequency"));
}

TEST(OccurrenceView, ListsEveryInvitedUnitWithHowItAttendedAndWhoRepresentedIt) {
  const auto o = ParseTextProto<sv1::Occurrence>(R"pb(
    name: "regions/temanggung/series/rakor/occurrences/20261102T090000"
    title: "Rapat Koordinasi"
    start_display: "2026-11-02 09:00 WIB"
    status: HELD
    invitations { unit: "regions/temanggung/units/dinas-kesehatan" display_name: "Dinas Kesehatan" }
    invitations { unit: "regions/temanggung/units/dinas-pupr" display_name: "Dinas PUPR" }
    invitations { unit: "regions/temanggung/units/dinas-sosial" display_name: "Dinas Sosial" }
    attendance { unit: "regions/temanggung/units/dinas-kesehatan" status: PRESENT_IN_PERSON }
    attendance {
      unit: "regions/temanggung/units/dinas-pupr"
      status: REPRESENTED
      representative: "Ir. Budi <Santoso>"
      representative_position: "Sekretaris Dinas"
    }
  )pb");
  const std::string page =
      OccurrenceView(Temanggung(), o, {{.identified = false}, std::nullopt}, {}, Lang::kIndonesian);
  EXPECT_THAT(page, HasSubstr(R"(data-attendance="PRESENT_IN_PERSON">Hadir<)"));
  EXPECT_THAT(page, HasSubstr("Ir. Budi &lt;Santoso&gt;, Sekretaris Dinas"));
  EXPECT_THAT(page, HasSubstr("3 diundang: 1 hadir, 1 diwakili, 0 tidak hadir."));
  EXPECT_THAT(page, HasSubstr(R"(data-attendance="ATTENDANCE_STATUS_UNSPECIFIED">Belum dicatat<)"));
  EXPECT_THAT(page, HasSubstr("hanya terlihat oleh unit penyusunnya dan pejabat pada alurnya"));
  // In production nobody can say who they are on the dashboard: it says where
  // officials read minutes instead of pointing at a form that is not there.
  const std::string production =
      OccurrenceView(Temanggung(), o, {{.identified = false, .may_identify = false}, std::nullopt},
                     {}, Lang::kEnglish);
  EXPECT_THAT(production, HasSubstr("not public; officials read them with the rakor command"));
  EXPECT_THAT(production, Not(HasSubstr("say who you are")));
}

TEST(OccurrenceView, ShowsWhoseTurnTheMinutesAreAndSinceWhen) {
  const auto minutes = ParseTextProto<rv1::Document>(R"pb(
    name: "regions/temanggung/documents/notulen"
    state: IN_REVIEW
    current_step: 0
    overdue: true
    step_since_time { seconds: 1793586600 }  # 2026-11-02 09:30 WIB
    route {
      unit: "regions/temanggung/units/sekretariat-daerah"
      role: "sekda"
      action: ACCEPT
      citation: "Temanggung Pasal 18"
    }
  )pb");
  const std::string page = OccurrenceView(
      Temanggung(), sv1::Occurrence(), {{.identified = true}, minutes},
      {{"regions/temanggung/units/sekretariat-daerah", "Sekretariat Daerah"}}, Lang::kEnglish);
  EXPECT_THAT(page,
              HasSubstr("In review: with Sekretariat Daerah (sekda) since 2026-11-02 09:30 WIB"));
  EXPECT_THAT(page, HasSubstr("overdue"));
  EXPECT_THAT(page, HasSubstr(R"(<li aria-current="step">)"));
}

TEST(OccurrenceView, SaysMinutesWereWithdrawnAndWhyWithNoStepDue) {
  const auto minutes = ParseTextProto<rv1::Document>(R"pb(
    name: "regions/temanggung/documents/notulen"
    state: WITHDRAWN
    withdraw_reason: "Notulen rapat lain <terlampir>"
    route { unit: "regions/temanggung/units/sekretariat-daerah" role: "sekda" action: ACCEPT }
  )pb");
  const std::string page = OccurrenceView(Temanggung(), sv1::Occurrence(),
                                          {{.identified = true}, minutes}, {}, Lang::kIndonesian);
  EXPECT_THAT(page, HasSubstr("Ditarik oleh pengirim: Notulen rapat lain &lt;terlampir&gt;"));
  EXPECT_THAT(page, Not(HasSubstr("aria-current")));
}

TEST(OccurrenceView, StaysPublicWhenTheReportingServiceCannotSayWhereTheMinutesAre) {
  sv1::Occurrence o;
  o.add_invitations()->set_unit("regions/temanggung/units/dinas-kesehatan");
  const std::string page =
      OccurrenceView(Temanggung(), o, {{.identified = true}, std::nullopt, "connection refused"},
                     {}, Lang::kEnglish);
  EXPECT_THAT(page, HasSubstr(R"(data-unit="regions/temanggung/units/dinas-kesehatan")"));
  EXPECT_THAT(page, HasSubstr("The reporting service did not answer: connection refused"));
}

TEST(OverdueView, GroupsDocumentsByTheSubmittersAsistenAndFollowUpsByTheOwnersAsisten) {
  const auto d = ParseTextProto<rv1::Document>(R"pb(
    name: "regions/temanggung/documents/laporan"
    unit: "regions/temanggung/units/dinas-kesehatan"
    state: IN_REVIEW
    route { unit: "regions/temanggung/units/asisten-pemkesra" role: "asisten" }
    revisions { title: "Laporan imunisasi" }
  )pb");
  rv1::OverdueFollowUp f;
  f.mutable_action()->set_what("Fogging");
  f.mutable_action()->set_owner("regions/temanggung/units/dinas-kesehatan");
  f.mutable_action()->set_owner_asisten("regions/temanggung/units/asisten-pemkesra");
  f.mutable_action()->set_due_date("2026-11-20");
  const std::map<std::string, std::string> names = {
      {"regions/temanggung/units/dinas-kesehatan", "Dinas Kesehatan"},
      {"regions/temanggung/units/asisten-pemkesra", "Asisten Pemerintahan dan Kesra"}};
  const std::string page = OverdueView(
      Temanggung(), {.identified = true}, {d}, {f}, names,
      {{"regions/temanggung/units/dinas-kesehatan", "regions/temanggung/units/asisten-pemkesra"}},
      Lang::kIndonesian);
  EXPECT_THAT(
      page, HasSubstr("<td>Asisten Pemerintahan dan Kesra</td><td>Dinas Kesehatan</td><td>Laporan "
                      "imunisasi</td><td>Asisten Pemerintahan dan Kesra (asisten)</td>"));
  EXPECT_THAT(page, HasSubstr("<td>Asisten Pemerintahan dan Kesra</td><td>Dinas "
                              "Kesehatan</td><td>Fogging</td><td>2026-11-20</td>"));
  EXPECT_THAT(page, Not(HasSubstr(R"(id="identify")")));
  // A reader who has not said who they are is told so, not shown empty tables.
  const std::string public_page =
      OverdueView(Temanggung(), {.identified = false}, {}, {}, names, {}, Lang::kEnglish);
  EXPECT_THAT(public_page, HasSubstr("say who you are"));
  EXPECT_THAT(public_page, Not(HasSubstr("<table")));
  const std::string production =
      OverdueView(Temanggung(), {.identified = false, .may_identify = false}, {}, {}, names, {},
                  Lang::kEnglish);
  EXPECT_THAT(production, HasSubstr("not public"));
  EXPECT_THAT(production, Not(HasSubstr("say who you are")));
}

TEST(OrganisationView, NestsUnitsUnderTheirStructuralParentWithTheirAsistenAndArticles) {
  gv1::Unit setda, asisten, bagian, dinas;
  setda.set_name("regions/temanggung/units/setda");
  setda.set_display_name("Sekretariat Daerah");
  asisten.set_name("regions/temanggung/units/asisten-pemkesra");
  asisten.set_display_name("Asisten Pemerintahan dan Kesra");
  asisten.set_parent(setda.name());
  bagian.set_name("regions/temanggung/units/bagian-tapem");
  bagian.set_display_name("Bagian Tata Pemerintahan");
  bagian.set_parent(asisten.name());
  dinas.set_name("regions/temanggung/units/dinas-kesehatan");
  dinas.set_display_name("Dinas Kesehatan");
  dinas.set_coordinator(asisten.name());
  dinas.add_citations("Temanggung Pasal 26 ayat (2) huruf a angka 3");
  const std::string page = OrganisationView(Temanggung(), "2026-11-02",
                                            {setda, asisten, bagian, dinas}, Lang::kIndonesian);
  // Sekretariat Daerah > Asisten > Bagian, each a list inside its parent's item.
  const size_t setda_at = page.find("Sekretariat Daerah</strong>");
  const size_t asisten_at = page.find("Asisten Pemerintahan dan Kesra</strong>");
  const size_t bagian_at = page.find("Bagian Tata Pemerintahan</strong>");
  ASSERT_NE(bagian_at, std::string::npos);
  EXPECT_LT(setda_at, asisten_at);
  EXPECT_LT(asisten_at, bagian_at);
  EXPECT_THAT(page.substr(setda_at, bagian_at - setda_at), HasSubstr(R"(<ul class="tree">)"));
  EXPECT_THAT(page, HasSubstr("Dikoordinasikan oleh Asisten Pemerintahan dan Kesra"));
  EXPECT_THAT(page, HasSubstr("Temanggung Pasal 26 ayat (2) huruf a angka 3"));
  EXPECT_THAT(page, HasSubstr(R"(value="2026-11-02")"));
}

TEST(Page, EscapesWhatItIsGivenAndTogglesLanguageOnTheSamePage) {
  PageFrame frame{"<script>alert(1)</script>",
                  Lang::kIndonesian,
                  "/regions/temanggung?year=2026",
                  {},
                  "x\"><b>"};
  const std::string page = RenderPage(frame, "");
  EXPECT_THAT(page, Not(HasSubstr("<script>")));
  EXPECT_THAT(page, HasSubstr("&lt;script&gt;"));
  EXPECT_THAT(page, HasSubstr(R"(value="x&quot;&gt;&lt;b&gt;")"));
  EXPECT_THAT(page,
              HasSubstr(R"(href="/regions/temanggung?year=2026&amp;lang=en" lang="en">English<)"));
  EXPECT_THAT(page, HasSubstr(R"(<html lang="id">)"));
  frame.lang = Lang::kEnglish;
  EXPECT_THAT(RenderPage(frame, ""),
              HasSubstr(R"(href="/regions/temanggung?year=2026" lang="id">Bahasa Indonesia<)"));
  EXPECT_THAT(RenderPage(frame, ""), Not(HasSubstr("http")));  // nothing from another host
  EXPECT_THAT(RenderPage(frame, ""), HasSubstr(R"(action="/identity")"));
  frame.identity_form = false;  // production: a stated identity would not count
  EXPECT_THAT(RenderPage(frame, ""), Not(HasSubstr("<form")));
}

TEST(LocalTime, WritesTheZonesIndonesianAbbreviation) {
  const absl::Time t = absl::FromUnixSeconds(1793586600);  // 2026-11-02 02:30 UTC
  EXPECT_EQ(LocalTime(t, "Asia/Jakarta"), "2026-11-02 09:30 WIB");
  EXPECT_EQ(LocalTime(t, "Asia/Makassar"), "2026-11-02 10:30 WITA");
  EXPECT_EQ(LocalTime(t, "Asia/Jayapura"), "2026-11-02 11:30 WIT");
}

}  // namespace
}  // namespace rakor::dashboard
