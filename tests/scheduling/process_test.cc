// Tier 3: the real rakor-scheduling and rakor-registry binaries as processes: the
// scheduling service starts before the registry and seeds its series once the
// registry is up; with the registry down it answers UNAVAILABLE, and when the
// registry is back it works again.
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <thread>

#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "rakor/scheduling/v1/scheduling_service.grpc.pb.h"
#include "tests/support/child_process.h"
#include "tests/support/proto_matchers.h"
#include "tests/support/registry_fixture.h"
#include "tests/support/status_matchers.h"

namespace rakor::scheduling {
namespace {

const bool kFastClientPolling =
    setenv("GRPC_CLIENT_CHANNEL_BACKUP_POLL_INTERVAL_MS", "100", /*overwrite=*/0) == 0;

using ::rakor::testing::FreePort;
using ::rakor::testing::IsOk;
using ::rakor::testing::StartChild;
using ::rakor::testing::StatusIs;

class SchedulingProcess : public ::testing::Test {
 protected:
  void TearDown() override { rakor::testing::RemoveTempDir(); }

  std::unique_ptr<rakor::testing::Child> StartRegistry(int port) {
    return StartChild(
        RAKOR_REGISTRY_BINARY, "rakor-registry",
        {"--listen=127.0.0.1:" + std::to_string(port),
         "--database=" + rakor::testing::TempPath("registry.db"),
         "--seed_dir=" + rakor::testing::SeedDir(), "--rpc_log=false", "--insecure_development"});
  }

  int ListedSeries(v1::SchedulingService::Stub& stub) {
    v1::ListSeriesRequest list;
    list.set_parent("regions/-");
    v1::ListSeriesResponse all;
    grpc::ClientContext ctx;
    return stub.ListSeries(&ctx, list, &all).ok() ? all.series_size() : -1;
  }
};

TEST_F(SchedulingProcess, SeedsOnceTheRegistryIsUpAndRecoversWhenItComesBack) {
  const int registry_port = FreePort();
  auto scheduling =
      StartChild(RAKOR_SCHEDULING_BINARY, "rakor-scheduling",
                 {"--listen=127.0.0.1:0", "--database=" + rakor::testing::TempPath("scheduling.db"),
                  "--registry_addr=127.0.0.1:" + std::to_string(registry_port),
                  "--seed_dir=" + std::string(RAKOR_SOURCE_DIR) + "/data/scheduling",
                  "--rpc_log=false", "--insecure_development", "--feed_listen=127.0.0.1:0"});
  ASSERT_GT(scheduling->port, 0) << scheduling->log;
  auto stub = v1::SchedulingService::NewStub(grpc::CreateChannel(
      "127.0.0.1:" + std::to_string(scheduling->port), grpc::InsecureChannelCredentials()));
  EXPECT_EQ(ListedSeries(*stub), 0);  // no registry yet: nothing seeded

  auto registry = StartRegistry(registry_port);
  ASSERT_GT(registry->port, 0) << registry->log;
  int seeded = 0;
  for (int i = 0; i < 100 && seeded < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    seeded = ListedSeries(*stub);
  }
  EXPECT_EQ(seeded, 2);

  v1::CreateSeriesRequest create;
  create.set_parent("regions/soppeng");
  create.set_series_id("rakor");
  *create.mutable_series() = rakor::testing::ParseTextProto<v1::Series>(R"pb(
    title: "Rapat Koordinasi"
    chair: "regions/soppeng/units/sekretariat-daerah"
    form: RAPAT_KOORDINASI
    mode: IN_PERSON
    place: "Ruang Rapat"
    legal_basis: "Soppeng Pasal 22 ayat (4)"
    start_local: "2026-01-05T09:00:00"
    duration { seconds: 3600 }
    rrule: "FREQ=MONTHLY;BYDAY=1MO"
  )pb");
  ASSERT_TRUE(rakor::testing::Stop(*registry));
  v1::Series created;
  {
    grpc::ClientContext ctx;
    ctx.AddMetadata("rakor-actor", "regions/soppeng/units/sekretariat-daerah#sekda");
    EXPECT_THAT(stub->CreateSeries(&ctx, create, &created),
                StatusIs(absl::StatusCode::kUnavailable, ::testing::HasSubstr("registry")));
  }
  registry = StartRegistry(registry_port);  // back, on the same address
  ASSERT_GT(registry->port, 0) << registry->log;
  grpc::Status status;
  for (int i = 0; i < 50; ++i) {  // the channel reconnects with backoff
    grpc::ClientContext ctx;
    ctx.AddMetadata("rakor-actor", "regions/soppeng/units/sekretariat-daerah#sekda");
    status = stub->CreateSeries(&ctx, create, &created);
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_THAT(status, IsOk());
  EXPECT_EQ(ListedSeries(*stub), 3);
  EXPECT_TRUE(rakor::testing::Stop(*scheduling));
  EXPECT_TRUE(rakor::testing::Stop(*registry));
}

}  // namespace
}  // namespace rakor::scheduling
