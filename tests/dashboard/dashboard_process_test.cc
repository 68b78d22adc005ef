// Tier 3 for the dashboard and the metrics: the four binaries as processes on their
// own SQLite files, as the Quick start runs them, with meetings held and minutes
// accepted through the APIs; the pages read in a real browser (headless Chromium)
// at desktop and phone widths, and every process scraped by a real Prometheus.
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "rakor/registry/v1/registry_service.grpc.pb.h"
#include "rakor/reporting/v1/reporting_service.grpc.pb.h"
#include "rakor/scheduling/v1/scheduling_service.grpc.pb.h"
#include "tests/support/child_process.h"
#include "tests/support/registry_fixture.h"

namespace rakor {
namespace {

using ::google::protobuf::Value;
using ::rakor::testing::Child;
using ::rakor::testing::StartChild;
using ::testing::HasSubstr;
using ::testing::Not;

namespace gv1 = ::rakor::registry::v1;
namespace sv1 = ::rakor::scheduling::v1;
namespace rv1 = ::rakor::reporting::v1;

constexpr char kSekda[] = "regions/temanggung/units/sekretariat-daerah#sekda";
constexpr char kDinkes[] = "regions/temanggung/units/dinas-kesehatan";
constexpr char kPupr[] = "regions/temanggung/units/dinas-pekerjaan-umum-dan-penataan-ruang";

// The port a binary said it serves its metrics on.
int MetricsPort(const Child& child) {
  std::smatch m;
  return std::regex_search(child.log, m, std::regex("metrics on http://127.0.0.1:([0-9]+)/metrics"))
             ? std::stoi(m[1])
             : 0;
}

Value ParseJson(const std::string& json) {
  Value value;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &value).ok()) << json;
  return value;
}

class DashboardAgainstTheServices : public ::testing::Test {
 protected:
  void SetUp() override {
    registry_ =
        StartChild(RAKOR_REGISTRY_BINARY, "rakor-registry",
                   {"--listen=127.0.0.1:0", "--database=" + rakor::testing::TempPath("registry.db"),
                    "--seed_dir=" + rakor::testing::SeedDir(), "--rpc_log=false",
                    "--insecure_development", "--metrics_listen=127.0.0.1:0"});
    ASSERT_GT(registry_->port, 0) << registry_->log;
    registry_stub_ = gv1::RegistryService::NewStub(Channel(registry_->port));
    // Last month, the month before and the one before that, in Temanggung's zone.
    absl::TimeZone jakarta;
    ASSERT_TRUE(absl::LoadTimeZone("Asia/Jakarta", &jakarta));
    last_month_ = absl::CivilMonth(absl::ToCivilSecond(absl::Now(), jakarta)) - 1;
  }

  // The services but the registry, scheduling seeded from `seed_dir`.
  void StartTheRest(const std::string& seed_dir = std::string(RAKOR_SOURCE_DIR) +
                                                  "/data/scheduling") {
    const std::string registry = "--registry_addr=127.0.0.1:" + std::to_string(registry_->port);
    scheduling_ = StartChild(
        RAKOR_SCHEDULING_BINARY, "rakor-scheduling",
        {"--listen=127.0.0.1:0", "--database=" + rakor::testing::TempPath("scheduling.db"),
         registry, "--seed_dir=" + seed_dir, "--rpc_log=false", "--insecure_development",
         "--feed_listen=127.0.0.1:0", "--metrics_listen=127.0.0.1:0"});
    ASSERT_GT(scheduling_->port, 0) << scheduling_->log;
    const std::string scheduling =
        "--scheduling_addr=127.0.0.1:" + std::to_string(scheduling_->port);
    reporting_ = StartChild(
        RAKOR_REPORTING_BINARY, "rakor-reporting",
        {"--listen=127.0.0.1:0", "--database=" + rakor::testing::TempPath("reporting.db"), registry,
         scheduling, "--spool_dir=" + rakor::testing::TempPath(""), "--rpc_log=false",
         "--insecure_development", "--metrics_listen=127.0.0.1:0"});
    ASSERT_GT(reporting_->port, 0) << reporting_->log;
    dashboard_ = StartChild(RAKOR_DASHBOARD_BINARY, "rakor-dashboard",
                            {"--listen=127.0.0.1:0", registry, scheduling,
                             "--reporting_addr=127.0.0.1:" + std::to_string(reporting_->port),
                             "--metrics_listen=127.0.0.1:0", "--insecure_development"});
    ASSERT_GT(dashboard_->port, 0) << dashboard_->log;
    base_ = "http://127.0.0.1:" + std::to_string(dashboard_->port);
    scheduling_stub_ = sv1::SchedulingService::NewStub(Channel(scheduling_->port));
    reporting_stub_ = rv1::ReportingService::NewStub(Channel(reporting_->port));
    // The seeded series exist once scheduling has reached the registry.
    for (int i = 0; i < 100 && OccurrenceIn(last_month_).empty(); ++i)
      absl::SleepFor(absl::Milliseconds(100));
  }

