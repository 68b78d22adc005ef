// rakor-bench-watch: what open WatchChanges streams cost a writer. Against the real
// rakor-registry (a child process on a fresh database), for 0, 200 and 1,000
// watchers of one region spread over 10 channels, in the same run:
// - the latency of one UpdateUnit at a time (the writer waits for each answer,
//   then pauses --spacing_ms);
// - the delay from the start of each write until the last watcher has its change;
// - the server's resident memory before and with the watchers open.
// Reported as medians and p99s, and the writes' median as a ratio to the
// no-watcher median (aim: 1.25 or less with 1,000 watchers; the delay to the last
// watcher under 10 ms at the median). The watchers run in this process, on the same
// cores as the server: their reading is part of what is measured.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/synchronization/mutex.h"
#include "bench/registry_process.h"
#include "grpcpp/grpcpp.h"
#include "rakor/registry/v1/registry_service.grpc.pb.h"

ABSL_FLAG(std::string, registry, "build/services/registry/rakor-registry",
          "the rakor-registry binary");
ABSL_FLAG(std::string, seed_dir, "data", "the seed directory");
ABSL_FLAG(std::string, work_dir, "/tmp", "where the database file goes");
ABSL_FLAG(int, writes, 300, "writes measured per watcher count");
ABSL_FLAG(int, spacing_ms, 20,
          "pause between writes (registry writes are rare: a reorganisation is a few)");
ABSL_FLAG(std::vector<std::string>, watchers, std::vector<std::string>({"0", "200", "1000"}),
          "watcher counts to measure");

namespace {

namespace v1 = rakor::registry::v1;
using Clock = std::chrono::steady_clock;

constexpr char kRegion[] = "regions/temanggung";
constexpr char kUnit[] = "regions/temanggung/units/dinas-kesehatan";
constexpr int kChannels = 10;

// Records, for each write by index, when the last of `expected` watchers got it.
struct Arrivals {
  explicit Arrivals(int writes, int expected) : expected(expected), counts(writes), last(writes) {}
  void Arrived(int write) {
    if (write < 0 || write >= static_cast<int>(counts.size())) return;
    if (counts[write].fetch_add(1) + 1 == expected) {
      last[write].store(Clock::now().time_since_epoch().count());
    }
  }
  const int expected;
  std::vector<std::atomic<int>> counts;
  std::vector<std::atomic<int64_t>> last;
};

// One watcher: counts the changes after `start`, the n-th being write n.
class Watcher final : public grpc::ClientReadReactor<v1::WatchChangesResponse> {
 public:
  Watcher(v1::RegistryService::Stub* stub, int64_t start, Arrivals* arrivals)
      : arrivals_(arrivals) {
    request_.set_parent(kRegion);
    request_.set_start_after_sequence(start);
    stub->async()->WatchChanges(&ctx_, &request_, this);
    StartRead(&response_);
    StartCall();
  }
  void OnReadDone(bool ok) override {
    if (!ok) return;
    for (int i = 0; i < response_.changes_size(); ++i) {
      arrivals_->Arrived(static_cast<int>(seen_++));
    }
    if (response_.caught_up()) caught_up_.store(true);
    StartRead(&response_);
  }
  void OnDone(const grpc::Status&) override {
    absl::MutexLock lock(&mu_);
    done_ = true;
  }
  bool caught_up() const { return caught_up_.load(); }
  void Cancel() { ctx_.TryCancel(); }
  void AwaitDone() {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(&done_));
  }

