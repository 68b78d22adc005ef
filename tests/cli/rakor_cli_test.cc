// Tier 3 for the command line: the real `rakor` binary against the real registry,
// scheduling and reporting services (served over loopback by this test), as an
// officer would run it: tables in the region's zone, JSON for scripts, the language
// asked for, and exit codes that follow the gRPC status.
#include <sys/wait.h>

#include <cstdio>
#include <fstream>

#include "tests/support/reporting_server.h"

namespace rakor::reporting {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Outcome {
  int code = -1;
  std::string out;
};

class RakorCommand : public ReportingService {
 protected:
  // Runs `rakor args` (stderr joined to stdout) against this test's servers.
  Outcome Rakor(const std::string& args, const std::string& env = "LANG=id_ID.UTF-8") {
    const std::string command = env + " " + RAKOR_CLI_BINARY +
                                " --registry=127.0.0.1:" + std::to_string(port_) +
                                " --scheduling=127.0.0.1:" + std::to_string(scheduling_port_) +
                                " --reporting=" + reporting_address_ + " " + args + " 2>&1";
    Outcome run;
    FILE* pipe = popen(command.c_str(), "r");
    char buf[4096];
    size_t n = 0;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
    const int status = pclose(pipe);
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
  }
};

TEST_P(RakorCommand, ShowsTheOrganisationAsATreeWithEachUnitsAsisten) {
  const Outcome run = Rakor("org regions/temanggung");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("asisten"));  // the Indonesian header
  // Dinas Kesehatan, under its Asisten Pemerintahan dan Kesra.
  EXPECT_THAT(run.out, ::testing::ContainsRegex("Dinas Kesehatan +DINAS +Asisten Pemerintahan"));
  const Outcome english = Rakor("--lang=en chain regions/temanggung/units/dinas-kesehatan");
  ASSERT_EQ(english.code, 0) << english.out;
  EXPECT_THAT(english.out, HasSubstr("basis"));
  EXPECT_THAT(english.out, HasSubstr("ASISTEN"));
  EXPECT_THAT(english.out, HasSubstr("HEAD_OF_REGION"));
}

TEST_P(RakorCommand, ListsMeetingsInTheRegionsZoneAndComplianceAsTableOrJson) {
  Seed();
  const Outcome run = Rakor("meetings regions/temanggung --from 2026-06-01 --to 2026-07-01");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("2026-06-02 09:00 WIB"));  // moved off Hari Lahir Pancasila
  EXPECT_THAT(run.out, HasSubstr("Temanggung Pasal 18"));
  const Outcome json =
      Rakor("--json compliance all --from 2026-01 --to 2026-03", "LANG=en_US.UTF-8");
  ASSERT_EQ(json.code, 0) << json.out;
  EXPECT_THAT(json.out, HasSubstr("{\"rule\":\"Temanggung Pasal 18\",\"period\":\"2026-01\""));
  EXPECT_THAT(json.out, HasSubstr("\"status\":\"MISSED\""));
}

TEST_P(RakorCommand, ExitCodesFollowTheGrpcStatusAndSayWhatToFix) {
  Outcome run = Rakor("org regions/atlantis");
  EXPECT_EQ(run.code, 5) << run.out;  // NOT_FOUND
  run = Rakor("meetings regions/temanggung --from kemarin --to 2026-07-01", "LANG=en_US.UTF-8");
  EXPECT_EQ(run.code, 3) << run.out;  // INVALID_ARGUMENT
  EXPECT_THAT(run.out, HasSubstr("must be dates"));
  run = Rakor("meetings regions/temanggung");
  EXPECT_EQ(run.code, 64) << run.out;  // usage
  run = Rakor("--registry=127.0.0.1:1 org regions/temanggung", "LANG=en_US.UTF-8");
  EXPECT_EQ(run.code, 14) << run.out;  // UNAVAILABLE
  EXPECT_THAT(run.out, HasSubstr("check the service addresses"));
}

