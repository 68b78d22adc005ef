// Tier 3: `rakor backup` of a running rakor-server's data directory while 16
// clients write to it, `rakor restore` into a fresh directory, and a new server on
// the restored data that has every write acknowledged before the backup began.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "rakor/reporting/v1/reporting_service.grpc.pb.h"
#include "tests/support/embedded_server.h"
#include "tests/support/reports.h"
#include "tests/support/status_matchers.h"

namespace rakor {
namespace {

namespace rv1 = ::rakor::reporting::v1;
using ::rakor::testing::EmbeddedServer;
using ::rakor::testing::IsOk;
using ::rakor::testing::RunShell;
using ::rakor::testing::StartEmbeddedServer;
using ::testing::HasSubstr;

constexpr char kDinkes[] = "regions/temanggung/units/dinas-kesehatan";

std::unique_ptr<grpc::ClientContext> AsHead() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  ctx->AddMetadata("rakor-actor", std::string(kDinkes) + "#head");
  return ctx;
}

std::unique_ptr<rv1::ReportingService::Stub> Reporting(const EmbeddedServer& server) {
  return rv1::ReportingService::NewStub(
      grpc::CreateChannel(server.Address(server.reporting), grpc::InsecureChannelCredentials()));
}

rakor::testing::ShellRun Rakor(const std::string& args) {
  return RunShell(absl::StrCat(RAKOR_CLI_BINARY, " ", args, " 2>&1"));
}

class BackupRestore : public ::testing::Test {
 protected:
  void TearDown() override { rakor::testing::RemoveTempDir(); }
};

TEST_F(BackupRestore, ABackupUnderWritesRestoresEveryWriteAcknowledgedBeforeIt) {
  const std::string data = rakor::testing::TempPath("data");
  const std::string backup = rakor::testing::TempPath("backup");
  const std::string restored = rakor::testing::TempPath("restored");
  EmbeddedServer server = StartEmbeddedServer(data, {"--insecure_development"});
  ASSERT_GT(server.dashboard, 0) << server.child->log;
  auto reporting = Reporting(server);

  std::mutex mu;
  std::vector<std::string> acknowledged;  // in the order of their acknowledgement
  std::atomic<bool> go{true};
  std::vector<std::thread> writers;
  for (int w = 0; w < 16; ++w) {
    writers.emplace_back([&, w] {
      for (int n = 0; go; ++n) {
        const auto request = rakor::testing::DinkesReport(absl::StrCat("laporan-", w, "-", n));
        rv1::Document d;
        if (reporting->SubmitDocument(AsHead().get(), request, &d).ok()) {
          std::lock_guard<std::mutex> lock(mu);
          acknowledged.push_back(d.name());
        }
      }
    });
  }
  const auto count = [&] {
    std::lock_guard<std::mutex> lock(mu);
    return acknowledged.size();
  };
  for (int i = 0; i < 3000 && count() < 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const size_t before_backup = count();
  ASSERT_GE(before_backup, 200u) << *server.child->rest;
  const auto made = Rakor("backup --data_dir=" + data + " --to=" + backup);
  const size_t after_backup = count();
  for (int i = 0; i < 3000 && count() < after_backup + 100; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  go = false;
  for (auto& t : writers) t.join();
  ASSERT_EQ(made.code, 0) << made.out;
  EXPECT_THAT(made.out, HasSubstr("reporting.db, scheduling.db, registry.db"));
  EXPECT_GE(count(), after_backup + 100) << "the writes did not go on after the backup";

  // Refusals that change nothing: a backup never overwrites, a restore never mixes.
  EXPECT_EQ(Rakor("backup --data_dir=" + data + " --to=" + backup).code, 9);
  const auto into_live = Rakor("restore --from=" + backup + " --data_dir=" + data);
  EXPECT_EQ(into_live.code, 9);
  EXPECT_THAT(into_live.out, HasSubstr("fresh directory"));
  ASSERT_TRUE(rakor::testing::Stop(*server.child)) << *server.child->rest;

  const auto restore = Rakor("restore --from=" + backup + " --data_dir=" + restored);
  ASSERT_EQ(restore.code, 0) << restore.out;
  EmbeddedServer again = StartEmbeddedServer(restored, {"--insecure_development"});
  ASSERT_GT(again.dashboard, 0) << again.child->log;
  auto restored_reporting = Reporting(again);
  size_t found = 0;
  for (size_t i = 0; i < before_backup; ++i) {
    rv1::GetDocumentRequest get;
    get.set_name(acknowledged[i]);
    rv1::Document d;
    if (restored_reporting->GetDocument(AsHead().get(), get, &d).ok()) ++found;
  }
  EXPECT_EQ(found, before_backup) << "acknowledged before the backup began but not restored";
  EXPECT_TRUE(rakor::testing::Stop(*again.child)) << *again.child->rest;
}

}  // namespace
}  // namespace rakor
