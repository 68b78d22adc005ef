// Tier 3 for the command line: the real `rakor` binary against the real registry,
// scheduling and reporting services (served over loopback by this test), as an
// officer would run it: tables in the region's zone, JSON for scripts, the language
// asked for, and exit codes that follow the gRPC status.
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "tests/support/child_process.h"
#include "tests/support/reporting_server.h"

namespace rakor::reporting {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using Outcome = ::rakor::testing::ShellRun;

class RakorCommand : public ReportingService {
 protected:
  // Runs `rakor args` (stderr joined to stdout) against this test's servers.
  Outcome Rakor(const std::string& args, const std::string& env = "LANG=id_ID.UTF-8") {
    const std::string command = env + " " + RAKOR_CLI_BINARY +
                                " --registry=127.0.0.1:" + std::to_string(port_) +
                                " --scheduling=127.0.0.1:" + std::to_string(scheduling_port_) +
                                " --reporting=" + reporting_address_ + " " + args + " 2>&1";
    return ::rakor::testing::RunShell(command);
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
  // Months before the rule was added (the day the seed ran) are not judged as missed.
  EXPECT_THAT(json.out, HasSubstr("\"status\":\"NOT_TRACKED\""));
  EXPECT_THAT(json.out, Not(HasSubstr("\"status\":\"MISSED\"")));
}

TEST_P(RakorCommand, ExitCodesFollowTheGrpcStatusAndSayWhatToFix) {
  Outcome run = Rakor("org regions/atlantis");
  EXPECT_EQ(run.code, 5) << run.out;  // NOT_FOUND
  run = Rakor("meetings regions/temanggung --from kemarin --to 2026-07-01", "LANG=en_US.UTF-8");
  EXPECT_EQ(run.code, 3) << run.out;  // INVALID_ARGUMENT
  EXPECT_THAT(run.out, HasSubstr("must be dates"));
  run = Rakor("meetings regions/temanggung --from 2026-07-01 --to 2026-06-01", "LANG=en_US.UTF-8");
  EXPECT_EQ(run.code, 3) << run.out;
  EXPECT_THAT(run.out, HasSubstr("--to must be after --from"));
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
      "--as regions/temanggung/units/sekretariat-daerah#sekda attend "
      "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/"
      "20261005T090000 " +
      dinkes + " --status represented --by \"dr. Siti\"");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("HELD"));
}

TEST_P(RakorCommand, ASubmitterSeesWhyAReportCameBackRevisesItAndRecordsItsFollowUpDone) {
  const std::string file = rakor::testing::TempPath("laporan.json");
  std::ofstream(file) << R"({"title": "Laporan hasil koordinasi imunisasi",
    "followUps": [{"what": "Data sasaran diperbarui",
                   "owner": "regions/temanggung/units/dinas-kesehatan",
                   "dueDate": "2026-12-15"}]})";
  const std::string dinkes = "regions/temanggung/units/dinas-kesehatan";
  const std::string document = "regions/temanggung/documents/laporan-imunisasi";
  Outcome run =
      Rakor("--as " + dinkes + "#head submit regions/temanggung laporan-imunisasi --unit " +
            dinkes + " --file " + file);
  ASSERT_EQ(run.code, 0) << run.out;
  const std::string asisten = "regions/temanggung/units/asisten-pemerintahan-kesra#asisten";
  run = Rakor("--as " + asisten + " return " + document + " --comment \"Lampirkan data per desa\"");
  ASSERT_EQ(run.code, 0) << run.out;

  // The inbox and the document say why it came back.
  run = Rakor("--as " + dinkes + "#staff inbox regions/temanggung", "LANG=en_US.UTF-8");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("returned: Lampirkan data per desa"));
  run = Rakor("--as " + dinkes + "#head document " + document);
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("Dikembalikan: Lampirkan data per desa"));
  EXPECT_THAT(run.out, HasSubstr(document + "/followUps/1"));

  std::ofstream(file) << R"json({"title": "Laporan hasil koordinasi imunisasi (perbaikan)",
    "followUps": [{"what": "Data sasaran diperbarui",
                   "owner": "regions/temanggung/units/dinas-kesehatan",
                   "dueDate": "2026-12-15"}]})json";
  run = Rakor("--as " + dinkes + "#head resubmit " + document + " --file " + file);
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("IN_REVIEW"));
  // A step on the document as an official read it before the revision is refused.
  run = Rakor("--as " + asisten + " forward " + document + " --etag 2");
  EXPECT_EQ(run.code, 10) << run.out;  // ABORTED: stale
  for (const std::string& step :
       {"--as " + asisten + " forward ",
        std::string("--as regions/temanggung/units/sekretariat-daerah#sekda accept ")}) {
    run = Rakor(step + document);
    ASSERT_EQ(run.code, 0) << step << run.out;
  }
  run = Rakor("--as " + dinkes + "#staff complete " + document +
              "/followUps/1 --note \"Data sasaran 2027 diperbarui\"");
  ASSERT_EQ(run.code, 0) << run.out;
  run = Rakor("--lang=en --as " + dinkes + "#head document " + document);
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("(perbaikan)"));
  EXPECT_THAT(run.out, ::testing::ContainsRegex("done [0-9-]+ [0-9:]+ WIB: Data sasaran 2027"));
  EXPECT_THAT(run.out, HasSubstr("due now"));  // the Bupati's acknowledgement
}

