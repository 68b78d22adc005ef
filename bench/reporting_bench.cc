// rakor-bench-reporting: durable submissions per second to the reporting service,
// 32 clients over gRPC (4 channels), as a ratio to a raw SQLiteCpp loop of one
// INSERT per transaction with the same durability settings, measured in the same
// run (aim: above 1.0, which only batching concurrent commits could reach). The
// registry, scheduling and reporting run in this process, on loopback, on fresh
// SQLite files in --work_dir. Then reads at volume: a page of ListDocuments in the
// region the submissions filled, as a ratio to the same page in a region of 60
// documents (aim: about 1, a page costs a page whatever lies behind it). See
// bench/README.md.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "bench/write_rates.h"
#include "grpcpp/grpcpp.h"
#include "services/common/caller_limits.h"
#include "services/common/channels.h"
#include "services/common/rpc_log.h"
#include "services/common/server.h"
#include "services/registry/seed_loader.h"
#include "services/registry/service.h"
#include "services/reporting/clients/upstream.h"
#include "services/reporting/service.h"
#include "services/scheduling/clients/registry_directory.h"
#include "services/scheduling/service.h"

ABSL_FLAG(std::string, work_dir, "/tmp", "where the database files go");
ABSL_FLAG(std::string, seed_dir, "data", "the registry's seed directory");
ABSL_FLAG(int, clients, 32, "concurrent submitters");
ABSL_FLAG(int, seconds, 5, "length of each measured run");

namespace {

namespace rv1 = rakor::reporting::v1;
using rakor::bench::Rate;

template <typename T>
T OrDie(absl::StatusOr<T> value, const char* what) {
  if (!value.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, value.status().ToString().c_str());
    std::exit(1);
  }
  return *std::move(value);
}

