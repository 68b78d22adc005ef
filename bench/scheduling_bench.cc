// rakor-bench-scheduling: the scheduling service's two heavy reads, each as a ratio
// to a baseline measured in the same run (see bench/README.md):
// 1. ListOccurrences of ten years of every seeded series through the RPC, against
//    expanding the same rules with libical directly in a loop (aim 0.5 or more);
// 2. GetCompliance for every region (550 generated, 12 months) through the RPC,
//    against one hand-written SQL aggregate over the same tables (aim 0.5 or more,
//    and under 100 ms);
// 3. the dashboard's national page over the same regions, served over HTTP, against
//    the GetCompliance call it is built on (aim 0.5 or more: fetching the regions and
//    rendering cost at most as much again);
// 4. the peak memory each adds.
// The registry and the scheduling service run in this process, on loopback, on
// fresh SQLite files in --work_dir.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Statement.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "clients/dashboard/backend.h"
#include "clients/dashboard/server.h"
#include "common/time.h"
#include "grpcpp/grpcpp.h"
#include "httplib.h"
#include "libical/ical.h"
#include "services/common/caller_limits.h"
#include "services/common/channels.h"
#include "services/common/rpc_log.h"
#include "services/common/server.h"
#include "services/registry/seed_loader.h"
#include "services/registry/service.h"
#include "services/scheduling/clients/registry_directory.h"
#include "services/scheduling/seed_loader.h"
#include "services/scheduling/service.h"

ABSL_FLAG(std::string, work_dir, "/tmp", "where the database files go");
ABSL_FLAG(std::string, seed_dir, "data", "the registry's seed directory (scheduling's below it)");
ABSL_FLAG(int, regions, 550, "regions generated for the compliance query");
ABSL_FLAG(int, rounds, 20, "repetitions of each measured read");

namespace {

namespace sv1 = rakor::scheduling::v1;
namespace rv1 = rakor::registry::v1;
using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// The median of `rounds` runs of `run`, in milliseconds.
double MedianMs(int rounds, const std::function<void()>& run) {
  std::vector<double> ms;
  for (int i = 0; i < rounds; ++i) {
    const auto start = Clock::now();
    run();
    ms.push_back(Ms(Clock::now() - start));
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

// Peak resident memory since the last ResetPeak, in MiB (Linux: clear_refs 5).
void ResetPeak() { std::ofstream("/proc/self/clear_refs") << "5"; }
double PeakMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}
double RssMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

void Check(const grpc::Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, s.error_message().c_str());
    std::exit(1);
  }
}
void Check(const absl::Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, s.ToString().c_str());
    std::exit(1);
  }
}