TEST_P(RakorCommand, ASubmitterWithdrawsAReportSentByMistakeWithItsReason) {
  const std::string file = rakor::testing::TempPath("laporan.json");
  std::ofstream(file) << R"({"title": "Laporan yang keliru"})";
  const std::string dinkes = "regions/temanggung/units/dinas-kesehatan";
  const std::string document = "regions/temanggung/documents/laporan-keliru";
  Outcome run = Rakor("--as " + dinkes + "#head submit regions/temanggung laporan-keliru --unit " +
                      dinkes + " --file " + file);
  ASSERT_EQ(run.code, 0) << run.out;
  const std::string inbox =
      "--as regions/temanggung/units/asisten-pemerintahan-kesra#asisten inbox regions/temanggung";
  run = Rakor(inbox);
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("laporan-keliru"));
  run = Rakor("--as " + dinkes + "#head withdraw " + document);
  EXPECT_EQ(run.code, 3) << run.out;  // INVALID_ARGUMENT: no reason
  run = Rakor("--as " + dinkes + "#head withdraw " + document + " --comment \"Terkirim dua kali\"");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("WITHDRAWN"));
  run = Rakor("--as " + dinkes + "#staff document " + document);
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("Ditarik: Terkirim dua kali"));
  run = Rakor(inbox);
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, Not(HasSubstr("laporan-keliru")));
}

TEST_P(RakorCommand, TheSekdaSetsTheDeadlineAndAnyoneOnTheRouteReadsTheTrailAndWhatIsLate) {
  const std::string file = rakor::testing::TempPath("laporan.json");
  std::ofstream(file) << R"({"title": "Laporan hasil koordinasi",
    "followUps": [{"what": "Data sasaran diperbarui",
                   "owner": "regions/temanggung/units/dinas-kesehatan",
                   "dueDate": "2026-11-01"}]})";
  const std::string dinkes = "regions/temanggung/units/dinas-kesehatan";
  const std::string sekda = "regions/temanggung/units/sekretariat-daerah#sekda";
  const std::string document = "regions/temanggung/documents/laporan-sasaran";
  Outcome run = Rakor("--as " + dinkes + "#head submit regions/temanggung laporan-sasaran --unit " +
                      dinkes + " --file " + file);
  ASSERT_EQ(run.code, 0) << run.out;
  for (const std::string& step :
       {std::string("--as regions/temanggung/units/asisten-pemerintahan-kesra#asisten forward "),
        "--as " + sekda + " accept "}) {
    run = Rakor(step + document);
    ASSERT_EQ(run.code, 0) << step << run.out;
  }
  run = Rakor("--as " + dinkes + "#head overdue regions/temanggung");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr(document + "/followUps/1"));

  run = Rakor("--as " + sekda + " settings regions/temanggung --days 5");
  EXPECT_EQ(run.code, 64) << run.out;  // a number without its source
  run = Rakor(
      "--as regions/temanggung/units/asisten-pemerintahan-kesra#asisten settings "
      "regions/temanggung --days 4 --source \"Nota dinas\"");
  EXPECT_EQ(run.code, 7) << run.out;
  run = Rakor("--as " + sekda +
              " settings regions/temanggung --days 5 --source \"Surat Edaran Sekda\"");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("Surat Edaran Sekda"));
  run = Rakor("--as " + dinkes + "#head audit regions/temanggung/reportingSettings");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("SETTINGS_UPDATE"));
  EXPECT_THAT(run.out, HasSubstr("step_due_working_days 3 -> 5"));
  run = Rakor("--as " + dinkes + "#head audit " + document);
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("FORWARD"));
  EXPECT_THAT(run.out, HasSubstr("ACCEPT"));
  EXPECT_THAT(run.out, HasSubstr("WIB"));  // times as Temanggung reads them
  run = Rakor("--lang=en --as " + sekda + " audit --verify");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("intact: 4 entries"));
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