// The median time of `calls` runs of `call`, in ms.
template <typename F>
double MedianMs(int calls, F call) {
  std::vector<double> ms;
  for (int i = 0; i < calls; ++i) {
    const absl::Time start = absl::Now();
    call();
    ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

void Row(const char* what, const Rate& r, double ratio) {
  std::printf("%-40s %9.0f %8.2f %8.2f %8s\n", what, r.per_second, r.p50_ms, r.p99_ms,
              ratio > 0 ? absl::StrFormat("%.2f", ratio).c_str() : "");
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  rakor::EnableRpcLog(false);
  rakor::SetCallsPerCaller(1000000);  // each client stands for a user of its own
  const std::filesystem::path dir =
      std::filesystem::path(absl::GetFlag(FLAGS_work_dir)) / "rakor-bench-reporting";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const int seconds = absl::GetFlag(FLAGS_seconds);

  const Rate raw_before = rakor::bench::RawSqlite((dir / "raw.db").string(), seconds, 1200);

  rakor::RealClock clock;
  auto registry =
      OrDie(rakor::registry::Registry::Open((dir / "registry.db").string(), &clock), "registry");
  if (!rakor::registry::LoadSeedDirectory(*registry, absl::GetFlag(FLAGS_seed_dir)).ok()) return 1;
  rakor::registry::RegistryServiceImpl registry_service(registry.get(), true, {});
  auto registry_server = OrDie(rakor::StartServer("127.0.0.1:0", {&registry_service}), "serve");
  const std::string registry_addr = "127.0.0.1:" + std::to_string(registry_server.port);
  rakor::scheduling::RegistryDirectory directory(rakor::ServiceChannel(registry_addr));
  auto scheduling = OrDie(
      rakor::scheduling::Scheduling::Open((dir / "scheduling.db").string(), &clock, &directory),
      "scheduling");
  rakor::scheduling::SchedulingServiceImpl scheduling_service(scheduling.get(), true);
  auto scheduling_server =
      OrDie(rakor::StartServer("127.0.0.1:0", {&scheduling_service}), "serve scheduling");
  rakor::reporting::Upstream upstream(
      rakor::ServiceChannel(registry_addr),
      rakor::ServiceChannel("127.0.0.1:" + std::to_string(scheduling_server.port)));
  auto reporting =
      OrDie(rakor::reporting::Reporting::Open((dir / "reporting.db").string(), &clock, &upstream),
            "reporting");
  rakor::reporting::ReportingServiceImpl reporting_service(reporting.get(), true, dir.string());
  auto reporting_server =
      OrDie(rakor::StartServer("127.0.0.1:0", {&reporting_service}), "serve reporting");

  std::vector<std::unique_ptr<rv1::ReportingService::Stub>> stubs;
  for (int i = 0; i < 4; ++i) {
    grpc::ChannelArguments args;
    args.SetInt("rakor-bench-channel", i);
    stubs.push_back(rv1::ReportingService::NewStub(
        grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(reporting_server.port),
                                  grpc::InsecureChannelCredentials(), args)));
  }
  // Report `n` of `unit`, submitted by its head.
  auto submit = [&](rv1::ReportingService::Stub* stub, const std::string& unit, int n) {
    rv1::SubmitDocumentRequest request;
    request.set_parent(unit.substr(0, unit.find("/units/")));
    request.set_document_id(absl::StrFormat("laporan-%d", n));
    request.set_kind(rv1::REPORT);
    request.set_unit(unit);
    request.set_matter(rv1::TECHNICAL_OPERATIONAL);
    request.mutable_revision()->set_title("Laporan hasil koordinasi");
    request.mutable_revision()->set_summary(std::string(400, 'r'));
    rv1::Document d;
    grpc::ClientContext ctx;
    ctx.AddMetadata("rakor-actor", unit + "#head");
    return stub->SubmitDocument(&ctx, request, &d);
  };
  const Rate submissions =
      rakor::bench::RunWriters(absl::GetFlag(FLAGS_clients), seconds, 0, [&](int client, int n) {
        return submit(stubs[client % stubs.size()].get(),
                      "regions/temanggung/units/dinas-kesehatan", n);
      });

  // Reads at volume: the first page of what the submitter sees, in the region the
  // submissions filled and in one of 60 documents; and the metrics' count.
  const std::string small_unit = "regions/soppeng/units/dinas-lingkungan-hidup";
  for (int n = 0; n < 60; ++n) {
    if (!submit(stubs[0].get(), small_unit, n).ok()) return 1;
  }
  auto first_page = [&](const std::string& region, const std::string& unit) {
    rv1::ListDocumentsRequest request;
    request.set_parent(region);
    request.set_page_size(50);
    rv1::ListDocumentsResponse response;
    grpc::ClientContext ctx;
    ctx.AddMetadata("rakor-actor", unit + "#head");
    const grpc::Status status = stubs[0]->ListDocuments(&ctx, request, &response);
    if (!status.ok() || response.documents_size() != 50) {
      std::fprintf(stderr, "ListDocuments: %s\n", status.error_message().c_str());
      std::exit(1);
    }
  };
  const double large_page_ms = MedianMs(
      20, [&] { first_page("regions/temanggung", "regions/temanggung/units/dinas-kesehatan"); });
  const double small_page_ms = MedianMs(20, [&] { first_page("regions/soppeng", small_unit); });
  const double backlog_ms = MedianMs(5, [&] { OrDie(reporting->CurrentBacklog(), "backlog"); });
  const double reindex_ms = MedianMs(5, [&] { OrDie(reporting->Reindex(), "reindex"); });
  reporting_server.server->Shutdown();
  scheduling_server.server->Shutdown();
  registry_service.StopWatches();
  registry_server.server->Shutdown();

  const Rate raw_after = rakor::bench::RawSqlite((dir / "raw.db").string(), seconds, 1200);
  const double raw = (raw_before.per_second + raw_after.per_second) / 2;
  std::printf("%-40s %9s %8s %8s %8s\n", "", "writes/s", "p50 ms", "p99 ms", "to raw");
  Row("raw SQLiteCpp, one insert per transaction", raw_before, 0);
  Row("raw SQLiteCpp, again after", raw_after, 0);
  Row("SubmitDocument, 32 clients", submissions, submissions.per_second / raw);
  std::printf("\n%-40s %9s %8s\n", "", "ms", "ratio");
  std::printf("%-40s %9.2f\n", "ListDocuments page of 50, 60 documents", small_page_ms);
  std::printf(
      "%-40s %9.2f %8.2f\n",
      absl::StrFormat("... of about %.0f documents", submissions.per_second * seconds).c_str(),
      large_page_ms, large_page_ms / small_page_ms);
  std::printf("%-40s %9.2f\n", "metrics' backlog count, all in review", backlog_ms);
  std::printf("%-40s %9.2f\n", "look for documents left unindexed", reindex_ms);
  std::filesystem::remove_all(dir);
  return 0;
}