  // The seeds of data/scheduling, with Temanggung's monthly rule kept from the first
  // day of `first` instead of the day the seed runs: a deployment that brought its
  // earlier meetings' records along.
  static std::string SeedsTrackedFrom(absl::CivilMonth first) {
    const std::string dir = rakor::testing::TempPath("scheduling-seeds");
    std::filesystem::copy(std::string(RAKOR_SOURCE_DIR) + "/data/scheduling", dir,
                          std::filesystem::copy_options::recursive);
    const std::string file = dir + "/temanggung.textproto";
    std::stringstream text;
    text << std::ifstream(file).rdbuf();
    std::string seed = text.str();
    const std::string rule = "name: \"regions/temanggung/complianceRules/rakor-kabupaten-bulanan\"";
    const size_t at = seed.find(rule);
    EXPECT_NE(at, std::string::npos);
    seed.insert(at + rule.size(), absl::StrCat("\n  start_date: \"",
                                               absl::FormatCivilTime(absl::CivilDay(first)), "\""));
    std::ofstream(file) << seed;
    return dir;
  }

  void TearDown() override {
    for (auto* child : {&dashboard_, &reporting_, &scheduling_, &registry_}) {
      if (*child != nullptr) rakor::testing::Stop(**child);
    }
    rakor::testing::RemoveTempDir();
  }