 private:
  grpc::ClientContext ctx_;
  v1::WatchChangesRequest request_;
  v1::WatchChangesResponse response_;
  int64_t seen_ = 0;
  Arrivals* arrivals_;
  std::atomic<bool> caught_up_{false};
  absl::Mutex mu_;
  bool done_ = false;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

// The last committed sequence: where a replay of the region says it caught up.
int64_t LastSequence(v1::RegistryService::Stub& stub) {
  grpc::ClientContext ctx;
  v1::WatchChangesRequest request;
  request.set_parent(kRegion);
  auto stream = stub.WatchChanges(&ctx, request);
  v1::WatchChangesResponse response;
  while (stream->Read(&response) && !response.caught_up()) {
  }
  ctx.TryCancel();
  stream->Finish();
  return response.sequence();
}

struct Result {
  int watchers;
  double write_p50, write_p99, last_p50, last_p99;
  long rss_before, rss_with;
  double server_cpu_ms, client_cpu_ms;  // per write, while writing
};

double ClientCpuSeconds() {
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

Result Measure(rakor::bench::RegistryProcess& server,
               std::vector<std::unique_ptr<v1::RegistryService::Stub>>& stubs, int watchers,
               int writes, int round) {
  const int64_t start = LastSequence(*stubs[0]);
  const long rss_before = server.RssKiB();
  Arrivals arrivals(writes, watchers);
  std::vector<std::unique_ptr<Watcher>> open;
  for (int i = 0; i < watchers; ++i) {
    open.push_back(std::make_unique<Watcher>(stubs[i % kChannels].get(), start, &arrivals));
  }
  for (auto& w : open) {
    while (!w->caught_up()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const long rss_with = server.RssKiB();

  const double server_cpu0 = server.CpuSeconds(), client_cpu0 = ClientCpuSeconds();
  std::vector<int64_t> began(writes);
  std::vector<double> write_ms;
  for (int i = 0; i < writes; ++i) {
    v1::UpdateUnitRequest update;
    update.mutable_unit()->set_name(kUnit);
    update.mutable_unit()->set_contact_email("bench" + std::to_string(round) + "-" +
                                             std::to_string(i) + "@example.go.id");
    update.mutable_update_mask()->add_paths("contact_email");
    v1::Unit unit;
    grpc::ClientContext ctx;
    ctx.AddMetadata("rakor-actor", "national");
    const auto t0 = Clock::now();
    began[i] = t0.time_since_epoch().count();
    const grpc::Status status = stubs[0]->UpdateUnit(&ctx, update, &unit);
    write_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (!status.ok()) {
      std::fprintf(stderr, "UpdateUnit failed: %s\n", status.error_message().c_str());
      std::exit(1);
    }
    // Writes apart, as registry writes come: the delay to the last watcher is then
    // that of one change, not of a backlog.
    std::this_thread::sleep_for(std::chrono::milliseconds(absl::GetFlag(FLAGS_spacing_ms)));
  }
  std::vector<double> last_ms;
  if (watchers > 0) {
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (arrivals.counts[writes - 1].load() < watchers && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    for (int i = 0; i < writes; ++i) {
      if (arrivals.counts[i].load() < watchers) {
        std::fprintf(stderr, "write %d reached %d of %d watchers\n", i, arrivals.counts[i].load(),
                     watchers);
        std::exit(1);
      }
      last_ms.push_back((arrivals.last[i].load() - began[i]) / 1e6);
    }
  }
  const double server_cpu = server.CpuSeconds() - server_cpu0;
  const double client_cpu = ClientCpuSeconds() - client_cpu0;
  for (auto& w : open) w->Cancel();
  for (auto& w : open) w->AwaitDone();
  return {watchers,
          Percentile(write_ms, 0.5),
          Percentile(write_ms, 0.99),
          Percentile(last_ms, 0.5),
          Percentile(last_ms, 0.99),
          rss_before,
          rss_with,
          1e3 * server_cpu / writes,
          1e3 * client_cpu / writes};
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string db =
      absl::GetFlag(FLAGS_work_dir) + "/rakor-bench-watch-" + std::to_string(getpid()) + ".db";
  int rc = 0;
  {
    rakor::bench::RegistryProcess server(
        absl::GetFlag(FLAGS_registry),
        {"--database=" + db, "--seed_dir=" + absl::GetFlag(FLAGS_seed_dir)});
    std::vector<std::unique_ptr<v1::RegistryService::Stub>> stubs;
    for (int i = 0; i < kChannels; ++i) {
      grpc::ChannelArguments args;
      args.SetInt("rakor-bench-channel", i);  // a connection per channel
      stubs.push_back(v1::RegistryService::NewStub(
          grpc::CreateCustomChannel(server.address(), grpc::InsecureChannelCredentials(), args)));
    }
    const int writes = absl::GetFlag(FLAGS_writes);
    Measure(server, stubs, 0, 50, -1);  // warm-up
    std::vector<Result> results;
    int round = 0;
    for (const std::string& n : absl::GetFlag(FLAGS_watchers)) {
      results.push_back(Measure(server, stubs, std::stoi(n), writes, round++));
    }
    std::printf(
        "rakor registry watch benchmark: %d writes per row, one at a time, %d ms apart;\n"
        "watchers of %s on %d channels, in the client process\n\n",
        writes, absl::GetFlag(FLAGS_spacing_ms), kRegion, kChannels);
    std::printf("%8s %12s %12s %9s %15s %15s %14s %14s %12s %12s\n", "watchers", "write_p50_ms",
                "write_p99_ms", "p50_ratio", "to_last_p50_ms", "to_last_p99_ms", "rss_before_MiB",
                "rss_open_MiB", "srv_cpu_ms/w", "cli_cpu_ms/w");
    const double base = results.front().write_p50;
    for (const Result& r : results) {
      std::printf("%8d %12.2f %12.2f %9.2f %15.2f %15.2f %14.1f %14.1f %12.2f %12.2f\n", r.watchers,
                  r.write_p50, r.write_p99, r.write_p50 / base, r.last_p50, r.last_p99,
                  r.rss_before / 1024.0, r.rss_with / 1024.0, r.server_cpu_ms, r.client_cpu_ms);
    }
    std::printf(
        "\np50_ratio: the write median relative to the first row's (aim: <= 1.25 with 1,000\n"
        "watchers). to_last: from the start of a write until its change reached the last\n"
        "watcher (aim: p50 < 10 ms with 1,000). rss: the server's resident memory before\n"
        "the watchers opened and with them open and caught up. cpu_ms/w: CPU time per\n"
        "write of the server and of this client (writer and watchers) while writing.\n");
  }
  std::remove(db.c_str());
  std::remove((db + "-wal").c_str());
  std::remove((db + "-shm").c_str());
  return rc;
}