// Gives every unit invited to `o` (and its chair) an address: <id>@temanggungkab.go.id.
void GiveAddresses(registry::Registry* registry, const rakor::scheduling::v1::Occurrence& o) {
  std::vector<std::string> units = {o.chair()};
  for (const auto& i : o.invitations()) units.push_back(i.unit());
  for (const std::string& unit : units) {
    registry::v1::Unit patch;
    patch.set_name(unit);
    patch.set_contact_email(unit.substr(unit.rfind('/') + 1) + "@temanggungkab.go.id");
    google::protobuf::FieldMask mask;
    mask.add_paths("contact_email");
    ASSERT_THAT(registry->UpdateUnit(patch, mask, "t"), rakor::testing::IsOk());
  }
}

int CountFiles(const std::string& dir, const std::string& extension) {
  int n = 0;
  if (!std::filesystem::exists(dir)) return 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    n += entry.path().extension() == extension;
  }
  return n;
}

std::string Slurp(const std::string& command) { return ::rakor::testing::RunShell(command).out; }

// An e-mail as a mail client and Python's icalendar package read it.
std::string ReadInvitation(const std::string& file) {
  return Slurp("/usr/bin/python3 " + std::string(RAKOR_SOURCE_DIR) +
               "/tests/support/read_invitation.py " + file);
}