  static std::shared_ptr<grpc::Channel> Channel(int port) {
    return grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                               grpc::InsecureChannelCredentials());
  }
  static std::unique_ptr<grpc::ClientContext> As(const std::string& actor) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    if (!actor.empty()) ctx->AddMetadata("rakor-actor", actor);
    return ctx;
  }

  // Temanggung's monthly rapat koordinasi in `month`.
  std::string OccurrenceIn(absl::CivilMonth month) {
    absl::TimeZone jakarta;
    absl::LoadTimeZone("Asia/Jakarta", &jakarta);
    sv1::ListOccurrencesRequest list;
    list.set_parent("regions/temanggung");
    list.mutable_start_time()->set_seconds(absl::ToUnixSeconds(absl::FromCivil(month, jakarta)));
    list.mutable_end_time()->set_seconds(absl::ToUnixSeconds(absl::FromCivil(month + 1, jakarta)));
    list.set_filter(R"(series = "regions/temanggung/series/rakor-kabupaten-bulanan")");
    sv1::ListOccurrencesResponse found;
    if (!scheduling_stub_->ListOccurrences(As("").get(), list, &found).ok() ||
        found.occurrences().empty()) {
      return "";
    }
    return found.occurrences(0).name();
  }

  // Dinas Kesehatan came; Dinas PUPR sent its secretary.
  void Hold(const std::string& occurrence) {
    sv1::RecordAttendanceRequest attend;
    attend.set_occurrence(occurrence);
    auto* present = attend.add_attendance();
    present->set_unit(kDinkes);
    present->set_status(sv1::PRESENT_IN_PERSON);
    auto* represented = attend.add_attendance();
    represented->set_unit(kPupr);
    represented->set_status(sv1::REPRESENTED);
    represented->set_representative("Ir. Budi Santoso");
    represented->set_representative_position("Sekretaris Dinas");
    sv1::Occurrence held;
    const grpc::Status status = scheduling_stub_->RecordAttendance(As(kSekda).get(), attend, &held);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // Minutes of `occurrence` by Dinas Kesehatan; with the Sekda to accept.
  rv1::Document SubmitMinutes(const std::string& occurrence, const std::string& id) {
    rv1::SubmitDocumentRequest submit;
    submit.set_parent("regions/temanggung");
    submit.set_document_id(id);
    submit.set_kind(rv1::MINUTES);
    submit.set_unit(kDinkes);
    submit.set_occurrence(occurrence);
    submit.mutable_revision()->set_title("Notulen Rapat Koordinasi Tingkat Kabupaten");
    submit.mutable_revision()->set_summary("Capaian program dan tindak lanjut");
    rv1::Document d;
    const grpc::Status status =
        reporting_stub_->SubmitDocument(As(std::string(kDinkes) + "#staff").get(), submit, &d);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return d;
  }

  // Held with minutes accepted: MET, once the reporting outbox has told scheduling.
  void HoldAndAccept(const std::string& occurrence) {
    Hold(occurrence);
    const rv1::Document d =
        SubmitMinutes(occurrence, "notulen-" + occurrence.substr(occurrence.rfind('/') + 1, 8));
    rv1::StepRequest accept;
    accept.set_name(d.name());
    accept.set_etag(d.etag());
    rv1::Document accepted;
    const grpc::Status status =
        reporting_stub_->AcceptDocument(As(kSekda).get(), accept, &accepted);
    ASSERT_TRUE(status.ok()) << status.error_message();
    sv1::GetOccurrenceRequest get;
    get.set_name(occurrence);
    sv1::Occurrence o;
    for (int i = 0; i < 200 && !o.has_minutes_accept_time(); ++i) {
      absl::SleepFor(absl::Milliseconds(50));
      ASSERT_TRUE(scheduling_stub_->GetOccurrence(As("").get(), get, &o).ok());
    }
    ASSERT_TRUE(o.has_minutes_accept_time()) << "the outbox never told scheduling";
  }

  // The pages of `steps` (see tests/dashboard/browse.py) in headless Chromium.
  Value Browse(const std::string& steps) {
    const std::string file = rakor::testing::TempPath("steps.json");
    std::ofstream(file) << steps;
    const auto run = rakor::testing::RunShell(
        absl::StrCat("/usr/bin/python3 ", RAKOR_SOURCE_DIR, "/tests/dashboard/browse.py ", file));
    EXPECT_EQ(run.code, 0) << run.out;
    return ParseJson(run.out);
  }

  std::unique_ptr<Child> registry_, scheduling_, reporting_, dashboard_;
  std::unique_ptr<gv1::RegistryService::Stub> registry_stub_;
  std::unique_ptr<sv1::SchedulingService::Stub> scheduling_stub_;
  std::unique_ptr<rv1::ReportingService::Stub> reporting_stub_;
  absl::CivilMonth last_month_;
  std::string base_;
};

// Every request of a page went to the dashboard itself (or was inline data).
void ExpectOnlyTheDashboard(const Value& result, const std::string& base) {
  for (const Value& url : result.struct_value().fields().at("requests").list_value().values()) {
    EXPECT_THAT(url.string_value(), ::testing::StartsWith(base + "/")) << "requested off the host";
  }
}

std::string Field(const Value& v, const std::string& name) {
  auto found = v.struct_value().fields().find(name);
  return found == v.struct_value().fields().end() ? "" : found->second.string_value();
}

