#include "tests/fuzz/services_environment.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <vector>

#include "google/protobuf/stubs/logging.h"
#include "services/common/channels.h"
#include "services/common/rpc_log.h"
#include "services/common/server.h"
#include "services/registry/seed_loader.h"
#include "services/scheduling/seed_loader.h"

namespace rakor::fuzz {
namespace {

[[noreturn]] void Die(const absl::Status& status) {
  std::cerr << "fuzz environment: " << status << "\n";
  std::abort();
}

template <typename T>
T OrDie(absl::StatusOr<T> value) {
  if (!value.ok()) Die(value.status());
  return *std::move(value);
}

const std::vector<Caller>& Callers() {
  static const auto* callers = new std::vector<Caller>{
      {"regions/temanggung/units/sekretariat-daerah", Role::kSekda},
      {"regions/temanggung/units/dinas-kesehatan", Role::kStaff},
      {"regions/temanggung/units/dinas-kesehatan", Role::kHead},
      {"regions/temanggung/units/asisten-pemerintahan-kesra", Role::kAsisten},
      {"regions/temanggung/units/sekretariat-daerah", Role::kRegionAdmin},
      {"regions/banjar/units/sekretariat-daerah", Role::kSekda},
      {"", Role::kNational},
      {"", Role::kService},
      {"", Role::kAnonymous},
  };
  return *callers;
}

}  // namespace

int CallerCount() { return static_cast<int>(Callers().size()); }
const Caller& CallerAt(uint8_t index) { return Callers()[index % Callers().size()]; }

void AbortOnBug(const google::protobuf::Message& request, const absl::Status& status) {
  if (status.code() != absl::StatusCode::kInternal && status.code() != absl::StatusCode::kUnknown)
    return;
  std::cerr << request.GetDescriptor()->name() << " " << request.ShortDebugString() << " -> "
            << status << "\n";
  std::abort();
}

void AddToCorpus(const std::string& input) {
  const char* dir = std::getenv("RAKOR_FUZZ_CORPUS");
  if (dir == nullptr || *dir == '\0') return;
  std::filesystem::create_directories(dir);
  std::ofstream(std::filesystem::path(dir) / std::to_string(std::hash<std::string>()(input)),
                std::ios::binary)
      << input;
}

ServicesEnvironment& ServicesEnvironment::Get() {
  static ServicesEnvironment* env = [] {
    EnableRpcLog(false);
    // Invalid UTF-8 in a string field is an expected parse failure here, not news.
    google::protobuf::SetLogHandler(nullptr);
    static const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("rakor-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::atexit([] { std::filesystem::remove_all(dir); });
    auto* e = new ServicesEnvironment;
    e->registry = OrDie(registry::Registry::Open((dir / "registry.db").string(), &e->clock));
    if (absl::Status s =
            registry::LoadSeedDirectory(*e->registry, std::string(RAKOR_SOURCE_DIR) + "/data");
        !s.ok()) {
      Die(s);
    }
    e->registry_service = std::make_unique<registry::RegistryServiceImpl>(e->registry.get(), true);
    RunningServer registry_server = OrDie(StartServer("127.0.0.1:0", {e->registry_service.get()}));
    e->registry_server = std::move(registry_server.server);
    const std::string registry_address = "127.0.0.1:" + std::to_string(registry_server.port);

    e->directory =
        std::make_unique<scheduling::RegistryDirectory>(ServiceChannel(registry_address));
    e->scheduling = OrDie(scheduling::Scheduling::Open((dir / "scheduling.db").string(), &e->clock,
                                                       e->directory.get()));
    const auto seeds =
        OrDie(scheduling::ReadSeedDirectory(std::string(RAKOR_SOURCE_DIR) + "/data/scheduling"));
    if (absl::Status s = scheduling::ApplySeed(*e->scheduling, seeds); !s.ok()) Die(s);
    e->scheduling_service =
        std::make_unique<scheduling::SchedulingServiceImpl>(e->scheduling.get(), true);
    RunningServer scheduling_server =
        OrDie(StartServer("127.0.0.1:0", {e->scheduling_service.get()}));
    e->scheduling_server = std::move(scheduling_server.server);

    e->upstream = std::make_unique<reporting::Upstream>(
        ServiceChannel(registry_address),
        ServiceChannel("127.0.0.1:" + std::to_string(scheduling_server.port)));
    e->reporting = OrDie(
        reporting::Reporting::Open((dir / "reporting.db").string(), &e->clock, e->upstream.get()));
    return e;
  }();
  return *env;
}

}  // namespace rakor::fuzz
