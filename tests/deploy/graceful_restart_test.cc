// Tier 3: a service restarted under load. Each of the three binaries gets SIGTERM
// while 32 clients call it, each on a channel of its own with the published
// service config (proto/rakor/grpc_service_config.json); it reports NOT_SERVING,
// drains, closes its database and exits 0, and a new process takes its port on the
// same database. No client sees a failed call: what was in flight finished, and
// what came after waited for the new process (waitForReady) or was retried.
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>

#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "rakor/registry/v1/registry_service.grpc.pb.h"
#include "rakor/reporting/v1/reporting_service.grpc.pb.h"
#include "rakor/scheduling/v1/scheduling_service.grpc.pb.h"
#include "services/common/channels.h"
#include "tests/support/child_process.h"
#include "tests/support/registry_fixture.h"

namespace rakor {
namespace {

namespace gv1 = ::rakor::registry::v1;
namespace rv1 = ::rakor::reporting::v1;
namespace sv1 = ::rakor::scheduling::v1;
using ::rakor::testing::Child;
using ::rakor::testing::FreePort;
using ::rakor::testing::StartChild;
using ::testing::HasSubstr;

constexpr int kClients = 32;
constexpr char kDinkesHead[] = "regions/temanggung/units/dinas-kesehatan#head";

// One call of the load on `channel`: what a client of that service would ask.
using Call =
    std::function<grpc::Status(const std::shared_ptr<grpc::Channel>&, grpc::ClientContext*)>;

grpc::Status GetUnit(const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext* ctx) {
  gv1::GetUnitRequest request;
  request.set_name("regions/temanggung/units/dinas-kesehatan");
  gv1::Unit unit;
  return gv1::RegistryService::NewStub(channel)->GetUnit(ctx, request, &unit);
}

grpc::Status ListSeries(const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext* ctx) {
  sv1::ListSeriesRequest request;
  request.set_parent("regions/temanggung");
  sv1::ListSeriesResponse series;
  return sv1::SchedulingService::NewStub(channel)->ListSeries(ctx, request, &series);
}

grpc::Status ListDocuments(const std::shared_ptr<grpc::Channel>& channel,
                           grpc::ClientContext* ctx) {
  rv1::ListDocumentsRequest request;
  request.set_parent("regions/temanggung");
  rv1::ListDocumentsResponse documents;
  ctx->AddMetadata("rakor-actor", kDinkesHead);
  return rv1::ReportingService::NewStub(channel)->ListDocuments(ctx, request, &documents);
}

struct Target {
  const char* name;  // registry, scheduling or reporting
  Call call;
  friend void PrintTo(const Target& target, std::ostream* os) { *os << target.name; }
};

class GracefulRestart : public ::testing::TestWithParam<Target> {
 protected:
  void SetUp() override {
    for (int* port : {&ports_[0], &ports_[1], &ports_[2], &health_port_}) *port = FreePort();
    for (int i = 0; i < 3; ++i) ASSERT_NO_FATAL_FAILURE(Start(i));
  }
  void TearDown() override {
    for (auto& child : children_) {
      if (child != nullptr) rakor::testing::Stop(*child);
    }
    rakor::testing::RemoveTempDir();
  }

  static constexpr const char* kNames[] = {"registry", "scheduling", "reporting"};
  std::string Address(int i) const { return "127.0.0.1:" + std::to_string(ports_[i]); }

  // Service i (0 registry, 1 scheduling, 2 reporting) on its port and database.
  void Start(int i) {
    const std::string name = std::string("rakor-") + kNames[i];
    std::vector<std::string> args = {"--listen=" + Address(i),
                                     "--database=" + rakor::testing::TempPath(name + ".db"),
                                     "--rpc_log=false", "--insecure_development",
                                     // The 32 clients stand for 32 users, not one.
                                     "--max_calls_per_caller=64"};
    // The health port (for the kubelet's probes) of the service under test.
    if (i == Target()) args.push_back("--health_listen=127.0.0.1:" + std::to_string(health_port_));
    const char* binary = RAKOR_REPORTING_BINARY;
    if (i == 0) {
      binary = RAKOR_REGISTRY_BINARY;
      args.push_back("--seed_dir=" + rakor::testing::SeedDir());
    } else if (i == 1) {
      binary = RAKOR_SCHEDULING_BINARY;
      args.push_back("--seed_dir=" + rakor::testing::SeedDir() + "/scheduling");
      args.push_back("--feed_listen=");
    }
    if (i >= 1) args.push_back("--registry_addr=" + Address(0));
    if (i == 2) args.push_back("--scheduling_addr=" + Address(1));
    children_[i] = StartChild(binary, name, args);
    ASSERT_GT(children_[i]->port, 0) << children_[i]->log;
  }

