// rakor-registry: the registry gRPC server on an embedded SQLite file.
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "services/common/rpc_log.h"
#include "services/common/server.h"
#include "services/registry/registry.h"
#include "services/registry/seed_loader.h"
#include "services/registry/service.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051", "HOST:PORT to serve gRPC on");
ABSL_FLAG(std::string, database, "rakor-registry.db", "SQLite database file");
ABSL_FLAG(std::string, seed_dir, "data",
          "directory of <region>.textproto seed files loaded at start (empty: none)");
ABSL_FLAG(bool, dev_actor_metadata, false,
          "development mode: trust the caller identity stated in `rakor-actor` metadata");
ABSL_FLAG(bool, rpc_log, true, "log one JSON line per RPC to stderr");

int main(int argc, char** argv) {
  rakor::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  rakor::EnableRpcLog(absl::GetFlag(FLAGS_rpc_log));

  rakor::RealClock clock;
  auto registry = rakor::registry::Registry::Open(absl::GetFlag(FLAGS_database), &clock);
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
  rakor::registry::RegistryServiceImpl service(registry->get(),
                                               absl::GetFlag(FLAGS_dev_actor_metadata));
  return rakor::ServeUntilSignal("rakor-registry", absl::GetFlag(FLAGS_listen), {&service});
}
