// rakor-registry: the registry gRPC server on an embedded SQLite file.
#include <algorithm>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "services/common/metrics.h"
#include "services/common/rpc_log.h"
#include "services/common/server.h"
#include "services/registry/registry.h"
#include "services/registry/seed_loader.h"
#include "services/registry/service.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051", "HOST:PORT to serve gRPC on");
ABSL_FLAG(std::string, database, "rakor-registry.db",
          "a SQLite database file (one process), or a postgresql:// URI without a password "
          "(replicas sharing one database; the password comes from PGPASSWORD or PGPASSFILE)");
ABSL_FLAG(absl::Duration, follow_interval, absl::Milliseconds(100),
          "on PostgreSQL, how often a replica reads what other replicas committed");
ABSL_FLAG(std::string, seed_dir, "data",
          "directory of <region>.textproto seed files loaded at start (empty: none)");
ABSL_FLAG(bool, rpc_log, true, "log one JSON line per RPC to stderr");
ABSL_FLAG(std::string, metrics_listen, "",
          "HOST:PORT to serve Prometheus metrics on (empty: none)");
ABSL_FLAG(absl::Duration, watch_progress_interval, absl::Seconds(10),
          "longest a WatchChanges stream goes without a response (progress when idle)");
ABSL_FLAG(absl::Duration, watch_stall_timeout, absl::Seconds(30),
          "a WatchChanges client that takes no response for this long is dropped");
ABSL_FLAG(int, watch_memory_changes, 4096,
          "latest changes kept in memory for watchers; older ones are read from the database");

int main(int argc, char** argv) {
  rakor::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  const absl::StatusOr<rakor::Transport> transport = rakor::TransportFromFlags();
  if (!transport.ok()) {
    std::cerr << "rakor-registry: " << transport.status().message() << "\n";
    return 2;
  }
  rakor::EnableRpcLog(absl::GetFlag(FLAGS_rpc_log));

  rakor::RealClock clock;
  auto registry = rakor::registry::Registry::Open(
      absl::GetFlag(FLAGS_database), &clock,
      static_cast<size_t>(std::max(1, absl::GetFlag(FLAGS_watch_memory_changes))),
      absl::GetFlag(FLAGS_follow_interval));
  if (!registry.ok()) {
    std::cerr << "rakor-registry: " << registry.status() << "\n";
    return 1;
  }
  if (const std::string seed_dir = absl::GetFlag(FLAGS_seed_dir); !seed_dir.empty()) {
    if (absl::Status seeded = rakor::registry::LoadSeedDirectory(**registry, seed_dir);
        !seeded.ok()) {
      std::cerr << "rakor-registry: seed: " << seeded.message() << "\n";
      return 1;
    }
  }
  auto metrics =
      rakor::MetricsServer::StartFor("rakor-registry", absl::GetFlag(FLAGS_metrics_listen));
  if (!metrics.ok()) {
    std::cerr << "rakor-registry: " << metrics.status().message() << "\n";
    return 1;
  }
  rakor::WatchOptions watch;
  watch.progress_interval = absl::GetFlag(FLAGS_watch_progress_interval);
  watch.stall_timeout = absl::GetFlag(FLAGS_watch_stall_timeout);
  rakor::registry::RegistryServiceImpl service(registry->get(), transport->insecure_development,
                                               watch);
  return rakor::ServeUntilSignal("rakor-registry", absl::GetFlag(FLAGS_listen), *transport,
                                 {&service}, [&service] { service.StopWatches(); });
}
