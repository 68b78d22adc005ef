// rakor-server: the embedded default. One process hosts the registry, scheduling and
// reporting services, the calendar feeds and the dashboard, each service on its own
// port and its own SQLite file in one data directory. They are the same service
// classes as the separate binaries, and where one calls another it does so through
// the same gRPC API over an in-process channel, so the process behaves as the three
// would (DESIGN.md: "all in one process for the embedded default").
#include <filesystem>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "clients/dashboard/backend.h"
#include "clients/dashboard/server.h"
#include "services/common/in_process.h"
#include "services/common/metrics.h"
#include "services/common/rpc_log.h"
#include "services/common/server.h"
#include "services/registry/registry.h"
#include "services/registry/seed_loader.h"
#include "services/registry/service.h"
#include "services/reporting/clients/upstream.h"
#include "services/reporting/metrics.h"
#include "services/reporting/outbox_loop.h"
#include "services/reporting/reporting.h"
#include "services/reporting/service.h"
#include "services/scheduling/background_seeder.h"
#include "services/scheduling/clients/registry_directory.h"
#include "services/scheduling/feed_server.h"
#include "services/scheduling/metrics.h"
#include "services/scheduling/scheduling.h"
#include "services/scheduling/seed_loader.h"
#include "services/scheduling/service.h"

ABSL_FLAG(std::string, data_dir, "rakor-data",
          "directory of the SQLite files (registry.db, scheduling.db, reporting.db) and the "
          "upload spool; created if missing");
ABSL_FLAG(std::string, registry_listen, "127.0.0.1:50051", "HOST:PORT of the registry");
ABSL_FLAG(std::string, scheduling_listen, "127.0.0.1:50052", "HOST:PORT of scheduling");
ABSL_FLAG(std::string, reporting_listen, "127.0.0.1:50053", "HOST:PORT of reporting");
ABSL_FLAG(std::string, feed_listen, "127.0.0.1:8052",
          "HOST:PORT of the calendar feeds over HTTP (empty: none)");
ABSL_FLAG(std::string, dashboard_listen, "127.0.0.1:8080",
          "HOST:PORT of the web dashboard (empty: none)");
ABSL_FLAG(std::string, metrics_listen, "",
          "HOST:PORT to serve Prometheus metrics of all three services on (empty: none)");
ABSL_FLAG(std::string, seed_dir, "data",
          "directory of <region>.textproto registry seeds loaded at start (empty: none)");
ABSL_FLAG(std::string, scheduling_seed_dir, "data/scheduling",
          "directory of *.textproto series seeds created at start if missing (empty: none)");
ABSL_FLAG(bool, rpc_log, true, "log one JSON line per RPC to stderr");
ABSL_FLAG(absl::Duration, outbox_interval, absl::Seconds(1),
          "how often the outbox is looked at for notifications due");

namespace {

constexpr char kName[] = "rakor-server";

template <typename T>
T OrExit(absl::StatusOr<T> value, const char* what) {
  if (!value.ok()) {
    std::cerr << kName << ": " << what << ": " << value.status() << "\n";
    std::exit(1);
  }
  return *std::move(value);
}

}  // namespace