TEST_F(DashboardAgainstTheServices,
       ASecretariatScreenShowsWhichMonthlyMeetingsWereHeldInARealBrowser) {
  const absl::CivilMonth met = last_month_, pending = last_month_ - 1, missed = last_month_ - 2;
  ASSERT_NO_FATAL_FAILURE(StartTheRest(SeedsTrackedFrom(missed)));
  const std::string met_occurrence = OccurrenceIn(met), pending_occurrence = OccurrenceIn(pending);
  ASSERT_FALSE(met_occurrence.empty());
  ASSERT_FALSE(pending_occurrence.empty());
  ASSERT_NO_FATAL_FAILURE(HoldAndAccept(met_occurrence));
  ASSERT_NO_FATAL_FAILURE(Hold(pending_occurrence));
  SubmitMinutes(pending_occurrence, "notulen-menunggu");

  const std::string shots = std::string(RAKOR_SCREENSHOT_DIR) + "/";
  std::filesystem::create_directories(shots);
  auto year_page = [&](absl::CivilMonth m) {
    return absl::StrCat(base_, "/regions/temanggung?year=", m.year());
  };
  const std::string cells =
      "Object.fromEntries([...document.querySelectorAll('#grid td.cell')].map(td => "
      "[td.dataset.period, "
      "td.dataset.status + ' ' + (td.querySelector('a') ? "
      "td.querySelector('a').getAttribute('href') : '')]))";
  const std::string attendance =
      "Object.fromEntries([...document.querySelectorAll('#attendance tbody tr')].map(tr => "
      "[tr.dataset.unit, "
      "tr.cells[1].dataset.attendance + ' ' + tr.cells[2].textContent]))";
  const std::string overflow = "document.documentElement.scrollWidth <= window.innerWidth";
  std::string steps = "[";
  // 0-2: each month's cell, on its year's grid (the three months may span two years).
  for (absl::CivilMonth m : {met, pending, missed}) {
    absl::StrAppend(&steps, R"({"url": ")", year_page(m), R"(", "eval": ")", cells, R"("},)");
  }
  // 3-4: the grid on a desktop and on a phone; 5: its first Tab stop.
  absl::StrAppend(&steps, R"({"url": ")", year_page(met), R"(", "screenshot": ")", shots,
                  R"(region-desktop.png"},)", R"({"url": ")", year_page(met),
                  R"(", "mobile": true, "width": 390, "height": 844, "screenshot": ")", shots,
                  R"(region-phone.png", "eval": ")", overflow, R"("},)", R"({"url": ")",
                  year_page(met), R"(", "tabs": 1},)");
  // 6: the held meeting as the public sees it; 7: after saying who one is, the pending one.
  absl::StrAppend(
      &steps, R"({"url": ")", base_, "/", met_occurrence, R"(", "eval": ")", attendance,
      R"(", "screenshot": ")", shots, R"(occurrence-desktop.png"},)", R"({"url": ")", base_, "/",
      pending_occurrence, R"(", "fill": {"#actor": ")", kSekda,
      R"("}, "click": "header button", "eval": "document.getElementById('minutes').textContent"},)");
  // 8-12: every other page on a phone, in English too.
  for (const auto& [path, name] : std::vector<std::pair<std::string, std::string>>{
           {"/", "national"},
           {"/regions/temanggung/overdue", "overdue"},
           {"/regions/temanggung/organisation?lang=en", "organisation"},
           {absl::StrCat("/regions/temanggung/meetings?from=", absl::FormatCivilTime(missed),
                         "&to=", absl::FormatCivilTime(met)),
            "meetings"},
           {"/" + pending_occurrence, "occurrence"}}) {
    absl::StrAppend(&steps, R"({"url": ")", base_, path,
                    R"(", "mobile": true, "width": 390, "height": 844, )", R"("screenshot": ")",
                    shots, name, R"(-phone.png", "eval": ")", overflow, R"("},)");
  }
  steps.back() = ']';
  const Value results = Browse(steps);
  const auto& r = results.list_value().values();
  ASSERT_EQ(r.size(), 13u);
  for (const Value& result : r) {
    EXPECT_EQ(result.struct_value().fields().at("status").number_value(), 200);
    ExpectOnlyTheDashboard(result, base_);
  }

  auto cell = [&](int step, absl::CivilMonth m) {
    return Field(r[step].struct_value().fields().at("value"), absl::FormatCivilTime(m));
  };
  EXPECT_EQ(cell(0, met), "MET /" + met_occurrence);
  EXPECT_EQ(cell(1, pending), "HELD_MINUTES_PENDING /" + pending_occurrence);
  EXPECT_THAT(cell(2, missed), ::testing::StartsWith("MISSED "));
  // Before the records begin, no meeting on record is not a meeting missed.
  if ((missed - 1).year() == missed.year()) {
    EXPECT_THAT(cell(2, missed - 1), ::testing::StartsWith("NOT_TRACKED "));
  }
  EXPECT_EQ(r[3].struct_value().fields().at("screenshot_width").number_value(), 1280);
  EXPECT_EQ(r[4].struct_value().fields().at("screenshot_width").number_value(),
            780);  // 390 px at 2x
  EXPECT_TRUE(r[4].struct_value().fields().at("value").bool_value())
      << "the grid is wider than a phone";
  EXPECT_THAT(Field(r[5], "focused"), HasSubstr("a.skip"));  // keyboard users skip the header

  const Value& seen = r[6].struct_value().fields().at("value");
  EXPECT_EQ(Field(seen, kDinkes), "PRESENT_IN_PERSON ");
  EXPECT_EQ(Field(seen, kPupr), "REPRESENTED Ir. Budi Santoso, Sekretaris Dinas");
  // The Sekda sees the pending minutes waiting with the Sekda.
  EXPECT_THAT(r[7].struct_value().fields().at("value").string_value(),
              HasSubstr("Dalam penelaahan: pada Sekretariat Daerah (sekda) sejak"));
  for (int i = 8; i < r.size(); ++i) {
    EXPECT_TRUE(r[i].struct_value().fields().at("value").bool_value())
        << "step " << i << " is wider than a phone";
  }
}

