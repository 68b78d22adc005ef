// Tier 3: the real rakor-registry binary as its own process, on a real file.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "rakor/registry/v1/registry_service.grpc.pb.h"
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

// A child process whose stderr we read until it says which port it serves on, then
// keep reading (so it never blocks on a full pipe) until it exits.
struct Child {
  pid_t pid = -1;
  int port = 0;
  std::string log;     // stderr up to the "serving" line
  std::thread reader;  // appends the rest to *rest
  std::shared_ptr<std::string> rest = std::make_shared<std::string>();
};

std::unique_ptr<Child> Start(const std::string& database, const std::string& seed_dir,
                             const std::string& rpc_log = "--rpc_log=false") {
  auto child = std::make_unique<Child>();
  int fds[2];
  if (pipe(fds) != 0) return child;
  child->pid = fork();
  if (child->pid == 0) {
    dup2(fds[1], STDERR_FILENO);
    close(fds[0]);
    execl(RAKOR_REGISTRY_BINARY, RAKOR_REGISTRY_BINARY, "--listen=127.0.0.1:0",
          ("--database=" + database).c_str(), ("--seed_dir=" + seed_dir).c_str(),
          rpc_log.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  FILE* err = fdopen(fds[0], "r");
  char line[4096];
  while (fgets(line, sizeof line, err) != nullptr) {
    child->log += line;
    if (sscanf(line, "rakor-registry: serving on port %d", &child->port) == 1) break;
  }
  child->reader = std::thread([err, rest = child->rest] {
    char more[4096];
    while (fgets(more, sizeof more, err) != nullptr) *rest += more;
    fclose(err);
  });
  return child;
}

// Waits for the child to exit; returns its wait status.
int Wait(Child& child) {
  int status = 0;
  waitpid(child.pid, &status, 0);
  if (child.reader.joinable()) child.reader.join();
  return status;
}

class RegistryProcess : public ::testing::Test {
 protected:
  void TearDown() override { rakor::testing::RemoveTempDir(); }
};

std::unique_ptr<v1::RegistryService::Stub> Connect(int port) {
  return v1::RegistryService::NewStub(grpc::CreateChannel(
      "127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
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
  auto child = Start(rakor::testing::TempPath("registry.db"), rakor::testing::SeedDir(),
                     "--rpc_log=true");
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
  EXPECT_THAT(*child->rest, ::testing::HasSubstr(R"(Z","method":"GetUnit","code":"NOT_FOUND","latency_us":)"));
  EXPECT_THAT(*child->rest, ::testing::HasSubstr(
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
  std::ofstream(seed_dir + "/broken.textproto") << "region {\n  name: \"regions/x\"\n  display_name: 7 7\n}\n";
  auto child = Start(rakor::testing::TempPath("registry.db"), seed_dir);
  const int status = Wait(*child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_EQ(child->port, 0);
  EXPECT_THAT(child->log, ::testing::HasSubstr("broken.textproto:3:"));
}

}  // namespace
}  // namespace rakor::registry