TEST_P(RakorCommand, EmailsInvitationsWithTheFormalLetterAndResumesWithoutSendingTwice) {
  Seed();
  const std::string occurrence =
      "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20261207T090000";
  rakor::scheduling::v1::Occurrence o;
  ASSERT_THAT(GetOccurrence(occurrence, &o), rakor::testing::IsOk());
  GiveAddresses(registry_.get(), o);
  const int invited = o.invitations_size();
  ASSERT_GT(invited, 10);

  // A real SMTP server that keeps failing one mailbox for now.
  const std::string mail = rakor::testing::TempPath("mail");
  const std::string script = std::string(RAKOR_SOURCE_DIR) + "/tests/support/smtp_server.py";
  auto smtp = rakor::testing::StartChild(
      "/usr/bin/python3", "smtp",
      {script, mail, "--fail-for", "dinas-kesehatan@temanggungkab.go.id"});
  ASSERT_GT(smtp->port, 0) << smtp->log;
  const std::string send = "invite " + occurrence +
                           " --from setda@temanggungkab.go.id --nomor 005/412/Setda/XI/2026"
                           " --city Temanggung --attempts 2 --backoff 0 --state " +
                           rakor::testing::TempPath("state") + " --smtp smtp://127.0.0.1:";
  Outcome run = Rakor(send + std::to_string(smtp->port));
  EXPECT_EQ(run.code, 14) << run.out;  // UNAVAILABLE: run it again later
  EXPECT_THAT(run.out, HasSubstr("dinas-kesehatan@temanggungkab.go.id"));
  EXPECT_THAT(run.out, HasSubstr("451"));
  EXPECT_THAT(run.out, HasSubstr(std::to_string(invited - 1) + " terkirim"));
  EXPECT_THAT(run.out, HasSubstr("[" + std::to_string(invited) + "/" + std::to_string(invited)));
  EXPECT_EQ(CountFiles(mail, ".eml"), invited - 1);

  // Run again once the mailbox is back: only the one left is sent.
  rakor::testing::Stop(*smtp);
  smtp = rakor::testing::StartChild("/usr/bin/python3", "smtp", {script, mail});
  ASSERT_GT(smtp->port, 0) << smtp->log;
  run = Rakor(send + std::to_string(smtp->port));
  EXPECT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("1 terkirim, " + std::to_string(invited - 1) + " sudah terkirim"));
  ASSERT_EQ(CountFiles(mail, ".eml"), invited);
  EXPECT_EQ(Slurp("cat " + mail + "/*.rcpt | sort | uniq -d"), "") << "sent twice";

  // The last one is Dinas Kesehatan's.
  const std::string read = ReadInvitation(mail + "/" + std::to_string(invited) + ".eml");
  EXPECT_THAT(read, HasSubstr("to: Dinas Kesehatan <dinas-kesehatan@temanggungkab.go.id>"));
  EXPECT_THAT(read, HasSubstr("subject: Undangan: "));
  EXPECT_THAT(read, HasSubstr("letter: PEMERINTAH KABUPATEN TEMANGGUNG"));
  EXPECT_THAT(read, HasSubstr("letter: Nomor    : 005/412/Setda/XI/2026"));
  EXPECT_THAT(read, HasSubstr("letter: Sifat    : Penting"));
  EXPECT_THAT(read, HasSubstr("letter: Lampiran : 1 (satu) berkas undangan kalender"));
  EXPECT_THAT(read, HasSubstr("letter: Hal      : Undangan "));
  EXPECT_THAT(read, HasSubstr("letter: Yth. Dinas Kesehatan"));
  EXPECT_THAT(read, HasSubstr("letter: Hari/tanggal   : Senin, 7 Desember 2026"));
  EXPECT_THAT(read, HasSubstr("letter: Pukul          : 09.00 WIB s.d. "));
  EXPECT_THAT(read, HasSubstr("letter: Acara          : "));
  EXPECT_THAT(read, HasSubstr("Temanggung Pasal 18"));  // the legal basis
  EXPECT_THAT(read, HasSubstr("calendar-method-param: REQUEST"));
  EXPECT_THAT(read, HasSubstr("method: REQUEST"));
  EXPECT_THAT(read, HasSubstr("uid: " + occurrence + "@rakor"));
  EXPECT_THAT(read, HasSubstr("dtstart: 2026-12-07T09:00:00+07:00 Asia/Jakarta"));
  EXPECT_THAT(read, HasSubstr("attendee: mailto:dinas-kesehatan@temanggungkab.go.id NEEDS-ACTION"));
  EXPECT_THAT(read, HasSubstr("vtimezone: 1"));
  EXPECT_THAT(read, HasSubstr("attachment: undangan.ics application/ics"));

  // Dinas Kesehatan's calendar answers: the head sends a deputy.
  const std::string reply_file = rakor::testing::TempPath("reply.ics");
  std::ofstream(reply_file) << "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mail//EN\r\n"
                               "METHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:"
                            << occurrence
                            << "@rakor\r\nDTSTAMP:20261201T010000Z\r\nSEQUENCE:0\r\n"
                               "ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:sekdin@"
                               "temanggungkab.go.id\":mailto:dinas-kesehatan@temanggungkab.go."
                               "id\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  run = Rakor("--as regions/temanggung/units/dinas-kesehatan#head respond --reply " + reply_file);
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("regions/temanggung/units/dinas-kesehatan DELEGATED"));
  ASSERT_THAT(GetOccurrence(occurrence, &o), rakor::testing::IsOk());
  for (const auto& i : o.invitations()) {
    if (i.unit() == "regions/temanggung/units/dinas-kesehatan") {
      EXPECT_EQ(i.response(), rakor::scheduling::v1::DELEGATED);
      EXPECT_EQ(i.delegate_email(), "sekdin@temanggungkab.go.id");
    }
  }
  std::ofstream(reply_file) << "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\n"
                               "END:VCALENDAR\r\n";
  run = Rakor("respond --reply " + reply_file, "LANG=en_US.UTF-8");
  EXPECT_EQ(run.code, 3) << run.out;
  EXPECT_THAT(run.out, HasSubstr("METHOD:REPLY"));

  // A cancellation goes to everyone again, under the same UID, as METHOD:CANCEL.
  rakor::scheduling::v1::CancelOccurrenceRequest cancel;
  cancel.set_occurrence(occurrence);
  cancel.set_reason("Bupati berhalangan");
  rakor::scheduling::v1::Occurrence cancelled;
  ASSERT_THAT(scheduling_stub_->CancelOccurrence(Ctx().get(), cancel, &cancelled),
              rakor::testing::IsOk());
  run = Rakor(send + std::to_string(smtp->port));
  EXPECT_EQ(run.code, 0) << run.out;
  ASSERT_EQ(CountFiles(mail, ".eml"), 2 * invited);
  const std::string cancel_read = ReadInvitation(mail + "/" + std::to_string(2 * invited) + ".eml");
  EXPECT_THAT(cancel_read, HasSubstr("method: CANCEL"));
  EXPECT_THAT(cancel_read, HasSubstr("uid: " + occurrence + "@rakor"));
  EXPECT_THAT(cancel_read, HasSubstr("sequence: 1"));
  EXPECT_THAT(cancel_read, HasSubstr("subject: Pembatalan: "));
  EXPECT_THAT(cancel_read, HasSubstr("Bupati berhalangan"));
}