TEST_F(DashboardAgainstTheServices, MinutesInProgressStayHiddenFromAPublicReader) {
  ASSERT_NO_FATAL_FAILURE(StartTheRest());
  const std::string occurrence = OccurrenceIn(last_month_);
  ASSERT_NO_FATAL_FAILURE(Hold(occurrence));
  SubmitMinutes(occurrence, "notulen-rahasia");
  httplib::Client client("127.0.0.1", dashboard_->port);
  auto page = client.Get("/" + occurrence);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->body,
              HasSubstr("hanya terlihat oleh unit penyusunnya dan pejabat pada alurnya"));
  EXPECT_THAT(page->body, Not(HasSubstr("Dalam penelaahan")));
  // The same reader, having said who they are, is shown them.
  httplib::Headers as_sekda = {{"Cookie", std::string("rakor_actor=") + kSekda}};
  page = client.Get("/" + occurrence, as_sekda);
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr("Dalam penelaahan"));
  EXPECT_EQ(client.Get("/regions/atlantis")->status, 404);
  EXPECT_EQ(client.Get("/regions/temanggung?year=tahun")->status, 400);
  // An identity that is not "<unit>#<role>" (here with a non-ASCII character, which
  // gRPC metadata cannot carry) reads as the public, and the page still serves.
  page = client.Get("/" + occurrence,
                    {{"Cookie", "rakor_actor=regions%2Ftemanggung%2Funits%2F%E2%80%A6%23sekda"}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->body,
              HasSubstr("hanya terlihat oleh unit penyusunnya dan pejabat pada alurnya"));
}

TEST_F(DashboardAgainstTheServices, SayingWhoOneIsSetsACookieAndLeadsBackToTheSamePageOnly) {
  ASSERT_NO_FATAL_FAILURE(StartTheRest());
  httplib::Client client("127.0.0.1", dashboard_->port);
  auto said = client.Post("/identity", httplib::Params{{"actor", kSekda},
                                                       {"back", "/regions/temanggung?year=2026"},
                                                       {"lang", "en"}});
  ASSERT_TRUE(said);
  EXPECT_EQ(said->status, 303);
  EXPECT_EQ(said->get_header_value("Location"), "/regions/temanggung?year=2026&lang=en");
  EXPECT_THAT(said->get_header_value("Set-Cookie"),
              HasSubstr(std::string("rakor_actor=") + kSekda + ";"));
  EXPECT_THAT(said->get_header_value("Set-Cookie"), HasSubstr("HttpOnly; SameSite=Strict"));
  // Nowhere but the dashboard's own pages.
  for (const char* elsewhere : {"//evil.example/", "//evil", "/\\evil.example",
                                "https://evil.example/", "/\t/evil.example"}) {
    said = client.Post("/identity", httplib::Params{{"actor", kSekda}, {"back", elsewhere}});
    ASSERT_TRUE(said);
    EXPECT_EQ(said->get_header_value("Location"), "/") << elsewhere;
  }
  // A malformed identity is refused, naming the rule, and no cookie is set.
  said = client.Post("/identity", httplib::Params{{"actor", "sekda temanggung"}, {"back", "/"}});
  ASSERT_TRUE(said);
  EXPECT_EQ(said->status, 400);
  EXPECT_THAT(said->body, HasSubstr("unknown role"));
  EXPECT_FALSE(said->has_header("Set-Cookie"));
  // Clearing it forgets it.
  said = client.Post("/identity", httplib::Params{{"actor", ""}, {"back", "/"}});
  EXPECT_THAT(said->get_header_value("Set-Cookie"), HasSubstr("Max-Age=0"));
  // A form posted from another site does not set who the reader is.
  said = client.Post("/identity", httplib::Headers{{"Origin", "http://evil.example"}},
                     httplib::Params{{"actor", kSekda}, {"back", "/"}});
  ASSERT_TRUE(said);
  EXPECT_EQ(said->status, 403);
  EXPECT_FALSE(said->has_header("Set-Cookie"));
  // Every page forbids fetching from elsewhere.
  EXPECT_THAT(client.Get("/")->get_header_value("Content-Security-Policy"),
              HasSubstr("default-src 'none'"));
}