  int Target() const {
    const std::string name = GetParam().name;
    return name == "registry" ? 0 : name == "scheduling" ? 1 : 2;
  }

  int ports_[3] = {};
  int health_port_ = 0;
  std::unique_ptr<Child> children_[3];
};

TEST_P(GracefulRestart, ASigtermUnderLoadFromThirtyTwoClientsFailsNoCall) {
  const int target = Target();
  // What the kubelet's probe sees: SERVING, then NOT_SERVING once SIGTERM arrives,
  // before the port closes.
  namespace health = ::grpc::health::v1;
  auto health_stub = health::Health::NewStub(grpc::CreateChannel(
      "127.0.0.1:" + std::to_string(health_port_), grpc::InsecureChannelCredentials()));
  grpc::ClientContext watch_ctx;
  auto watch = health_stub->Watch(&watch_ctx, health::HealthCheckRequest());
  std::vector<health::HealthCheckResponse::ServingStatus> probed;
  std::thread prober([&] {
    health::HealthCheckResponse response;
    while (watch->Read(&response)) {
      // NOT_SERVING until the process has started every server, which the port
      // printed by one of them does not prove.
      if (probed.empty() && response.status() != health::HealthCheckResponse::SERVING) continue;
      probed.push_back(response.status());
      // As a kubelet would: it has what it needs (the process still waits 5 s at most
      // for a watch left open on its health port).
      if (response.status() == health::HealthCheckResponse::NOT_SERVING) watch_ctx.TryCancel();
    }
  });
  std::atomic<bool> go{true};
  std::atomic<int64_t> ok{0};
  std::mutex mu;
  std::vector<std::string> failures;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      grpc::ChannelArguments args = ServiceChannelArguments();
      args.SetInt("rakor-test-client", c);  // a connection of its own
      auto channel =
          grpc::CreateCustomChannel(Address(target), grpc::InsecureChannelCredentials(), args);
      while (go) {
        grpc::ClientContext ctx;
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
        const grpc::Status status = GetParam().call(channel, &ctx);
        if (status.ok()) {
          ++ok;
        } else {
          std::lock_guard<std::mutex> lock(mu);
          failures.push_back(std::to_string(status.error_code()) + " " + status.error_message());
        }
      }
    });
  }
  const auto until = [&ok](int64_t calls) {
    for (int i = 0; i < 3000 && ok < calls; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return ok.load();
  };
  const int64_t before = until(500);
  ASSERT_GE(before, 500) << "the load never got going";

  EXPECT_TRUE(rakor::testing::Stop(*children_[target])) << *children_[target]->rest;
  EXPECT_THAT(*children_[target]->rest, HasSubstr("draining"));
  prober.join();
  EXPECT_THAT(probed, ::testing::ElementsAre(health::HealthCheckResponse::SERVING,
                                             health::HealthCheckResponse::NOT_SERVING));
  const int64_t while_down = ok.load();
  ASSERT_NO_FATAL_FAILURE(Start(target));
  const int64_t after = until(while_down + 500);
  go = false;
  for (auto& t : clients) t.join();

  EXPECT_GE(after - while_down, 500) << "calls did not resume on the new process";
  EXPECT_THAT(failures, ::testing::IsEmpty())
      << failures.size() << " of " << ok.load() + failures.size() << " calls failed";
}

INSTANTIATE_TEST_SUITE_P(EachService, GracefulRestart,
                         ::testing::Values(Target{"registry", GetUnit},
                                           Target{"scheduling", ListSeries},
                                           Target{"reporting", ListDocuments}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace rakor