TEST_P(RakorCommand, WithoutSmtpInvitationsGoIntoAnOutboxOfEmlFilesOnce) {
  Seed();
  const std::string occurrence =
      "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20261207T090000";
  rakor::scheduling::v1::Occurrence o;
  ASSERT_THAT(GetOccurrence(occurrence, &o), rakor::testing::IsOk());
  GiveAddresses(registry_.get(), o);
  const std::string outbox = rakor::testing::TempPath("outbox");
  const std::string send =
      "invite " + occurrence + " --from setda@temanggungkab.go.id --outbox " + outbox;
  Outcome run = Rakor(send, "LANG=en_US.UTF-8");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_EQ(CountFiles(outbox, ".eml"), o.invitations_size());
  run = Rakor(send, "LANG=en_US.UTF-8");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("0 sent, " + std::to_string(o.invitations_size()) +
                                 " already sent before"));
  EXPECT_EQ(CountFiles(outbox, ".eml"), o.invitations_size());
  std::string sample;
  for (const auto& entry : std::filesystem::directory_iterator(outbox)) {
    if (entry.path().string().find("dinas-kesehatan") != std::string::npos) sample = entry.path();
  }
  const std::string read = ReadInvitation(sample);
  EXPECT_THAT(read, HasSubstr("to: Dinas Kesehatan <dinas-kesehatan@temanggungkab.go.id>"));
  EXPECT_THAT(read, HasSubstr("method: REQUEST"));
  if (const char* keep = std::getenv("RAKOR_KEEP_SAMPLE_EML")) {
    std::filesystem::copy_file(sample, keep, std::filesystem::copy_options::overwrite_existing);
  }
}