TEST_F(DashboardAgainstTheServices, TheNationalViewLists550RegionsSortedByCompliance) {
  // 547 regions more than the three seeded, each with a monthly rule like Temanggung's.
  const std::string seeds = rakor::testing::TempPath("seeds");
  std::filesystem::copy(std::string(RAKOR_SOURCE_DIR) + "/data/scheduling", seeds,
                        std::filesystem::copy_options::recursive);
  std::ofstream generated(seeds + "/generated.textproto");
  for (int i = 0; i < 547; ++i) {
    const std::string id = absl::StrCat("daerah-", 1000 + i);
    gv1::CreateRegionRequest create;
    create.set_region_id(id);
    gv1::Region* region = create.mutable_region();
    // Its citations start with the last word of its name, as "Temanggung Pasal 18".
    const std::string cited = absl::StrCat("Daerah", 1000 + i);
    region->set_display_name("Kabupaten " + cited);
    region->set_kind(gv1::KABUPATEN);
    region->set_head_title("Bupati");
    region->set_province("Provinsi Contoh");
    region->set_time_zone(i % 3 == 0   ? "Asia/Jakarta"
                          : i % 3 == 1 ? "Asia/Makassar"
                                       : "Asia/Jayapura");
    region->set_regulation(absl::StrCat("Peraturan Bupati Contoh ", i));
    region->mutable_regulation_effective_time()->set_seconds(1735689600);  // 2025-01-01
    region->set_cross_asisten_lead(gv1::LEAD_SEKRETARIS_DAERAH);
    region->set_cross_asisten_lead_citation(cited + " Pasal 20 ayat (2)");
    gv1::ReportingRules& rules = *region->mutable_reporting_rules();
    rules.set_general_policy_citation(cited + " Pasal 21 ayat (1)");
    rules.set_technical_operational_citation(cited + " Pasal 24");
    rules.set_through_asisten_citation(cited + " Pasal 25 ayat (2)");
    rules.set_sekda_reports_citation(cited + " Pasal 25 ayat (1)");
    rules.set_through_sekda_citation(cited + " Pasal 20 ayat (6)");
    rules.set_asisten_assists_sekda_citation(cited + " Pasal 20 ayat (3)");
    gv1::Region created;
    const grpc::Status status =
        registry_stub_->CreateRegion(As("national").get(), create, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
    generated << "compliance_rules { name: \"regions/" << id << "/complianceRules/rakor-bulanan\" "
              << "description: \"Rapat koordinasi bulanan\" citation: \"" << cited
              << " Pasal 18\" min_count: 1 "
              << "form: RAPAT_KOORDINASI period: MONTH }\n";
  }
  generated.close();
  ASSERT_NO_FATAL_FAILURE(StartTheRest(seeds));
  ASSERT_NO_FATAL_FAILURE(HoldAndAccept(OccurrenceIn(last_month_)));

  httplib::Client client("127.0.0.1", dashboard_->port);
  client.set_read_timeout(30);
  const std::string rows = R"(<tr data-region=")";
  auto page = client.Get("/?sort=-compliance");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  size_t count = 0;
  for (size_t at = page->body.find(rows); at != std::string::npos;
       at = page->body.find(rows, at + 1))
    ++count;
  EXPECT_EQ(count, 550u);
  // Temanggung met a month; no generated region met any: it leads, most compliant first.
  EXPECT_EQ(page->body.find(rows), page->body.find(rows + "regions/temanggung"))
      << page->body.substr(page->body.find(rows), 600);
  page = client.Get("/?sort=name");
  ASSERT_TRUE(page);
  EXPECT_LT(page->body.find("Kabupaten Daerah1000"), page->body.find("Kabupaten Daerah1546"));
  EXPECT_LT(page->body.find("Kabupaten Daerah1546"), page->body.find("Kabupaten Soppeng"));
  // And in a real browser, from the host only.
  const Value results = Browse(
      absl::StrCat(R"([{"url": ")", base_,
                   R"(/", "eval": "document.querySelectorAll('#national tbody tr').length"}])"));
  ASSERT_EQ(results.list_value().values_size(), 1);
  EXPECT_EQ(results.list_value().values(0).struct_value().fields().at("value").number_value(), 550);
  ExpectOnlyTheDashboard(results.list_value().values(0), base_);
}

