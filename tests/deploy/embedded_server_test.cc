// Tier 3: rakor-server, the embedded default, as a process. One data directory, the
// three services on their own ports and the dashboard, the services calling each
// other in-process through their gRPC APIs, in development and in production mode.
#include "tests/support/embedded_server.h"

#include <chrono>
#include <filesystem>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "rakor/registry/v1/registry_service.grpc.pb.h"
#include "rakor/reporting/v1/reporting_service.grpc.pb.h"
#include "rakor/scheduling/v1/scheduling_service.grpc.pb.h"
#include "services/common/transport.h"
#include "tests/support/reports.h"
#include "tests/support/status_matchers.h"

namespace rakor {
namespace {

namespace gv1 = ::rakor::registry::v1;
namespace rv1 = ::rakor::reporting::v1;
namespace sv1 = ::rakor::scheduling::v1;
using ::rakor::testing::EmbeddedServer;
using ::rakor::testing::IsOk;
using ::rakor::testing::RunShell;
using ::rakor::testing::StartEmbeddedServer;
using ::testing::HasSubstr;

constexpr char kDinkes[] = "regions/temanggung/units/dinas-kesehatan";

class EmbeddedServerProcess : public ::testing::Test {
 protected:
  void TearDown() override { rakor::testing::RemoveTempDir(); }

  static std::unique_ptr<grpc::ClientContext> Ctx(const std::string& actor = "") {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    if (!actor.empty()) ctx->AddMetadata("rakor-actor", actor);
    return ctx;
  }

  // The series scheduling seeded, once it has: it asks the registry for each
  // region's zone and chairs, so they come only if scheduling reaches it.
  static int SeededSeries(sv1::SchedulingService::Stub& scheduling, const std::string& actor) {
    for (int i = 0; i < 100; ++i) {
      sv1::ListSeriesRequest list;
      list.set_parent("regions/temanggung");
      sv1::ListSeriesResponse series;
      if (scheduling.ListSeries(Ctx(actor).get(), list, &series).ok() && series.series_size() > 0) {
        return series.series_size();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return 0;
  }

  static std::string NationalPage(int port) {
    httplib::Client client("127.0.0.1", port);
    auto page = client.Get("/");
    return page && page->status == 200 ? page->body : "";
  }
};

TEST_F(EmbeddedServerProcess, ServesTheThreeServicesAndTheDashboardFromOneDataDirectory) {
  const std::string data = rakor::testing::TempPath("data");
  EmbeddedServer server = StartEmbeddedServer(data, {"--insecure_development"});
  ASSERT_GT(server.dashboard, 0) << server.child->log;
  EXPECT_THAT(server.child->log, HasSubstr("DEVELOPMENT MODE"));

  auto registry = gv1::RegistryService::NewStub(
      grpc::CreateChannel(server.Address(server.registry), grpc::InsecureChannelCredentials()));
  gv1::GetRegionRequest get;
  get.set_name("regions/temanggung");
  gv1::Region region;
  EXPECT_THAT(registry->GetRegion(Ctx().get(), get, &region), IsOk());
  EXPECT_EQ(region.time_zone(), "Asia/Jakarta");

  auto scheduling = sv1::SchedulingService::NewStub(
      grpc::CreateChannel(server.Address(server.scheduling), grpc::InsecureChannelCredentials()));
  EXPECT_GT(SeededSeries(*scheduling, ""), 0) << *server.child->rest;

  auto reporting = rv1::ReportingService::NewStub(
      grpc::CreateChannel(server.Address(server.reporting), grpc::InsecureChannelCredentials()));
  rv1::Document report;
  ASSERT_THAT(reporting->SubmitDocument(Ctx(std::string(kDinkes) + "#head").get(),
                                        rakor::testing::DinkesReport("laporan-1"), &report),
              IsOk());
  ASSERT_GT(report.route_size(), 1);  // up through the Asisten, as the registry says
  EXPECT_EQ(report.route(0).role(), "asisten");

  EXPECT_THAT(NationalPage(server.dashboard), HasSubstr("Temanggung"));
  for (const char* file : {"registry.db", "scheduling.db", "reporting.db"}) {
    EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(data) / file)) << file;
  }
  ASSERT_TRUE(rakor::testing::Stop(*server.child)) << *server.child->rest;
  EXPECT_THAT(*server.child->rest, HasSubstr("draining"));
}

TEST_F(EmbeddedServerProcess, InProductionItsServicesTrustOnlyEachOtherInProcess) {
  const std::string pki = rakor::testing::TempPath("pki");
  std::filesystem::create_directories(pki);
  const auto ca = [&pki](const std::string& args) {
    const auto run = RunShell(absl::StrCat("bash ", RAKOR_SOURCE_DIR, "/tests/support/test_ca.sh ",
                                           pki, " ", args, " 2>&1"));
    ASSERT_EQ(run.code, 0) << run.out;
  };
  ca("init");
  ca("issue server spiffe://rakor/role/service");
  ca("issue head spiffe://rakor/regions/temanggung/units/dinas-kesehatan/role/head");
  EmbeddedServer server =
      StartEmbeddedServer(rakor::testing::TempPath("data"),
                          {"--tls_cert=" + pki + "/server.pem", "--tls_key=" + pki + "/server.key",
                           "--tls_ca=" + pki + "/ca.pem"});
  ASSERT_GT(server.dashboard, 0) << server.child->log;
  EXPECT_THAT(server.child->log, HasSubstr("mutual TLS"));

  Transport head{
      .cert_file = pki + "/head.pem", .key_file = pki + "/head.key", .ca_file = pki + "/ca.pem"};
  // Scheduling reached the registry in-process without a certificate: it seeded.
  auto scheduling = sv1::SchedulingService::NewStub(
      grpc::CreateChannel(server.Address(server.scheduling), head.ChannelCredentials()));
  EXPECT_GT(SeededSeries(*scheduling, ""), 0) << *server.child->rest;
  // Reporting asked the registry for the route, for the head its certificate names.
  auto reporting = rv1::ReportingService::NewStub(
      grpc::CreateChannel(server.Address(server.reporting), head.ChannelCredentials()));
  rv1::Document report;
  EXPECT_THAT(
      reporting->SubmitDocument(Ctx().get(), rakor::testing::DinkesReport("laporan-1"), &report),
      IsOk());
  // From outside the process, no certificate is no entry, however it claims to be.
  auto plaintext = gv1::RegistryService::NewStub(
      grpc::CreateChannel(server.Address(server.registry), grpc::InsecureChannelCredentials()));
  gv1::GetRegionRequest get;
  get.set_name("regions/temanggung");
  gv1::Region region;
  EXPECT_FALSE(plaintext->GetRegion(Ctx("service").get(), get, &region).ok());
  // The dashboard reads as the public, in-process.
  EXPECT_THAT(NationalPage(server.dashboard), HasSubstr("Temanggung"));
  EXPECT_TRUE(rakor::testing::Stop(*server.child)) << *server.child->rest;
}

}  // namespace
}  // namespace rakor