TEST_P(RakorCommand, ExportsAcceptedMinutesAsAPrintablePdf) {
  Seed();
  const std::string occurrence =
      "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20261005T090000";
  rakor::scheduling::v1::RecordAttendanceRequest attend;
  attend.set_occurrence(occurrence);
  auto* present = attend.add_attendance();
  present->set_unit("regions/temanggung/units/dinas-kesehatan");
  present->set_status(rakor::scheduling::v1::PRESENT_IN_PERSON);
  auto* deputy = attend.add_attendance();
  deputy->set_unit("regions/temanggung/units/dinas-sosial");
  deputy->set_status(rakor::scheduling::v1::REPRESENTED);
  deputy->set_representative("Sekretaris Dinas Sosial");
  rakor::scheduling::v1::Occurrence held;
  ASSERT_THAT(scheduling_stub_->RecordAttendance(Ctx().get(), attend, &held),
              rakor::testing::IsOk());
  rv1::SubmitDocumentRequest submit;
  submit.set_parent("regions/temanggung");
  submit.set_document_id("notulen-oktober");
  submit.set_kind(rv1::MINUTES);
  submit.set_unit("regions/temanggung/units/dinas-kesehatan");
  submit.set_occurrence(occurrence);
  *submit.mutable_revision() = ARevision("Notulen Rapat Koordinasi Oktober 2026");
  submit.mutable_revision()->set_body(
      "Kepala Dinas Kesehatan memaparkan capaian imunisasi triwulan III.");
  auto* follow = submit.mutable_revision()->add_follow_ups();
  follow->set_what("Laporkan cakupan imunisasi");
  follow->set_owner("regions/temanggung/units/dinas-kesehatan");
  follow->set_due_date("2026-11-01");
  rv1::Document d;
  const std::string staff = "regions/temanggung/units/dinas-kesehatan#staff";
  ASSERT_THAT(reporting_stub_->SubmitDocument(As(staff).get(), submit, &d), rakor::testing::IsOk());
  const std::string pdf = rakor::testing::TempPath("notulen.pdf");
  const std::string export_command =
      "--as " + staff + " minutes export " + d.name() + " --out " + pdf;
  Outcome run = Rakor(export_command, "LANG=en_US.UTF-8");
  EXPECT_EQ(run.code, 9) << run.out;  // FAILED_PRECONDITION: not accepted yet
  EXPECT_THAT(run.out, HasSubstr("only minutes the Sekda has accepted"));
  rv1::Document accepted;
  ASSERT_THAT(TakeDueStep(d, &accepted), rakor::testing::IsOk());

  run = Rakor(export_command);
  ASSERT_EQ(run.code, 0) << run.out;
  const std::string text = Slurp("pdftotext -layout " + pdf + " -");
  EXPECT_THAT(text, HasSubstr("PEMERINTAH KABUPATEN TEMANGGUNG"));
  EXPECT_THAT(text, HasSubstr("NOTULEN RAPAT"));
  EXPECT_THAT(text, HasSubstr("Notulen Rapat Koordinasi Oktober 2026"));
  EXPECT_THAT(text, HasSubstr("Senin, 5 Oktober 2026"));
  EXPECT_THAT(text, HasSubstr("09.00 – 11.00 WIB"));
  EXPECT_THAT(text, HasSubstr("Temanggung Pasal 18"));
  // The discussion is part of the notulen, not only its summary and decisions.
  EXPECT_THAT(text, HasSubstr("Pembahasan"));
  EXPECT_THAT(text, HasSubstr("memaparkan capaian imunisasi triwulan III"));
  EXPECT_THAT(text, ::testing::ContainsRegex("Dinas Kesehatan +Hadir"));
  EXPECT_THAT(text, ::testing::ContainsRegex("Dinas Sosial +Diwakili +Sekretaris Dinas Sosial"));
  EXPECT_THAT(text, HasSubstr("Data penerima bantuan diperbarui bulan depan"));  // the decision
  EXPECT_THAT(text,
              ::testing::ContainsRegex("Laporkan cakupan imunisasi +Dinas Kesehatan +2026-11-01"));
  EXPECT_THAT(text, ::testing::ContainsRegex("Diterima +2026-11-23 00:00 WIB"));
  EXPECT_THAT(text, HasSubstr("revisi 1 · SHA-256 " + d.revisions(0).sha256().substr(0, 16)));
  // And a page as an image, to look at.
  const std::string png = rakor::testing::TempPath("notulen");
  EXPECT_EQ(system(("pdftoppm -png -r 50 -f 1 -l 1 " + pdf + " " + png).c_str()), 0);
  EXPECT_TRUE(std::filesystem::exists(png + "-1.png"));
  if (const char* keep = std::getenv("RAKOR_KEEP_SAMPLE_PDF")) {
    std::filesystem::copy_file(pdf, keep, std::filesystem::copy_options::overwrite_existing);
  }
}