// Every occurrence of `region` ("regions/-") in [from, to), paged through the RPC.
int ListAll(sv1::SchedulingService::Stub& stub, absl::Time from, absl::Time to) {
  sv1::ListOccurrencesRequest request;
  request.set_parent("regions/-");
  *request.mutable_start_time() = rakor::ToProto(from);
  *request.mutable_end_time() = rakor::ToProto(to);
  request.set_page_size(1000);
  int count = 0;
  do {
    sv1::ListOccurrencesResponse page;
    grpc::ClientContext ctx;
    ctx.AddMetadata("rakor-actor", "national");
    Check(stub.ListOccurrences(&ctx, request, &page), "ListOccurrences");
    count += page.occurrences_size();
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return count;
}

// The baseline of (1): the series' rules expanded by libical directly, each
// occurrence made an instant in its zone.
int ExpandWithLibical(const std::vector<sv1::Series>& series, absl::Time from, absl::Time to) {
  int count = 0;
  for (const sv1::Series& s : series) {
    absl::TimeZone zone;
    absl::LoadTimeZone(s.time_zone(), &zone);
    absl::CivilSecond start;
    absl::ParseCivilTime(s.start_local(), &start);
    icaltimetype dtstart = icaltime_null_time();
    dtstart.year = static_cast<int>(start.year());
    dtstart.month = start.month();
    dtstart.day = start.day();
    dtstart.hour = start.hour();
    dtstart.minute = start.minute();
    icalrecurrencetype recur = icalrecurrencetype_from_string(s.rrule().c_str());
    icalrecur_iterator* it = icalrecur_iterator_new(recur, dtstart);
    for (icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t);
         t = icalrecur_iterator_next(it)) {
      const absl::Time at = absl::FromCivil(
          absl::CivilSecond(t.year, t.month, t.day, t.hour, t.minute, t.second), zone);
      if (at >= to) break;
      if (at >= from) ++count;
    }
    icalrecur_iterator_free(it);
  }
  return count;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  rakor::EnableRpcLog(false);
  rakor::SetCallsPerCaller(1000000);  // each client stands for a user of its own
  const int rounds = absl::GetFlag(FLAGS_rounds);
  const std::filesystem::path dir =
      std::filesystem::path(absl::GetFlag(FLAGS_work_dir)) / "rakor-bench-scheduling";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);

  rakor::RealClock clock;
  auto registry = rakor::registry::Registry::Open((dir / "registry.db").string(), &clock);
  Check(registry.status(), "open the registry");
  Check(rakor::registry::LoadSeedDirectory(**registry, absl::GetFlag(FLAGS_seed_dir)), "seed");
  rakor::registry::RegistryServiceImpl registry_service(registry->get(), true, {});
  auto registry_server = rakor::StartServer("127.0.0.1:0", {&registry_service});
  Check(registry_server.status(), "serve the registry");
  rakor::scheduling::RegistryDirectory directory(
      rakor::ServiceChannel("127.0.0.1:" + std::to_string(registry_server->port)));
  const std::string scheduling_db = (dir / "scheduling.db").string();
  auto scheduling = rakor::scheduling::Scheduling::Open(scheduling_db, &clock, &directory);
  Check(scheduling.status(), "open scheduling");
  auto seeds = rakor::scheduling::ReadSeedDirectory(absl::GetFlag(FLAGS_seed_dir) + "/scheduling");
  Check(seeds.status(), "read the scheduling seed");
  Check(rakor::scheduling::ApplySeed(**scheduling, *seeds), "seed scheduling");
  rakor::scheduling::SchedulingServiceImpl scheduling_service(scheduling->get(), true);
  auto scheduling_server = rakor::StartServer("127.0.0.1:0", {&scheduling_service});
  Check(scheduling_server.status(), "serve scheduling");
  auto stub = sv1::SchedulingService::NewStub(grpc::CreateChannel(
      "127.0.0.1:" + std::to_string(scheduling_server->port), grpc::InsecureChannelCredentials()));

  // (1) Ten years of every seeded series.
  const std::vector<sv1::Series> seeded = (*scheduling)->ListSeries("", "", 1000);
  const absl::Time from = absl::FromCivil(absl::CivilDay(2026, 1, 1), absl::UTCTimeZone());
  const absl::Time to = absl::FromCivil(absl::CivilDay(2036, 1, 1), absl::UTCTimeZone());
  const int listed = ListAll(*stub, from, to);
  const int expanded = ExpandWithLibical(seeded, from, to);
  ResetPeak();
  double base = RssMiB();
  const double raw_ms = MedianMs(rounds * 10, [&] { ExpandWithLibical(seeded, from, to); });
  const double raw_peak = PeakMiB() - base;
  ResetPeak();
  base = RssMiB();
  const double rpc_ms = MedianMs(rounds * 10, [&] { ListAll(*stub, from, to); });
  const double rpc_peak = PeakMiB() - base;
  std::printf("(1) ten years of %zu seeded series: %d occurrences listed (libical: %d)\n",
              seeded.size(), listed, expanded);
  std::printf("%-44s %9s %12s %9s\n", "", "ms", "peak +MiB", "ratio");
  std::printf("%-44s %9.3f %12.1f\n", "libical expansion in a loop", raw_ms, raw_peak);
  std::printf("%-44s %9.3f %12.1f %9.2f\n", "ListOccurrences through the RPC", rpc_ms, rpc_peak,
              raw_ms / rpc_ms);

  // (2) Compliance of every region: `regions` more, each a copy of Temanggung with
  // its Bupati, a monthly rakor and its rule; January-June held with minutes
  // accepted, July-October held in every other region.
  const auto start_fill = Clock::now();
  rv1::Region model = *(*registry)->snapshot()->GetRegion("regions/temanggung").value();
  const rv1::Unit bupati = *(*registry)->snapshot()->FindUnit("regions/temanggung/units/bupati");
  sv1::Series monthly;
  for (const auto& s : seeded) {
    if (s.name() == "regions/temanggung/series/rakor-kabupaten-bulanan") monthly = s;
  }
  monthly.clear_invitees();
  const int regions = absl::GetFlag(FLAGS_regions);
  for (int i = 0; i < regions; ++i) {
    const std::string id = absl::StrFormat("bench-%03d", i);
    const std::string region = "regions/" + id;
    rv1::Region r = model;
    r.clear_name();
    r.clear_etag();
    Check((*registry)->CreateRegion(id, r, {}, "bench").status(), "CreateRegion");
    rv1::Unit head = bupati;
    head.clear_name();
    head.clear_etag();
    head.clear_parent();
    Check((*registry)->CreateUnit(region, "bupati", head, {}, "bench").status(), "CreateUnit");
    sv1::Series s = monthly;
    s.set_chair(region + "/units/bupati");
    Check((*scheduling)->CreateSeries(region, "rakor-bulanan", s, {}, "bench").status(),
          "CreateSeries");
    sv1::ComplianceRule rule =
        (*scheduling)->GetCompliance("regions/temanggung", "2026-01", "2026-01")->rules(0).rule();
    rule.set_name(region + "/complianceRules/rakor-bulanan");
    rule.set_chair(region + "/units/bupati");
    Check((*scheduling)->AddComplianceRule(rule, "bench"), "AddComplianceRule");
    const std::string series = region + "/series/rakor-bulanan/occurrences/";
    const char* firsts[] = {"20260105", "20260202", "20260302", "20260406", "20260504",
                            "20260601", "20260706", "20260803", "20260907", "20261005"};
    for (int m = 0; m < 10; ++m) {
      if (m >= 6 && i % 2 == 1) break;
      sv1::Attendance a;
      a.set_unit(region + "/units/bupati");
      a.set_status(sv1::PRESENT_IN_PERSON);
      const std::string occurrence = series + firsts[m] + "T090000";
      Check((*scheduling)->RecordAttendance(occurrence, {a}, "bench").status(), "RecordAttendance");
      if (m < 6) {
        Check((*scheduling)
                  ->MarkMinutesAccepted(occurrence, region + "/documents/notulen", absl::Now(), {},
                                        "bench")
                  .status(),
              "MarkMinutesAccepted");
      }
    }
  }
  std::printf("\n(2) %d generated regions filled in %.1f s\n", regions,
              Ms(Clock::now() - start_fill) / 1000);

  sv1::GetComplianceRequest query;
  query.set_parent("regions/-");
  query.set_first_month("2026-01");
  query.set_last_month("2026-12");
  int rules = 0;
  ResetPeak();
  base = RssMiB();
  const double compliance_ms = MedianMs(rounds, [&] {
    sv1::ComplianceReport report;
    grpc::ClientContext ctx;
    ctx.AddMetadata("rakor-actor", "national");
    Check(stub->GetCompliance(&ctx, query, &report), "GetCompliance");
    rules = report.rules_size();
  });
  const double compliance_peak = PeakMiB() - base;

  // The baseline: held meetings per region and month, straight from the table the
  // service keeps them in (the SQL sees names and regions; what the stored message
  // says needs the service).
  SQLite::Database db(scheduling_db, SQLite::OPEN_READONLY);
  int groups = 0;
  ResetPeak();
  base = RssMiB();
  const double sql_ms = MedianMs(rounds, [&] {
    SQLite::Statement q(db,
                        "SELECT region, substr(name, -15, 6) AS month, COUNT(*) "
                        "FROM occurrence_records GROUP BY region, month");
    groups = 0;
    while (q.executeStep()) ++groups;
  });
  const double sql_peak = PeakMiB() - base;
  std::printf("%-44s %9s %12s %9s\n", "", "ms", "peak +MiB", "ratio");
  std::printf("%-44s %9.3f %12.1f\n", "hand-written SQL aggregate", sql_ms, sql_peak);
  std::printf("%-44s %9.3f %12.1f %9.2f\n",
              absl::StrFormat("GetCompliance, %d rules x 12 months", rules).c_str(), compliance_ms,
              compliance_peak, sql_ms / compliance_ms);
  std::printf("(SQL groups: %d)\n", groups);

  // (3) The dashboard's national page: every region's record over the last twelve
  // months, from ListRegions and GetCompliance, rendered and sent.
  rakor::dashboard::Backend backend(
      rakor::ServiceChannel("127.0.0.1:" + std::to_string(registry_server->port)),
      rakor::ServiceChannel("127.0.0.1:" + std::to_string(scheduling_server->port)),
      rakor::ServiceChannel("127.0.0.1:1"));  // the national page reads no documents
  auto dashboard = rakor::dashboard::DashboardServer::Start(&backend, &clock, "127.0.0.1", 0);
  Check(dashboard.status(), "serve the dashboard");
  httplib::Client client("127.0.0.1", (*dashboard)->port());
  client.set_read_timeout(30);
  size_t page_bytes = 0;
  ResetPeak();
  base = RssMiB();
  const double page_ms = MedianMs(rounds, [&] {
    auto page = client.Get("/");
    if (!page || page->status != 200) {
      std::fprintf(stderr, "the national page failed\n");
      std::exit(1);
    }
    page_bytes = page->body.size();
  });
  const double page_peak = PeakMiB() - base;
  std::printf("\n(3) the dashboard's national page (%zu KiB)\n", page_bytes / 1024);
  std::printf("%-44s %9s %12s %9s\n", "", "ms", "peak +MiB", "ratio");
  std::printf("%-44s %9.3f %12.1f\n", "GetCompliance (above)", compliance_ms, compliance_peak);
  std::printf("%-44s %9.3f %12.1f %9.2f\n", "GET / of the dashboard", page_ms, page_peak,
              compliance_ms / page_ms);
  dashboard->reset();

  scheduling_server->server->Shutdown();
  registry_service.StopWatches();
  registry_server->server->Shutdown();
  std::filesystem::remove_all(dir);
  return 0;
}
