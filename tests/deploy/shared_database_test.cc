// Tier 3: the production overlay's database layout (k8s/overlays/production). The
// three binaries share one PostgreSQL database, each in its own schema chosen by
// `options=-csearch_path=...` in its URI, as DESIGN.md has it ("its own schema in
// PostgreSQL"), and work together: a report routed by the registry, a meeting of
// scheduling's seed, each table in its service's schema only.
#include <chrono>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "rakor/reporting/v1/reporting_service.grpc.pb.h"
#include "rakor/scheduling/v1/scheduling_service.grpc.pb.h"
#include "tests/support/child_process.h"
#include "tests/support/postgres_server.h"
#include "tests/support/registry_fixture.h"
#include "tests/support/reports.h"
#include "tests/support/status_matchers.h"

namespace rakor {
namespace {

namespace rv1 = ::rakor::reporting::v1;
namespace sv1 = ::rakor::scheduling::v1;
using ::rakor::testing::Child;
using ::rakor::testing::IsOk;
using ::rakor::testing::RunShell;
using ::rakor::testing::StartChild;

TEST(SharedDatabase, TheThreeServicesShareOneDatabaseEachInItsOwnSchema) {
  RAKOR_POSTGRES_DATABASE_OR_SKIP(uri);
  const auto psql = [&uri](const std::string& sql) {
    return RunShell(absl::StrCat("/usr/lib/postgresql/15/bin/psql -X -A -t -v ON_ERROR_STOP=1 '",
                                 uri, "' -c \"", sql, "\" 2>&1"));
  };
  // What the Cluster's bootstrap does (k8s/overlays/production/database.yaml).
  ASSERT_EQ(psql("CREATE SCHEMA registry; CREATE SCHEMA scheduling; CREATE SCHEMA reporting").code,
            0);
  const auto in = [&uri](const char* schema) {
    return "--database=" + uri + "&options=-csearch_path%3D" + schema;
  };
  const int registry_port = rakor::testing::FreePort();
  const int scheduling_port = rakor::testing::FreePort();
  const std::string registry_addr = "127.0.0.1:" + std::to_string(registry_port);
  const std::string scheduling_addr = "127.0.0.1:" + std::to_string(scheduling_port);
  auto registry = StartChild(
      RAKOR_REGISTRY_BINARY, "rakor-registry",
      {"--listen=" + registry_addr, in("registry"), "--seed_dir=" + rakor::testing::SeedDir(),
       "--rpc_log=false", "--insecure_development"});
  ASSERT_GT(registry->port, 0) << registry->log;
  auto scheduling = StartChild(
      RAKOR_SCHEDULING_BINARY, "rakor-scheduling",
      {"--listen=" + scheduling_addr, in("scheduling"), "--registry_addr=" + registry_addr,
       "--seed_dir=" + rakor::testing::SeedDir() + "/scheduling",
       "--feed_listen=", "--rpc_log=false", "--insecure_development"});
  ASSERT_GT(scheduling->port, 0) << scheduling->log;
  auto reporting = StartChild(
      RAKOR_REPORTING_BINARY, "rakor-reporting",
      {"--listen=127.0.0.1:0", in("reporting"), "--registry_addr=" + registry_addr,
       "--scheduling_addr=" + scheduling_addr, "--rpc_log=false", "--insecure_development"});
  ASSERT_GT(reporting->port, 0) << reporting->log;

  auto ctx = [](const std::string& actor) {
    auto c = std::make_unique<grpc::ClientContext>();
    c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    c->AddMetadata("rakor-actor", actor);
    return c;
  };
  auto scheduling_stub = sv1::SchedulingService::NewStub(
      grpc::CreateChannel(scheduling_addr, grpc::InsecureChannelCredentials()));
  int series = 0;
  for (int i = 0; i < 100 && series == 0; ++i) {
    sv1::ListSeriesRequest list;
    list.set_parent("regions/temanggung");
    sv1::ListSeriesResponse found;
    if (scheduling_stub->ListSeries(ctx("anonymous").get(), list, &found).ok()) {
      series = found.series_size();
    }
    if (series == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_GT(series, 0) << *scheduling->rest;

  auto reporting_stub = rv1::ReportingService::NewStub(grpc::CreateChannel(
      "127.0.0.1:" + std::to_string(reporting->port), grpc::InsecureChannelCredentials()));
  const auto report = rakor::testing::DinkesReport("laporan-1");
  rv1::Document submitted;
  EXPECT_THAT(reporting_stub->SubmitDocument(
                  ctx("regions/temanggung/units/dinas-kesehatan#head").get(), report, &submitted),
              IsOk());

  // Each service migrated its own schema and nothing else: no table in public, and
  // each schema has its own migrations record.
  const auto tables = psql(
      "SELECT table_schema || ':' || count(*) FROM information_schema.tables WHERE "
      "table_schema IN ('public','registry','scheduling','reporting') GROUP BY table_schema ORDER "
      "BY table_schema");
  ASSERT_EQ(tables.code, 0) << tables.out;
  EXPECT_THAT(tables.out, ::testing::Not(::testing::HasSubstr("public:")));
  for (const char* schema : {"registry", "scheduling", "reporting"}) {
    EXPECT_THAT(tables.out, ::testing::HasSubstr(std::string(schema) + ":")) << tables.out;
    EXPECT_EQ(psql(absl::StrCat("SELECT count(*) FROM ", schema, ".schema_migrations")).code, 0);
  }
  // Scheduling keeps its state in memory: a second process on its schema would
  // overwrite the first's writes, so it refuses to start.
  auto second =
      StartChild(RAKOR_SCHEDULING_BINARY, "rakor-scheduling",
                 {"--listen=127.0.0.1:0", in("scheduling"), "--registry_addr=" + registry_addr,
                  "--seed_dir=", "--feed_listen=", "--rpc_log=false", "--insecure_development"});
  EXPECT_EQ(second->port, 0);
  const int status = rakor::testing::Wait(*second);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << status;
  EXPECT_THAT(second->log, ::testing::HasSubstr("another scheduling process is running"));
  for (auto* child : {reporting.get(), scheduling.get(), registry.get()}) {
    EXPECT_TRUE(rakor::testing::Stop(*child)) << *child->rest;
  }
}

}  // namespace
}  // namespace rakor