TEST_P(RakorCommand, AnAdministratorFillsInInvitationAddressesOneByOneOrFromAFile) {
  const std::string admin = "--as regions/temanggung/units/sekretariat-daerah#region-admin ";
  const std::string bupati = "regions/temanggung/units/bupati";
  const std::string dinkes = "regions/temanggung/units/dinas-kesehatan";
  auto email_of = [&](const std::string& unit) {
    return registry_->snapshot()->FindUnit(unit)->contact_email();
  };
  Outcome run = Rakor("address regions/temanggung");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, ::testing::ContainsRegex("Dinas Kesehatan +- +" + dinkes));

  run = Rakor(admin + "address " + bupati + " bupati@temanggungkab.go.id");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("diubah"));
  EXPECT_EQ(email_of(bupati), "bupati@temanggungkab.go.id");
  run = Rakor(admin + "address " + bupati + " bupati@temanggungkab.go.id");
  EXPECT_THAT(run.out, HasSubstr("tetap"));  // a second run changes nothing
  run = Rakor("--as regions/soppeng/units/sekretariat-daerah#region-admin address " + bupati +
              " lain@soppengkab.go.id");
  EXPECT_EQ(run.code, 7) << run.out;  // PERMISSION_DENIED: another region's administrator
  EXPECT_EQ(email_of(bupati), "bupati@temanggungkab.go.id");

  // A file with a unit that does not exist and an address that is none: nothing
  // is applied, and each bad line is named.
  const std::string file = rakor::testing::TempPath("alamat.csv");
  std::ofstream(file) << "# unit,alamat\n"
                      << dinkes << ", dinkes@temanggungkab.go.id\n"
                      << "regions/temanggung/units/dinas-tidak-ada,x@temanggungkab.go.id\n"
                      << "regions/temanggung/units/inspektorat,inspektorat at temanggungkab\n";
  run = Rakor(admin + "address --file " + file);
  EXPECT_EQ(run.code, 5) << run.out;  // NOT_FOUND, the first problem
  EXPECT_THAT(run.out, HasSubstr("dinas-tidak-ada"));
  EXPECT_THAT(run.out, HasSubstr("bukan alamat e-mail"));
  EXPECT_THAT(run.out, HasSubstr("tidak ada yang diubah"));
  EXPECT_EQ(email_of(dinkes), "");

  std::ofstream(file) << dinkes << ",dinkes@temanggungkab.go.id\n"
                      << "regions/temanggung/units/inspektorat,inspektorat@temanggungkab.go.id\n"
                      << bupati << ",bupati@temanggungkab.go.id\n";
  run = Rakor(admin + "--json address --file " + file);
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_EQ(email_of(dinkes), "dinkes@temanggungkab.go.id");
  EXPECT_EQ(email_of("regions/temanggung/units/inspektorat"), "inspektorat@temanggungkab.go.id");
  EXPECT_THAT(run.out, HasSubstr("\"hasil\":\"tetap\""));  // the Bupati's, already set
  run = Rakor("address " + dinkes);
  EXPECT_THAT(run.out, HasSubstr("dinkes@temanggungkab.go.id"));
}

TEST_P(RakorCommand, AsksTheRegistrysQuestionsAsOfADate) {
  Outcome run = Rakor("coordinator regions/temanggung/units/dinas-kesehatan --as-of 2026-12-01");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("regions/temanggung/units/asisten-pemerintahan-kesra"));
  EXPECT_THAT(run.out, HasSubstr("Temanggung Pasal 26 ayat (2) huruf a"));
  run = Rakor(
      "relation regions/temanggung/units/dinas-kesehatan "
      "regions/temanggung/units/inspektorat");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("inspektorat-perangkat-daerah"));
  run = Rakor("coordinator regions/temanggung/units/dinas-kesehatan --as-of besok");
  EXPECT_EQ(run.code, 3) << run.out;
}