int main(int argc, char** argv) {
  rakor::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  const absl::StatusOr<rakor::Transport> transport = rakor::TransportFromFlags();
  if (!transport.ok()) {
    std::cerr << kName << ": " << transport.status().message() << "\n";
    return 2;
  }
  rakor::EnableRpcLog(absl::GetFlag(FLAGS_rpc_log));
  const std::filesystem::path data = absl::GetFlag(FLAGS_data_dir);
  std::error_code made;
  std::filesystem::create_directories(data / "spool", made);
  if (made) {
    std::cerr << kName << ": --data_dir: cannot create " << (data / "spool") << ": "
              << made.message() << "\n";
    return 1;
  }
  std::cerr << kName << ": data in " << std::filesystem::absolute(data).string() << "\n";
  auto process = OrExit(rakor::ServerProcess::Begin(kName, *transport), "start");
  rakor::RealClock clock;

  // The registry first: the others call it.
  auto registry =
      OrExit(rakor::registry::Registry::Open((data / "registry.db").string(), &clock), "registry");
  if (const std::string seed_dir = absl::GetFlag(FLAGS_seed_dir); !seed_dir.empty()) {
    if (absl::Status seeded = rakor::registry::LoadSeedDirectory(*registry, seed_dir);
        !seeded.ok()) {
      std::cerr << kName << ": registry seed: " << seeded.message() << "\n";
      return 1;
    }
  }
  rakor::registry::RegistryServiceImpl registry_service(
      registry.get(), transport->insecure_development, rakor::WatchOptions{});
  grpc::Server* registry_server =
      OrExit(process->Serve("registry", absl::GetFlag(FLAGS_registry_listen), {&registry_service},
                            [&registry_service] { registry_service.StopWatches(); }),
             "registry");
  const auto registry_channel = rakor::InProcessChannel(*registry_server);

  rakor::scheduling::RegistryDirectory directory(registry_channel);
  auto scheduling = OrExit(
      rakor::scheduling::Scheduling::Open((data / "scheduling.db").string(), &clock, &directory),
      "scheduling");
  rakor::scheduling::BackgroundSeeder seeder(
      scheduling.get(),
      OrExit(rakor::scheduling::ReadSeedDirectory(absl::GetFlag(FLAGS_scheduling_seed_dir)),
             "scheduling seed"),
      kName);
  rakor::scheduling::SchedulingServiceImpl scheduling_service(scheduling.get(),
                                                              transport->insecure_development);
  grpc::Server* scheduling_server = OrExit(
      process->Serve("scheduling", absl::GetFlag(FLAGS_scheduling_listen), {&scheduling_service}),
      "scheduling");
  const auto scheduling_channel = rakor::InProcessChannel(*scheduling_server);

  rakor::reporting::Upstream upstream(registry_channel, scheduling_channel);
  auto reporting = OrExit(
      rakor::reporting::Reporting::Open((data / "reporting.db").string(), &clock, &upstream, {}),
      "reporting");
  rakor::reporting::OutboxLoop outbox(reporting.get(), absl::GetFlag(FLAGS_outbox_interval), kName);
  rakor::reporting::ReportingServiceImpl reporting_service(
      reporting.get(), transport->insecure_development, (data / "spool").string());
  grpc::Server* reporting_server = OrExit(
      process->Serve("reporting", absl::GetFlag(FLAGS_reporting_listen), {&reporting_service}),
      "reporting");

  std::unique_ptr<rakor::scheduling::FeedServer> feeds;
  if (const std::string listen = absl::GetFlag(FLAGS_feed_listen); !listen.empty()) {
    const auto [host, port] = rakor::SplitHostPort(listen);
    feeds = OrExit(rakor::scheduling::FeedServer::Start(scheduling.get(), host, port), "feeds");
    std::cerr << kName << ": calendar feeds on http://" << host << ":" << feeds->port()
              << "/regions/{region}/calendar.ics\n";
  }
  // In production the dashboard reads as the public: its in-process channels would
  // otherwise make it a service, which may read what readers of a page may not.
  rakor::dashboard::Backend backend(
      registry_channel, scheduling_channel, rakor::InProcessChannel(*reporting_server),
      transport->insecure_development, transport->insecure_development ? "" : "public");
  std::unique_ptr<rakor::dashboard::DashboardServer> dashboard;
  if (const std::string listen = absl::GetFlag(FLAGS_dashboard_listen); !listen.empty()) {
    const auto [host, port] = rakor::SplitHostPort(listen);
    dashboard =
        OrExit(rakor::dashboard::DashboardServer::Start(&backend, &clock, host, port), "dashboard");
    std::cerr << kName << ": dashboard on http://" << host << ":" << dashboard->port() << "/\n";
  }
  auto metrics =
      OrExit(rakor::MetricsServer::StartFor(kName, absl::GetFlag(FLAGS_metrics_listen)), "metrics");
  if (metrics != nullptr) {
    metrics->AddGauges([&scheduling, &clock] {
      return rakor::scheduling::ComplianceGauges(*scheduling, clock.Now());
    });
    metrics->AddGauges([&reporting] { return rakor::reporting::BacklogGauges(*reporting); });
  }

  const int code = process->Run();
  // Nothing serves any more; what remains stops before the databases close.
  metrics.reset();
  dashboard.reset();
  feeds.reset();
  process.reset();
  return code;
}
