// rakor-scheduling: the scheduling gRPC server, on an embedded SQLite file (or
// PostgreSQL), asking the registry for regions and units.
#include <cstdlib>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "services/common/channels.h"
#include "services/common/metrics.h"
#include "services/common/rpc_log.h"
#include "services/common/server.h"
#include "services/scheduling/background_seeder.h"
#include "services/scheduling/clients/registry_directory.h"
#include "services/scheduling/feed_server.h"
#include "services/scheduling/metrics.h"
#include "services/scheduling/scheduling.h"
#include "services/scheduling/seed_loader.h"
#include "services/scheduling/service.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50052", "HOST:PORT to serve gRPC on");
ABSL_FLAG(std::string, database, "rakor-scheduling.db",
          "a SQLite database file, or a postgresql:// URI without a password");
ABSL_FLAG(std::string, registry_addr, "",
          "HOST:PORT of the registry (default: $RAKOR_REGISTRY_ADDR, else 127.0.0.1:50051)");
ABSL_FLAG(std::string, seed_dir, "data/scheduling",
          "directory of *.textproto series seeds created at start if missing (empty: none)");
ABSL_FLAG(bool, rpc_log, true, "log one JSON line per RPC to stderr");
ABSL_FLAG(std::string, metrics_listen, "",
          "HOST:PORT to serve Prometheus metrics on (empty: none)");
ABSL_FLAG(std::string, feed_listen, "127.0.0.1:8052",
          "HOST:PORT to serve the calendar feeds on over HTTP (empty: none)");

int main(int argc, char** argv) {
  rakor::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  const absl::StatusOr<rakor::Transport> transport = rakor::TransportFromFlags();
  if (!transport.ok()) {
    std::cerr << "rakor-scheduling: " << transport.status().message() << "\n";
    return 2;
  }
  rakor::EnableRpcLog(absl::GetFlag(FLAGS_rpc_log));

  const std::string registry_addr = rakor::ServiceAddress(absl::GetFlag(FLAGS_registry_addr),
                                                          "RAKOR_REGISTRY_ADDR", "127.0.0.1:50051");
  rakor::scheduling::RegistryDirectory directory(
      rakor::ServiceChannel(registry_addr, transport->ChannelCredentials()));
  rakor::RealClock clock;
  auto scheduling =
      rakor::scheduling::Scheduling::Open(absl::GetFlag(FLAGS_database), &clock, &directory);
  if (!scheduling.ok()) {
    std::cerr << "rakor-scheduling: " << scheduling.status() << "\n";
    return 1;
  }
  auto seeds = rakor::scheduling::ReadSeedDirectory(absl::GetFlag(FLAGS_seed_dir));
  if (!seeds.ok()) {
    std::cerr << "rakor-scheduling: seed: " << seeds.status().message() << "\n";
    return 1;
  }
  std::unique_ptr<rakor::scheduling::FeedServer> feeds;
  if (const std::string feed_listen = absl::GetFlag(FLAGS_feed_listen); !feed_listen.empty()) {
    const auto [host, port] = rakor::SplitHostPort(feed_listen);
    auto started = rakor::scheduling::FeedServer::Start(scheduling->get(), host, port);
    if (!started.ok()) {
      std::cerr << "rakor-scheduling: feeds: " << started.status().message() << "\n";
      return 1;
    }
    feeds = *std::move(started);
    std::cerr << "rakor-scheduling: calendar feeds on http://" << host << ":" << feeds->port()
              << "/regions/{region}/calendar.ics\n";
  }
  auto metrics =
      rakor::MetricsServer::StartFor("rakor-scheduling", absl::GetFlag(FLAGS_metrics_listen));
  if (!metrics.ok()) {
    std::cerr << "rakor-scheduling: " << metrics.status().message() << "\n";
    return 1;
  }
  if (*metrics != nullptr) {
    (*metrics)->AddGauges([&scheduling, &clock] {
      return rakor::scheduling::ComplianceGauges(**scheduling, clock.Now());
    });
  }
  rakor::scheduling::BackgroundSeeder seeder(scheduling->get(), *std::move(seeds),
                                             "rakor-scheduling");
  rakor::scheduling::SchedulingServiceImpl service(scheduling->get(),
                                                   transport->insecure_development);
  std::cerr << "rakor-scheduling: registry at " << registry_addr << "\n";
  const int code = rakor::ServeUntilSignal("rakor-scheduling", absl::GetFlag(FLAGS_listen),
                                           *transport, {&service});
  metrics->reset();
  feeds.reset();
  return code;
}