TEST_P(RakorCommand, SchedulesPeriodicAndIncidentalMeetings) {
  Outcome run = Rakor(
      "--as regions/temanggung/units/asisten-pemerintahan-kesra#asisten schedule "
      "regions/temanggung rakor-kesra --title 'Rapat Koordinasi Kesra' "
      "--chair regions/temanggung/units/asisten-pemerintahan-kesra "
      "--start 2027-01-11T09:00:00 --minutes 90 --rrule 'FREQ=MONTHLY;BYDAY=2MO' "
      "--basis 'Temanggung Pasal 26 ayat (2) huruf a' --place 'Ruang Rapat Kesra' "
      "--invite asisten:regions/temanggung/units/asisten-pemerintahan-kesra");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("regions/temanggung/series/rakor-kesra"));
  run = Rakor(
      "--as regions/temanggung/units/sekretariat-daerah#sekda schedule regions/temanggung "
      "banjir-januari --title 'Rapat Penanganan Banjir' "
      "--chair regions/temanggung/units/sekretariat-daerah --start 2027-01-20T13:00:00 "
      "--reason 'Banjir di Kecamatan Parakan' --basis 'Temanggung Pasal 18' --mode hybrid "
      "--place 'Ruang Rapat Setda' "
      "--link https://vc.temanggungkab.go.id/banjir --invite kecamatan --invite "
      "forkopimda,optional");
  ASSERT_EQ(run.code, 0) << run.out;
  // Another meeting of every Camat at the same hour is made, with a warning a person
  // can read: the meeting it overlaps, and how many units are expected at both.
  run = Rakor(
      "--as regions/temanggung/units/sekretariat-daerah#sekda schedule regions/temanggung "
      "pilkades-januari --title 'Rapat Persiapan Pilkades' "
      "--chair regions/temanggung/units/sekretariat-daerah --start 2027-01-20T13:30:00 "
      "--reason 'Pilkades serentak' --basis 'Temanggung Pasal 17 ayat (3)' "
      "--place 'Ruang Rapat Setda' --invite kecamatan");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("peringatan: 2027-01-20 13:30 WIB: overlaps \"Rapat Penanganan "
                                 "Banjir\" (2027-01-20 13:00 WIB) for 21 units, among them "));
  EXPECT_THAT(run.out, Not(HasSubstr("start_time")));  // no message dump
  // A meeting asked for on a Saturday is held on the Monday, and the officer is told.
  run = Rakor(
      "--as regions/temanggung/units/sekretariat-daerah#sekda schedule regions/temanggung "
      "evaluasi-sabtu --title 'Rapat Evaluasi' "
      "--chair regions/temanggung/units/sekretariat-daerah --start 2027-01-23T09:00:00 "
      "--reason 'Evaluasi banjir' --basis 'Temanggung Pasal 17 ayat (3)' "
      "--place 'Ruang Rapat Setda' --invite unit:regions/temanggung/units/dinas-kesehatan");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, ::testing::ContainsRegex("2027-01-25 09:00 WIB +Rapat Evaluasi .*"
                                                "dipindah dari 2027-01-23 \\(akhir pekan\\)"));
  run = Rakor("meetings regions/temanggung --from 2027-01-01 --to 2027-02-01");
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("2027-01-11 09:00 WIB  Rapat Koordinasi Kesra"));
  EXPECT_THAT(run.out, HasSubstr("2027-01-20 13:00 WIB  Rapat Penanganan Banjir"));
  run = Rakor(
      "--as regions/temanggung/units/sekretariat-daerah#sekda schedule regions/temanggung "
      "salah --title x --chair "
      "regions/temanggung/units/sekretariat-daerah --start 2027-01-20T13:00:00 "
      "--rrule FREQ=KADANG --basis 'Temanggung Pasal 18' --place R",
      "LANG=en_US.UTF-8");
  EXPECT_EQ(run.code, 3) << run.out;
  EXPECT_THAT(run.out, HasSubstr("series.rrule"));
  run = Rakor(
      "schedule regions/temanggung salah --title x --chair c --start s --basis b "
      "--invite semua");
  EXPECT_EQ(run.code, 3) << run.out;
  EXPECT_THAT(run.out, HasSubstr("--invite"));
}

INSTANTIATE_TEST_SUITE_P(SQLite, RakorCommand, ::testing::Values("sqlite"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace rakor::reporting
