// Tier 3 for the command line: a secretariat officer's day with the real `rakor`
// binary against the real rakor-registry, rakor-scheduling and rakor-reporting
// binaries, each its own process on its own SQLite file, as the Quick start runs
// them: schedule an incidental meeting, see it, send its invitations, record who came,
// submit the minutes, have the Sekda accept them, print them, subscribe to the feed.
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/child_process.h"
#include "tests/support/registry_fixture.h"

namespace rakor {
namespace {

using ::rakor::testing::Child;
using ::rakor::testing::StartChild;
using ::testing::HasSubstr;

using Outcome = ::rakor::testing::ShellRun;

std::string Slurp(const std::string& command) { return ::rakor::testing::RunShell(command).out; }

class RakorAgainstTheServices : public ::testing::Test {
 protected:
  void SetUp() override {
    registry_ = StartChild(
        RAKOR_REGISTRY_BINARY, "rakor-registry",
        {"--listen=127.0.0.1:0", "--database=" + rakor::testing::TempPath("registry.db"),
         "--seed_dir=" + rakor::testing::SeedDir(), "--rpc_log=false", "--insecure_development"});
    ASSERT_GT(registry_->port, 0) << registry_->log;
    const std::string registry = "--registry_addr=127.0.0.1:" + std::to_string(registry_->port);
    scheduling_ = StartChild(
        RAKOR_SCHEDULING_BINARY, "rakor-scheduling",
        {"--listen=127.0.0.1:0", "--database=" + rakor::testing::TempPath("scheduling.db"),
         registry, "--seed_dir=" + std::string(RAKOR_SOURCE_DIR) + "/data/scheduling",
         "--rpc_log=false", "--insecure_development", "--feed_listen=127.0.0.1:0"});
    ASSERT_GT(scheduling_->port, 0) << scheduling_->log;
    std::smatch feed;
    ASSERT_TRUE(std::regex_search(scheduling_->log, feed,
                                  std::regex("calendar feeds on (http://127.0.0.1:[0-9]+)")))
        << scheduling_->log;
    feed_url_ = feed[1];
    reporting_ = StartChild(
        RAKOR_REPORTING_BINARY, "rakor-reporting",
        {"--listen=127.0.0.1:0", "--database=" + rakor::testing::TempPath("reporting.db"), registry,
         "--scheduling_addr=127.0.0.1:" + std::to_string(scheduling_->port),
         "--spool_dir=" + rakor::testing::TempPath(""), "--rpc_log=false",
         "--insecure_development"});
    ASSERT_GT(reporting_->port, 0) << reporting_->log;
  }
  void TearDown() override {
    for (auto* child : {&reporting_, &scheduling_, &registry_}) {
      if (*child != nullptr) rakor::testing::Stop(**child);
    }
    rakor::testing::RemoveTempDir();
  }

  // `rakor args`, with the services' addresses from the environment, as a user sets them.
  Outcome Rakor(const std::string& args, const std::string& lang = "id_ID.UTF-8") {
    const std::string command =
        "LANG=" + lang + " RAKOR_REGISTRY_ADDR=127.0.0.1:" + std::to_string(registry_->port) +
        " RAKOR_SCHEDULING_ADDR=127.0.0.1:" + std::to_string(scheduling_->port) +
        " RAKOR_REPORTING_ADDR=127.0.0.1:" + std::to_string(reporting_->port) + " " +
        RAKOR_CLI_BINARY + " " + args + " 2>&1";
    return ::rakor::testing::RunShell(command);
  }

  std::unique_ptr<Child> registry_, scheduling_, reporting_;
  std::string feed_url_;
};

TEST_F(RakorAgainstTheServices, AnOfficerRunsAMeetingFromInvitationToPrintedMinutes) {
  const std::string dinkes = "regions/banjar/units/dinas-kesehatan";
  const std::string setda = "regions/banjar/units/sekretariat-daerah";
  Outcome run = Rakor("org regions/banjar");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("Dinas Kesehatan"));

  run = Rakor("--as " + setda +
              "#sekda schedule regions/banjar rapat-dbd --title "
              "'Rapat Penanganan Demam Berdarah' --chair " +
              setda +
              " --start 2026-11-10T09:00:00 --minutes 90 --reason 'Kasus DBD meningkat' "
              "--basis 'Banjar Pasal 22 ayat (1)' --place 'Ruang Rapat Setda' --invite unit:" +
              dinkes);
  ASSERT_EQ(run.code, 0) << run.out;
  run = Rakor("meetings regions/banjar --from 2026-11-01 --to 2026-12-01");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("2026-11-10 09:00 WIB  Rapat Penanganan Demam Berdarah"));
  const std::string occurrence = "regions/banjar/series/rapat-dbd/occurrences/20261110T090000";

