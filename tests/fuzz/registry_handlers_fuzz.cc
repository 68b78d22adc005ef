// Fuzzes every unary registry handler: the first byte picks the RPC, the rest is
// parsed as its request and handed to the handler, as the gRPC adapter would, on a
// registry seeded with the three regions. A crash, a sanitizer report, or an
// INTERNAL/UNKNOWN status (a bug, not bad input) fails.
#include "tests/fuzz/registry_handlers_fuzz.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "common/clock.h"
#include "services/registry/handlers/handlers.h"
#include "services/registry/seed_loader.h"
#include "services/registry/service.h"

namespace rakor::registry::fuzz {
namespace {

struct Environment {
  FakeClock clock{absl::FromCivil(absl::CivilDay(2026, 11, 23), absl::UTCTimeZone())};
  std::unique_ptr<Registry> registry;

  Environment() {
    static const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("rakor-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::atexit([] { std::filesystem::remove_all(dir); });
    auto opened = Registry::Open((dir / "registry.db").string(), &clock);
    if (!opened.ok()) Die(opened.status());
    registry = std::move(*opened);
    if (absl::Status s = LoadSeedDirectory(*registry, std::string(RAKOR_SOURCE_DIR) + "/data");
        !s.ok()) {
      Die(s);
    }
  }
  [[noreturn]] static void Die(const absl::Status& status) {
    std::cerr << "fuzz environment: " << status << "\n";
    std::abort();
  }
};

Environment& Env() {
  static Environment* env = new Environment();
  return *env;
}

template <typename Request, typename Response>
void Call(absl::Status (*handler)(RequestContext*, const Request*, Response*), const uint8_t* data,
          size_t size) {
  Request request;
  if (!request.ParseFromArray(data, static_cast<int>(size))) return;
  Response response;
  RequestContext ctx{Env().registry.get(),
                     Caller{"regions/temanggung/units/sekretariat-daerah", Role::kSekda},
                     Env().clock.Now()};
  const absl::Status status = handler(&ctx, &request, &response);
  if (status.code() == absl::StatusCode::kInternal || status.code() == absl::StatusCode::kUnknown) {
    std::cerr << request.GetDescriptor()->name() << " " << request.ShortDebugString() << " -> "
              << status << "\n";
    std::abort();
  }
}

using Entry = void (*)(const uint8_t*, size_t);
#define RAKOR_FUZZ_ENTRY(Method, Request, Response)                \
  [](const uint8_t* data, size_t size) {                           \
    Call<v1::Request, v1::Response>(handlers::Method, data, size); \
  },
constexpr Entry kEntries[] = {RAKOR_REGISTRY_UNARY_RPCS(RAKOR_FUZZ_ENTRY)};
#undef RAKOR_FUZZ_ENTRY

}  // namespace

int RpcCount() { return static_cast<int>(std::size(kEntries)); }

void RunOne(const uint8_t* data, size_t size) {
  if (size == 0) return;
  kEntries[data[0] % std::size(kEntries)](data + 1, size - 1);
}

}  // namespace rakor::registry::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rakor::registry::fuzz::RunOne(data, size);
  return 0;
}
