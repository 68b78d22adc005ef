// Tier 3: the real rakor-registry binary as its own process, on a real file.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "rakor/registry/v1/registry_service.grpc.pb.h"
#include "tests/support/child_process.h"
#include "tests/support/postgres_server.h"
#include "tests/support/registry_fixture.h"
#include "tests/support/rich_status.h"
#include "tests/support/status_matchers.h"

namespace rakor::registry {
namespace {

// An idle synchronous client reads its socket only when gRPC's backup poller runs
// (every 5 s by default), so a server draining on SIGTERM waits that long for the
// client to acknowledge its GOAWAY. Poll often, so the tests do not wait for it.
const bool kFastClientPolling =
    setenv("GRPC_CLIENT_CHANNEL_BACKUP_POLL_INTERVAL_MS", "100", /*overwrite=*/0) == 0;

using ::rakor::testing::IsOk;

using ::rakor::testing::Child;
using ::rakor::testing::Wait;

std::unique_ptr<Child> Start(const std::string& database, const std::string& seed_dir,
                             const std::string& rpc_log = "--rpc_log=false") {
  return rakor::testing::StartChild(RAKOR_REGISTRY_BINARY, "rakor-registry",
                                    {"--listen=127.0.0.1:0", "--database=" + database,
                                     "--seed_dir=" + seed_dir, rpc_log, "--insecure_development"});
}

class RegistryProcess : public ::testing::Test {
 protected:
  void TearDown() override { rakor::testing::RemoveTempDir(); }
};

std::unique_ptr<v1::RegistryService::Stub> Connect(int port) {
  return v1::RegistryService::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
}

TEST_F(RegistryProcess, SurvivesKill9WithEveryAcknowledgedWrite) {
  const std::string db = rakor::testing::TempPath("registry.db");
  auto first = Start(db, rakor::testing::SeedDir());
  ASSERT_GT(first->port, 0) << first->log;
  auto stub = Connect(first->port);

  auto health = grpc::health::v1::Health::NewStub(grpc::CreateChannel(
      "127.0.0.1:" + std::to_string(first->port), grpc::InsecureChannelCredentials()));
  grpc::health::v1::HealthCheckRequest check;
  grpc::health::v1::HealthCheckResponse serving;
  grpc::ClientContext health_ctx;
  ASSERT_THAT(health->Check(&health_ctx, check, &serving), IsOk());
  EXPECT_EQ(serving.status(), grpc::health::v1::HealthCheckResponse::SERVING);

  v1::UpdateUnitRequest update;
  update.mutable_unit()->set_name("regions/soppeng/units/inspektorat");
  update.mutable_unit()->set_contact_email("inspektorat@soppeng.example");
  update.mutable_update_mask()->add_paths("contact_email");
  v1::Unit updated;
  grpc::ClientContext ctx;
  ctx.AddMetadata("rakor-actor", "national");  // development mode: a national administrator
  ASSERT_THAT(stub->UpdateUnit(&ctx, update, &updated), IsOk());

  kill(first->pid, SIGKILL);
  EXPECT_TRUE(WIFSIGNALED(Wait(*first)));

  auto second = Start(db, rakor::testing::SeedDir());
  ASSERT_GT(second->port, 0) << second->log;
  stub = Connect(second->port);
  v1::GetUnitRequest get;
  get.set_name("regions/soppeng/units/inspektorat");
  v1::Unit unit;
  grpc::ClientContext ctx2;
  ASSERT_THAT(stub->GetUnit(&ctx2, get, &unit), IsOk());
  EXPECT_EQ(unit.contact_email(), "inspektorat@soppeng.example");
  EXPECT_EQ(unit.etag(), updated.etag());  // reseeding on restart changed nothing

  kill(second->pid, SIGTERM);
  const int status = Wait(*second);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST_F(RegistryProcess, ReflectionListsTheRegistryService) {
  auto child = Start(rakor::testing::TempPath("registry.db"), rakor::testing::SeedDir());
  ASSERT_GT(child->port, 0) << child->log;
  auto reflection = grpc::reflection::v1alpha::ServerReflection::NewStub(grpc::CreateChannel(
      "127.0.0.1:" + std::to_string(child->port), grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  auto stream = reflection->ServerReflectionInfo(&ctx);
  grpc::reflection::v1alpha::ServerReflectionRequest request;
  request.set_list_services("");
  ASSERT_TRUE(stream->Write(request));
  grpc::reflection::v1alpha::ServerReflectionResponse response;
  ASSERT_TRUE(stream->Read(&response));
  stream->WritesDone();
  std::vector<std::string> services;
  for (const auto& s : response.list_services_response().service()) services.push_back(s.name());
  EXPECT_THAT(services, ::testing::Contains("rakor.registry.v1.RegistryService"));
  EXPECT_THAT(services, ::testing::Contains("grpc.health.v1.Health"));
  EXPECT_THAT(stream->Finish(), IsOk());
  kill(child->pid, SIGTERM);
  const int status = Wait(*child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST_F(RegistryProcess, LogsOneJsonLinePerRpcAndFlushesItOnSigterm) {
  auto child =
      Start(rakor::testing::TempPath("registry.db"), rakor::testing::SeedDir(), "--rpc_log=true");
  ASSERT_GT(child->port, 0) << child->log;
  auto stub = Connect(child->port);
  v1::GetUnitRequest get;
  get.set_name("regions/banjar/units/no-such-unit");
  v1::Unit unit;
  grpc::ClientContext ctx;
  EXPECT_EQ(stub->GetUnit(&ctx, get, &unit).error_code(), grpc::StatusCode::NOT_FOUND);
  kill(child->pid, SIGTERM);
  const int status = Wait(*child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_THAT(*child->rest,
              ::testing::HasSubstr(R"(Z","method":"GetUnit","code":"NOT_FOUND","latency_us":)"));
  EXPECT_THAT(*child->rest,
              ::testing::HasSubstr(
                  R"("message":"unit \"regions/banjar/units/no-such-unit\" does not exist"})"));
  EXPECT_THAT(*child->rest, ::testing::HasSubstr(R"({"ts":")"));
}

TEST_F(RegistryProcess, SigtermEndsOpenWatchesWithTheSequenceToResumeFrom) {
  auto child = Start(rakor::testing::TempPath("registry.db"), rakor::testing::SeedDir());
  ASSERT_GT(child->port, 0) << child->log;
  auto stub = Connect(child->port);
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::unique_ptr<grpc::ClientReader<v1::WatchChangesResponse>>> streams;
  int64_t caught_up_at = 0;
  for (const char* parent : {"regions/temanggung", "regions/-"}) {
    contexts.push_back(std::make_unique<grpc::ClientContext>());
    v1::WatchChangesRequest request;
    request.set_parent(parent);
    streams.push_back(stub->WatchChanges(contexts.back().get(), request));
    v1::WatchChangesResponse response;
    while (streams.back()->Read(&response) && !response.caught_up()) {
    }
    ASSERT_TRUE(response.caught_up());
    caught_up_at = response.sequence();
  }
  kill(child->pid, SIGTERM);
  for (auto& stream : streams) {
    v1::WatchChangesResponse response;
    EXPECT_FALSE(stream->Read(&response));
    const grpc::Status ended = stream->Finish();
    EXPECT_EQ(ended.error_code(), grpc::StatusCode::UNAVAILABLE) << ended.error_message();
    const google::rpc::ErrorInfo info = rakor::testing::ErrorInfoOf(ended);
    EXPECT_EQ(info.reason(), "SERVER_STOPPING");
    EXPECT_EQ(info.metadata().at("resume_after_sequence"), std::to_string(caught_up_at));
  }
  const int status = Wait(*child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST_F(RegistryProcess, MalformedSeedFailsStartUpNamingFileAndLine) {
  const std::string seed_dir = rakor::testing::TempPath("seed");
  std::filesystem::create_directories(seed_dir);
  std::ofstream(seed_dir + "/broken.textproto")
      << "region {\n  name: \"regions/x\"\n  display_name: 7 7\n}\n";
  auto child = Start(rakor::testing::TempPath("registry.db"), seed_dir);
  const int status = Wait(*child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_EQ(child->port, 0);
  EXPECT_THAT(child->log, ::testing::HasSubstr("broken.textproto:3:"));
}

// --- Replicas on one PostgreSQL database -----------------------------------------

// Two registry processes on one PostgreSQL database, as two replicas behind a load
// balancer.
class RegistryReplicas : public RegistryProcess {
 protected:
  void StartBoth(const std::string& uri) {
    a_ = Start(uri, rakor::testing::SeedDir());
    ASSERT_GT(a_->port, 0) << a_->log;
    b_ = Start(uri, rakor::testing::SeedDir());
    ASSERT_GT(b_->port, 0) << b_->log;
    stub_a_ = Connect(a_->port);
    stub_b_ = Connect(b_->port);
  }
  void TearDown() override {
    for (Child* child : {a_.get(), b_.get()}) {
      if (child != nullptr && child->pid > 0 && kill(child->pid, SIGTERM) == 0) Wait(*child);
    }
    RegistryProcess::TearDown();
  }

  static grpc::Status CreateUnit(v1::RegistryService::Stub& stub, const std::string& id,
                                 const std::string& request_id = "", v1::Unit* out = nullptr) {
    v1::CreateUnitRequest create;
    create.set_parent("regions/temanggung");
    create.set_unit_id(id);
    create.set_request_id(request_id);
    *create.mutable_unit() = rakor::testing::NewDinas("Dinas " + id);
    v1::Unit created;
    grpc::ClientContext ctx;
    ctx.AddMetadata("rakor-actor", "national");  // development mode: a national administrator
    const grpc::Status status = stub.CreateUnit(&ctx, create, out != nullptr ? out : &created);
    return status;
  }

  static grpc::Status GetUnit(v1::RegistryService::Stub& stub, const std::string& name,
                              v1::Unit* unit) {
    v1::GetUnitRequest get;
    get.set_name(name);
    grpc::ClientContext ctx;
    return stub.GetUnit(&ctx, get, unit);
  }

  // Polls `stub` until it has `name` (at most 5 s: the follow interval is 0.1 s).
  static bool Eventually(v1::RegistryService::Stub& stub, const std::string& name, v1::Unit* unit) {
    for (int i = 0; i < 500; ++i) {
      if (GetUnit(stub, name, unit).ok()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  std::unique_ptr<Child> a_, b_;
  std::unique_ptr<v1::RegistryService::Stub> stub_a_, stub_b_;
};

TEST_F(RegistryReplicas, AWriteOnOneIsReadAndWatchedOnTheOther) {
  RAKOR_POSTGRES_DATABASE_OR_SKIP(uri);
  StartBoth(uri);
  grpc::ClientContext watch_ctx;
  watch_ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  v1::WatchChangesRequest watch;
  watch.set_parent("regions/temanggung");
  auto stream = stub_b_->WatchChanges(&watch_ctx, watch);
  v1::WatchChangesResponse response;
  while (stream->Read(&response) && !response.caught_up()) {
  }
  ASSERT_TRUE(response.caught_up());

  v1::Unit created;
  ASSERT_THAT(CreateUnit(*stub_a_, "dinas-baru", "", &created), IsOk());
  v1::Unit seen;
  ASSERT_TRUE(Eventually(*stub_b_, created.name(), &seen));
  EXPECT_EQ(seen.etag(), created.etag());
  do {
    ASSERT_TRUE(stream->Read(&response));
  } while (response.changes_size() == 0);
  EXPECT_EQ(response.changes(0).unit().name(), created.name());

  // B writes on what A wrote, with A's etag: its write saw A's first.
  v1::UpdateUnitRequest update;
  update.mutable_unit()->set_name(created.name());
  update.mutable_unit()->set_etag(created.etag());
  update.mutable_unit()->set_contact_email("baru@temanggungkab.go.id");
  update.mutable_update_mask()->add_paths("contact_email");
  v1::Unit updated;
  grpc::ClientContext update_ctx;
  update_ctx.AddMetadata("rakor-actor", "national");  // development mode: a national administrator
  ASSERT_THAT(stub_b_->UpdateUnit(&update_ctx, update, &updated), IsOk());
  for (int i = 0; i < 500 && seen.contact_email() != updated.contact_email(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_THAT(GetUnit(*stub_a_, created.name(), &seen), IsOk());
  }
  EXPECT_EQ(seen.etag(), updated.etag());
  watch_ctx.TryCancel();
  stream->Finish();
}

TEST_F(RegistryReplicas, ConflictingWritesOnBothAtOnceKeepTheInvariants) {
  RAKOR_POSTGRES_DATABASE_OR_SKIP(uri);
  StartBoth(uri);
  for (int round = 0; round < 15; ++round) {
    // The same new unit on both: one creates it, the other finds it there.
    const std::string id = "dinas-" + std::to_string(round);
    grpc::Status on_a, on_b;
    std::thread ta([&] { on_a = CreateUnit(*stub_a_, id); });
    std::thread tb([&] { on_b = CreateUnit(*stub_b_, id); });
    ta.join();
    tb.join();
    EXPECT_EQ(on_a.ok() + on_b.ok(), 1) << on_a.error_message() << " / " << on_b.error_message();
    const grpc::Status& refused = on_a.ok() ? on_b : on_a;
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::ALREADY_EXISTS) << refused.error_message();

    // A retry of one create on both (AIP-155): both answer the one unit.
    const std::string request_id = "retry-" + std::to_string(round);
    v1::Unit from_a, from_b;
    std::thread ra([&] { on_a = CreateUnit(*stub_a_, id + "-r", request_id, &from_a); });
    std::thread rb([&] { on_b = CreateUnit(*stub_b_, id + "-r", request_id, &from_b); });
    ra.join();
    rb.join();
    EXPECT_THAT(on_a, IsOk());
    EXPECT_THAT(on_b, IsOk());
    EXPECT_EQ(from_a.name(), from_b.name());
    EXPECT_EQ(from_a.etag(), from_b.etag());
  }
}

TEST_F(RegistryReplicas, AReplicaKilledWithSigkillLosesNothingAcknowledged) {
  RAKOR_POSTGRES_DATABASE_OR_SKIP(uri);
  StartBoth(uri);
  std::mutex mu;
  std::vector<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      for (int n = 0; !stop; ++n) {
        v1::Unit created;
        const std::string id = "w" + std::to_string(w) + "-" + std::to_string(n);
        if (CreateUnit(*stub_a_, id, "", &created).ok()) {
          std::lock_guard<std::mutex> lock(mu);
          acknowledged.push_back(created.name());
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  kill(a_->pid, SIGKILL);
  EXPECT_TRUE(WIFSIGNALED(Wait(*a_)));
  a_->pid = -1;
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_GT(acknowledged.size(), 10u);
  for (const std::string& name : acknowledged) {
    v1::Unit unit;
    EXPECT_TRUE(Eventually(*stub_b_, name, &unit)) << name << " was acknowledged and is lost";
  }
}

}  // namespace
}  // namespace rakor::registry
