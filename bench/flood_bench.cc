// rakor-bench-flood: what floods of garbage leave in a server's memory. Against the
// real rakor-registry (a child process on a fresh, seeded database), twenty floods,
// each of 32 clients sending random payloads (0-64 KiB of random bytes) to the
// registry's methods and to methods that do not exist, all at once; the server's resident memory
// after each flood. Run twice in the same run: with the servers' jemalloc settings
// (services/common/allocator.cc) and with jemalloc's own defaults (set through
// MALLOC_CONF, which overrides them). Reported as the memory 6 s after the last
// flood, as ratios to its start, to the pod's memory request and to the defaults'.
#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "bench/registry_process.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"

ABSL_FLAG(std::string, registry, "build/services/registry/rakor-registry",
          "the rakor-registry binary");
ABSL_FLAG(std::string, seed_dir, "data", "the seed directory");
ABSL_FLAG(std::string, work_dir, "/tmp", "where the database files go");
ABSL_FLAG(int, floods, 20, "floods per server");
ABSL_FLAG(int, calls, 200, "calls per client per flood");

namespace {

constexpr int kClients = 32;
const char* const kMethods[] = {
    "/rakor.registry.v1.RegistryService/GetUnit",
    "/rakor.registry.v1.RegistryService/ListUnits",
    "/rakor.registry.v1.RegistryService/CreateUnit",
    "/rakor.registry.v1.RegistryService/GetReportingChain",
    "/rakor.registry.v1.RegistryService/GetLeadCoordinator",
    "/rakor.registry.v1.NoSuchService/Nothing",
};

// Each client sends its `calls` at once (3,200 streams in flight with the
// defaults), as a misbehaving or hostile client would, and waits for every answer.
void Flood(const std::string& address, int calls, unsigned seed) {
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      std::mt19937 random(seed * 131 + c);
      grpc::ChannelArguments args;
      args.SetInt("rakor-bench-channel", c);
      grpc::GenericStub stub(
          grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args));
      struct Call {
        grpc::ClientContext ctx;
        grpc::ByteBuffer request, response;
      };
      std::vector<std::unique_ptr<Call>> in_flight;
      std::mutex mu;
      std::condition_variable cv;
      int done = 0;
      for (int i = 0; i < calls; ++i) {
        std::string payload(random() % (64 << 10), '\0');
        for (char& ch : payload) ch = static_cast<char>(random());
        auto call = std::make_unique<Call>();
        grpc::Slice slice(payload);
        call->request = grpc::ByteBuffer(&slice, 1);
        call->ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
        stub.UnaryCall(&call->ctx, kMethods[random() % std::size(kMethods)], grpc::StubOptions(),
                       &call->request, &call->response, [&](grpc::Status) {
                         std::lock_guard<std::mutex> lock(mu);
                         ++done;
                         cv.notify_one();
                       });
        in_flight.push_back(std::move(call));
      }
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return done == calls; });
    });
  }
  for (std::thread& t : clients) t.join();
}

struct Run {
  long start_kib, peak_kib, end_kib;
};

// jemalloc's own defaults, as its documentation gives them for 2 cores.
constexpr char kJemallocDefaults[] =
    "background_thread:false,dirty_decay_ms:10000,muzzy_decay_ms:0,narenas:8";

// `malloc_conf` is MALLOC_CONF for the server, or null for rakor's settings.
Run Measure(const char* malloc_conf, int round) {
  const std::string db = absl::GetFlag(FLAGS_work_dir) + "/rakor-bench-flood-" +
                         std::to_string(getpid()) + "-" + std::to_string(round) + ".db";
  Run run{};
  {
    // The child inherits it; this process allocates through glibc and ignores it.
    if (malloc_conf != nullptr) setenv("MALLOC_CONF", malloc_conf, 1);
    rakor::bench::RegistryProcess server(
        absl::GetFlag(FLAGS_registry),
        {"--database=" + db, "--seed_dir=" + absl::GetFlag(FLAGS_seed_dir)});
    unsetenv("MALLOC_CONF");
    run.start_kib = server.RssKiB();
    for (int f = 0; f < absl::GetFlag(FLAGS_floods); ++f) {
      Flood(server.address(), absl::GetFlag(FLAGS_calls), f);
      run.peak_kib = std::max(run.peak_kib, server.RssKiB());
    }
    // jemalloc's background thread gives back what the floods freed.
    std::this_thread::sleep_for(std::chrono::seconds(6));
    run.end_kib = server.RssKiB();
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((db + suffix).c_str());
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const Run defaults = Measure(kJemallocDefaults, 0);
  const Run rakor = Measure(nullptr, 1);
  std::printf(
      "rakor registry flood benchmark: %d floods of %d clients x %d calls of random payloads\n\n"
      "%-26s %10s %10s %10s\n",
      absl::GetFlag(FLAGS_floods), kClients, absl::GetFlag(FLAGS_calls), "allocator settings",
      "start_MiB", "peak_MiB", "end_MiB");
  for (const auto& [name, run] :
       {std::pair<const char*, Run>{"jemalloc defaults", defaults}, {"rakor's", rakor}}) {
    std::printf("%-26s %10.1f %10.1f %10.1f\n", name, run.start_kib / 1024.0, run.peak_kib / 1024.0,
                run.end_kib / 1024.0);
  }
  std::printf(
      "\nrakor's settings: peak %.2f of the pod's 128 MiB request; 6 s after the last flood "
      "%.2f of its start;\nend memory, rakor's settings / jemalloc's defaults: %.2f\n",
      rakor.peak_kib / 1024.0 / 128, static_cast<double>(rakor.end_kib) / rakor.start_kib,
      static_cast<double>(rakor.end_kib) / defaults.end_kib);
  return 0;
}