// Prometheus on loopback, scraping every process every second.
class Prometheus {
 public:
  Prometheus(const std::vector<std::pair<std::string, int>>& targets)
      : port_(rakor::testing::FreePort()) {
    const std::string config = rakor::testing::TempPath("prometheus.yml");
    std::ofstream out(config);
    out << "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - "
        << RAKOR_SOURCE_DIR << "/k8s/monitoring/alert-rules.yml\nscrape_configs:\n";
    for (const auto& [job, port] : targets) {
      out << "  - job_name: " << job
          << "\n    static_configs:\n      - targets: ['127.0.0.1:" << port << "']\n";
    }
    out.close();
    child_ = rakor::testing::SpawnChild(
        "/usr/bin/prometheus",
        {"--config.file=" + config, "--storage.tsdb.path=" + rakor::testing::TempPath("tsdb"),
         "--web.listen-address=127.0.0.1:" + std::to_string(port_)},
        [](const char* line, Child&) {
          return std::strstr(line, "Server is ready to receive web requests") != nullptr;
        });
  }
  ~Prometheus() { rakor::testing::Stop(*child_); }

  // The instant vector `query` evaluates to, as Prometheus's HTTP API answers it.
  Value Query(const std::string& query) {
    httplib::Client client("127.0.0.1", port_);
    auto res = client.Get("/api/v1/query", httplib::Params{{"query", query}}, httplib::Headers{});
    if (!res) return Value();
    return ParseJson(res->body);
  }
  // Whether the PromQL condition `query` selects any series within 20 s (scrapes
  // come every second).
  bool Holds(const std::string& query) {
    Value answer;
    for (int i = 0; i < 200; ++i) {
      answer = Query(query);
      const auto& fields = answer.struct_value().fields();
      if (fields.contains("data") &&
          fields.at("data").struct_value().fields().at("result").list_value().values_size() > 0) {
        return true;
      }
      absl::SleepFor(absl::Milliseconds(100));
    }
    std::string json;
    (void)google::protobuf::util::MessageToJsonString(answer, &json);
    ADD_FAILURE() << "never true: " << query << "\n" << json;
    return false;
  }

 private:
  int port_;
  std::unique_ptr<Child> child_;
};