TEST_P(RakorCommand, ShowsTheInboxOfTheCallersUnit) {
  rv1::Document d;
  ASSERT_THAT(
      Submit("regions/temanggung", "laporan", "regions/temanggung/units/dinas-kesehatan", &d),
      rakor::testing::IsOk());
  const Outcome mine = Rakor("--as " + d.route(0).unit() + "#asisten inbox regions/temanggung");
  ASSERT_EQ(mine.code, 0) << mine.out;
  EXPECT_THAT(mine.out, HasSubstr("regions/temanggung/documents/laporan"));
  EXPECT_THAT(mine.out, HasSubstr("FORWARD"));
  const Outcome sekda =
      Rakor("--as regions/temanggung/units/sekretariat-daerah#sekda inbox regions/temanggung");
  ASSERT_EQ(sekda.code, 0) << sekda.out;
  EXPECT_THAT(sekda.out, Not(HasSubstr("documents/laporan")));  // not the Sekda's turn yet
}

TEST_P(RakorCommand, AnOfficerSubmitsAReportFromAFileAndEachOfficialMovesIt) {
  const std::string file = rakor::testing::TempPath("laporan.json");
  std::ofstream(file) << R"({"title": "Laporan hasil koordinasi imunisasi",
    "summary": "Cakupan imunisasi triwulan III",
    "decisions": ["Sweeping imunisasi di tiga kecamatan"],
    "followUps": [{"what": "Data sasaran diperbarui",
                   "owner": "regions/temanggung/units/dinas-kesehatan",
                   "dueDate": "2026-12-15"}]})";
  const std::string dinkes = "regions/temanggung/units/dinas-kesehatan";
  Outcome run =
      Rakor("--as " + dinkes + "#head submit regions/temanggung laporan-imunisasi --unit " +
            dinkes + " --file " + file);
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("IN_REVIEW"));
  const std::string document = "regions/temanggung/documents/laporan-imunisasi";
  rv1::GetDocumentRequest get;
  get.set_name(document);
  rv1::Document d;
  ASSERT_THAT(reporting_stub_->GetDocument(As(dinkes + "#head").get(), get, &d),
              rakor::testing::IsOk());
  ASSERT_EQ(d.revisions(0).follow_ups_size(), 1);  // from the file

  // A return needs a comment; the Sekda cannot accept before the Asisten forwards.
  const std::string asisten = d.route(0).unit() + "#asisten";
  run = Rakor("--as " + asisten + " return " + document, "LANG=en_US.UTF-8");
  EXPECT_EQ(run.code, 3) << run.out;
  EXPECT_THAT(run.out, HasSubstr("comment"));
  run = Rakor("--as regions/temanggung/units/sekretariat-daerah#sekda accept " + document);
  EXPECT_EQ(run.code, 9) << run.out;  // FAILED_PRECONDITION: not the Sekda's turn
  for (const std::string& step :
       {"--as " + asisten + " forward ", "--as " + d.route(1).unit() + "#sekda accept ",
        "--as " + d.route(2).unit() + "#head-of-region acknowledge "}) {
    run = Rakor(step + document);
    ASSERT_EQ(run.code, 0) << step << run.out;
  }
  EXPECT_THAT(run.out, HasSubstr("ACKNOWLEDGED"));

  // And attendance is recorded from the command line too.
  Seed();
  run = Rakor(
      "attend regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/"
      "20261005T090000 " +
      dinkes + " --status represented --by \"dr. Siti\"");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("HELD"));
}

TEST_P(RakorCommand, PrintsAMeetingsInvitationForCalendars) {
  Seed();
  for (const auto& [unit, email] :
       {std::pair<std::string, std::string>{"regions/temanggung/units/bupati",
                                            "bupati@temanggungkab.go.id"},
        {"regions/temanggung/units/dinas-kesehatan", "dinkes@temanggungkab.go.id"}}) {
    registry::v1::Unit patch;
    patch.set_name(unit);
    patch.set_contact_email(email);
    google::protobuf::FieldMask mask;
    mask.add_paths("contact_email");
    ASSERT_THAT(registry_->UpdateUnit(patch, mask, "t"), rakor::testing::IsOk());
  }
  const Outcome run =
      Rakor("ics regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20261207T090000");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("METHOD:REQUEST"));
  EXPECT_THAT(run.out, HasSubstr("DTSTART;TZID=Asia/Jakarta:20261207T090000"));
  EXPECT_THAT(run.out, HasSubstr("mailto:dinkes@temanggungkab.go.id"));
  EXPECT_THAT(run.out, HasSubstr("ORGANIZER;CN=Bupati"));
}

INSTANTIATE_TEST_SUITE_P(SQLite, RakorCommand, ::testing::Values("sqlite"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace rakor::reporting