  // The registry has no address for the units yet: the officer is told what to fix.
  run = Rakor("invite " + occurrence + " --from setda@banjarkota.go.id --outbox " +
              rakor::testing::TempPath("outbox"));
  EXPECT_EQ(run.code, 9) << run.out;  // FAILED_PRECONDITION
  EXPECT_THAT(run.out, HasSubstr("contact_email"));
  EXPECT_THAT(run.out, HasSubstr("rakor address"));
  // The region's administrator fills them in, and the invitation goes out.
  run = Rakor("--as " + setda + "#region-admin address " + setda + " setda@banjarkota.go.id");
  ASSERT_EQ(run.code, 0) << run.out;
  run = Rakor("--as " + setda + "#region-admin address " + dinkes + " dinkes@banjarkota.go.id");
  ASSERT_EQ(run.code, 0) << run.out;
  run = Rakor("invite " + occurrence + " --from setda@banjarkota.go.id --outbox " +
              rakor::testing::TempPath("outbox"));
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("1 terkirim"));

  run = Rakor("--as regions/banjar/units/sekretariat-daerah#sekda attend " + occurrence + " " +
              dinkes + " --status present");
  ASSERT_EQ(run.code, 0) << run.out;
  const std::string file = rakor::testing::TempPath("notulen.json");
  std::ofstream(file) << R"({"title": "Notulen Rapat Penanganan DBD",
    "summary": "Kasus DBD naik di tiga kelurahan",
    "decisions": ["Fogging serentak pekan depan"],
    "followUps": [{"what": "Fogging di tiga kelurahan", "owner": ")"
                      << dinkes << R"(", "dueDate": "2026-11-20"}]})";
  run = Rakor("--as " + dinkes + "#staff submit regions/banjar notulen-dbd --unit " + dinkes +
              " --occurrence " + occurrence + " --file " + file);
  ASSERT_EQ(run.code, 0) << run.out;
  const std::string document = "regions/banjar/documents/notulen-dbd";
  run = Rakor("--as " + dinkes + "#staff minutes export " + document + " --out " +
                  rakor::testing::TempPath("early.pdf"),
              "en_US.UTF-8");
  EXPECT_EQ(run.code, 9) << run.out;  // not accepted yet
  // Through the Asisten who coordinates Dinas Kesehatan, then the Sekda.
  const std::string asisten = "regions/banjar/units/asisten-pemerintahan-kesra";
  run = Rakor("--as " + asisten + "#asisten inbox regions/banjar");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr(document));
  run = Rakor("--as " + asisten + "#asisten forward " + document);
  ASSERT_EQ(run.code, 0) << run.out;
  run = Rakor("--as " + setda + "#sekda inbox regions/banjar");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr(document));
  run = Rakor("--as " + setda + "#sekda accept " + document);
  ASSERT_EQ(run.code, 0) << run.out;

  const std::string pdf = rakor::testing::TempPath("notulen.pdf");
  run = Rakor("--as " + dinkes + "#staff minutes export " + document + " --out " + pdf);
  ASSERT_EQ(run.code, 0) << run.out;
  const std::string text = Slurp("pdftotext -layout " + pdf + " -");
  EXPECT_THAT(text, HasSubstr("PEMERINTAH KOTA BANJAR"));
  EXPECT_THAT(text, HasSubstr("Selasa, 10 November 2026"));
  EXPECT_THAT(text, HasSubstr("Fogging serentak pekan depan"));
  EXPECT_THAT(text, ::testing::ContainsRegex("Dinas Kesehatan +Hadir"));

  // A calendar application subscribes to the unit's feed.
  const std::string feed = Slurp(
      "/usr/bin/python3 -c \"import urllib.request,icalendar; "
      "c=icalendar.Calendar.from_ical(urllib.request.urlopen('" +
      feed_url_ +
      "/regions/banjar/units/dinas-kesehatan/calendar.ics').read()); "
      "[print(e['uid']) for e in c.walk('VEVENT')]\"");
  EXPECT_THAT(feed, HasSubstr(occurrence + "@rakor"));
}

}  // namespace
}  // namespace rakor