TEST_F(DashboardAgainstTheServices, APrometheusScrapesEveryServiceAndTheDashboard) {
  ASSERT_NO_FATAL_FAILURE(StartTheRest());
  const std::string met_occurrence = OccurrenceIn(last_month_);
  ASSERT_NO_FATAL_FAILURE(HoldAndAccept(met_occurrence));
  ASSERT_NO_FATAL_FAILURE(Hold(OccurrenceIn(last_month_ - 1)));
  SubmitMinutes(OccurrenceIn(last_month_ - 1), "notulen-menunggu");
  httplib::Client client("127.0.0.1", dashboard_->port);
  ASSERT_EQ(client.Get("/regions/temanggung")->status, 200);
  ASSERT_EQ(client.Get("/regions/atlantis")->status, 404);

  Prometheus prometheus({{"rakor-registry", MetricsPort(*registry_)},
                         {"rakor-scheduling", MetricsPort(*scheduling_)},
                         {"rakor-reporting", MetricsPort(*reporting_)},
                         {"rakor-dashboard", MetricsPort(*dashboard_)}});
  EXPECT_TRUE(prometheus.Holds("count(up == 1) == 4"));
  // RPCs by method and code, from each process.
  EXPECT_TRUE(prometheus.Holds(
      R"(rakor_rpc_requests_total{job="rakor-scheduling",method="RecordAttendance",code="OK"} >= 1)"));
  EXPECT_TRUE(prometheus.Holds(
      R"(rakor_rpc_requests_total{job="rakor-reporting",method="AcceptDocument",code="OK"} == 1)"));
  EXPECT_TRUE(prometheus.Holds(
      R"(rakor_rpc_requests_total{job="rakor-registry",method="GetRegion",code="NOT_FOUND"} >= 1)"));
  EXPECT_TRUE(prometheus.Holds(
      R"(sum(rakor_rpc_duration_seconds_count{job="rakor-scheduling",method="GetCompliance"}) >= 1)"));
  EXPECT_TRUE(prometheus.Holds(
      R"(rakor_http_requests_total{job="rakor-dashboard",page="region",code="404"} == 1)"));
  // Required against held, per region and month; the month's status.
  const std::string month =
      absl::StrCat(R"(region="temanggung",period=")", absl::FormatCivilTime(last_month_), R"(")");
  EXPECT_TRUE(prometheus.Holds("rakor_meetings_required{" + month + "} == 1"));
  EXPECT_TRUE(prometheus.Holds("rakor_meetings_held{" + month + "} == 1"));
  EXPECT_TRUE(prometheus.Holds("rakor_meetings_minutes_accepted{" + month + "} == 1"));
  EXPECT_TRUE(prometheus.Holds("rakor_compliance{" + month + R"(,status="MET"} == 1)"));
  EXPECT_TRUE(prometheus.Holds("rakor_compliance{" + month + R"(,status="MISSED"} == 0)"));
  // The month ends at midnight in Temanggung (WIB), which the at-risk alert counts to.
  absl::TimeZone jakarta;
  ASSERT_TRUE(absl::LoadTimeZone("Asia/Jakarta", &jakarta));
  EXPECT_TRUE(prometheus.Holds(
      absl::StrCat("rakor_compliance_period_end_timestamp_seconds{", month, "} == ",
                   absl::ToUnixSeconds(absl::FromCivil(last_month_ + 1, jakarta)))));
  // Documents waiting per step; the outbox has delivered everything.
  EXPECT_TRUE(
      prometheus.Holds(R"(rakor_documents_waiting{region="temanggung",step="sekda"} == 1)"));
  EXPECT_TRUE(prometheus.Holds("rakor_outbox_backlog == 0"));
  EXPECT_TRUE(prometheus.Holds("rakor_outbox_oldest_age_seconds == 0"));

  // Every query of the Grafana dashboard is one Prometheus accepts.
  std::ifstream grafana(std::string(RAKOR_SOURCE_DIR) + "/k8s/monitoring/grafana-dashboard.json");
  const Value dashboard = ParseJson(std::string(std::istreambuf_iterator<char>(grafana), {}));
  int checked = 0;
  for (const Value& panel : dashboard.struct_value().fields().at("panels").list_value().values()) {
    if (!panel.struct_value().fields().contains("targets")) continue;  // a row
    for (const Value& target : panel.struct_value().fields().at("targets").list_value().values()) {
      const std::string expr = absl::StrReplaceAll(Field(target, "expr"), {{"$region", ".*"}});
      EXPECT_EQ(Field(prometheus.Query(expr), "status"), "success") << expr;
      ++checked;
    }
  }
  EXPECT_GT(checked, 10);
}

}  // namespace
}  // namespace rakor
