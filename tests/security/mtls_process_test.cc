// Tier 3: the real binaries in production mode, with a certificate authority the
// test makes with openssl (tests/support/test_ca.sh): mutual TLS on every call and
// between the services, the caller from its certificate, a service passing on the
// caller it acts for, certificates rotated without a restart, and the two modes
// refused together.
#include <chrono>
#include <filesystem>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "rakor/registry/v1/registry_service.grpc.pb.h"
#include "rakor/scheduling/v1/scheduling_service.grpc.pb.h"
#include "services/common/transport.h"
#include "tests/support/child_process.h"
#include "tests/support/registry_fixture.h"
#include "tests/support/status_matchers.h"

namespace rakor {
namespace {

namespace gv1 = ::rakor::registry::v1;
namespace sv1 = ::rakor::scheduling::v1;
using ::rakor::testing::Child;
using ::rakor::testing::IsOk;
using ::rakor::testing::RunShell;
using ::rakor::testing::StartChild;
using ::rakor::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kRegionAdmin[] = "regions/soppeng/units/sekretariat-daerah#region-admin";
constexpr char kStaff[] = "regions/soppeng/units/dinas-kesehatan#staff";
constexpr char kInspektorat[] = "regions/soppeng/units/inspektorat";

class MutualTls : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = rakor::testing::TempPath("pki");
    std::filesystem::create_directories(dir_);
    Ca(dir_, "init");
    Issue("registry", "spiffe://rakor/role/service");
    Issue("scheduling", "spiffe://rakor/role/service");
    Issue("gateway", "spiffe://rakor/role/service");  // a service acting for others
    Issue("admin", "spiffe://rakor/regions/soppeng/units/sekretariat-daerah/role/region-admin");
    Issue("staff", "spiffe://rakor/regions/soppeng/units/dinas-kesehatan/role/staff");
    registry_ = StartChild(RAKOR_REGISTRY_BINARY, "rakor-registry",
                           {"--listen=127.0.0.1:0", "--rpc_log=false",
                            "--database=" + rakor::testing::TempPath("registry.db"),
                            "--seed_dir=" + rakor::testing::SeedDir(), "--tls_refresh_interval=1s",
                            "--health_listen=127.0.0.1:0", "--tls_cert=" + Pem("registry"),
                            "--tls_key=" + Key("registry"), "--tls_ca=" + Pem("ca")});
    ASSERT_GT(registry_->port, 0) << registry_->log;
  }
  void TearDown() override { rakor::testing::RemoveTempDir(); }

  static void Ca(const std::string& dir, const std::string& args) {
    const auto run = RunShell(absl::StrCat("bash ", RAKOR_SOURCE_DIR, "/tests/support/test_ca.sh ",
                                           dir, " ", args, " 2>&1"));
    ASSERT_EQ(run.code, 0) << run.out;
  }
  void Issue(const std::string& name, const std::string& spiffe_id) {
    Ca(dir_, "issue " + name + " " + spiffe_id);
  }
  std::string Pem(const std::string& name) const { return dir_ + "/" + name + ".pem"; }
  std::string Key(const std::string& name) const { return dir_ + "/" + name + ".key"; }

  // A client holding `name`'s certificate, on a connection of its own.
  std::shared_ptr<grpc::Channel> ChannelAs(const std::string& name, int port) {
    Transport transport{.cert_file = Pem(name), .key_file = Key(name), .ca_file = Pem("ca")};
    grpc::ChannelArguments args;
    args.SetInt("rakor-test-channel", next_channel_++);
    return grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(port),
                                     transport.ChannelCredentials(), args);
  }
  std::unique_ptr<gv1::RegistryService::Stub> RegistryAs(const std::string& name) {
    return gv1::RegistryService::NewStub(ChannelAs(name, registry_->port));
  }

  static std::unique_ptr<grpc::ClientContext> Ctx(const std::string& actor = "") {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    if (!actor.empty()) ctx->AddMetadata("rakor-actor", actor);
    return ctx;
  }

  static gv1::UpdateUnitRequest NewEmail(const std::string& email) {
    gv1::UpdateUnitRequest update;
    update.mutable_unit()->set_name(kInspektorat);
    update.mutable_unit()->set_contact_email(email);
    update.mutable_update_mask()->add_paths("contact_email");
    return update;
  }

  std::string dir_;
  std::unique_ptr<Child> registry_;
  int next_channel_ = 0;
};

TEST_F(MutualTls, TheCallerIsWhoItsCertificateSaysAndThePolicyDecides) {
  gv1::Unit unit;
  EXPECT_THAT(RegistryAs("admin")->UpdateUnit(Ctx().get(), NewEmail("a@soppengkab.go.id"), &unit),
              IsOk());
  EXPECT_EQ(unit.contact_email(), "a@soppengkab.go.id");

  // Staff read the public organisation but do not reorganise it.
  auto staff = RegistryAs("staff");
  gv1::GetUnitRequest get;
  get.set_name(kInspektorat);
  EXPECT_THAT(staff->GetUnit(Ctx().get(), get, &unit), IsOk());
  EXPECT_THAT(staff->UpdateUnit(Ctx().get(), NewEmail("b@soppengkab.go.id"), &unit),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr(kStaff)));
  // Nor can they claim to be someone else: only a service passes a caller on.
  EXPECT_THAT(staff->UpdateUnit(Ctx("national").get(), NewEmail("c@soppengkab.go.id"), &unit),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       HasSubstr("only a rakor service may act for another caller")));
  EXPECT_THAT(staff->GetUnit(Ctx().get(), get, &unit), IsOk());  // as stored
  EXPECT_EQ(unit.contact_email(), "a@soppengkab.go.id");
}

TEST_F(MutualTls, AServicePassesOnTheCallerItActsForAndIsJudgedAsThatCaller) {
  auto gateway = RegistryAs("gateway");
  gv1::Unit unit;
  EXPECT_THAT(gateway->UpdateUnit(Ctx(kRegionAdmin).get(), NewEmail("d@soppengkab.go.id"), &unit),
              IsOk());
  EXPECT_THAT(gateway->UpdateUnit(Ctx(kStaff).get(), NewEmail("e@soppengkab.go.id"), &unit),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr(kStaff)));
  // On its own account a service reads, but does not reorganise.
  EXPECT_THAT(gateway->UpdateUnit(Ctx().get(), NewEmail("f@soppengkab.go.id"), &unit),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("service may not")));
}

TEST_F(MutualTls, APlaintextClientOrACertificateFromAnotherAuthorityIsNotServed) {
  gv1::GetUnitRequest get;
  get.set_name(kInspektorat);
  gv1::Unit unit;
  auto plaintext = gv1::RegistryService::NewStub(grpc::CreateChannel(
      "127.0.0.1:" + std::to_string(registry_->port), grpc::InsecureChannelCredentials()));
  EXPECT_THAT(plaintext->GetUnit(Ctx().get(), get, &unit),
              StatusIs(absl::StatusCode::kUnavailable, ::testing::_));

  const std::string rogue = rakor::testing::TempPath("rogue");
  std::filesystem::create_directories(rogue);
  Ca(rogue, "init");
  Ca(rogue, "issue mallory spiffe://rakor/role/national");
  Transport transport{.cert_file = rogue + "/mallory.pem",
                      .key_file = rogue + "/mallory.key",
                      .ca_file = Pem("ca")};  // trusts the server, but is not trusted
  auto mallory = gv1::RegistryService::NewStub(grpc::CreateChannel(
      "127.0.0.1:" + std::to_string(registry_->port), transport.ChannelCredentials()));
  EXPECT_THAT(mallory->UpdateUnit(Ctx().get(), NewEmail("m@evil.example"), &unit),
              StatusIs(absl::StatusCode::kUnavailable, ::testing::_));
}

TEST_F(MutualTls, ProbesCheckHealthInPlaintextOnAPortOfTheirOwn) {
  int port = 0;
  for (absl::string_view line : absl::StrSplit(registry_->log, '\n')) {
    if (sscanf(std::string(line).c_str(), "rakor-registry: health checks in plaintext on port %d",
               &port) == 1) {
      break;
    }
  }
  ASSERT_GT(port, 0) << registry_->log;
  auto channel =
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials());
  grpc::health::v1::HealthCheckResponse health;
  EXPECT_THAT(grpc::health::v1::Health::NewStub(channel)->Check(
                  Ctx().get(), grpc::health::v1::HealthCheckRequest(), &health),
              IsOk());
  EXPECT_EQ(health.status(), grpc::health::v1::HealthCheckResponse::SERVING);
  // Only health: the registry itself is not there in plaintext.
  gv1::GetRegionRequest get;
  get.set_name("regions/soppeng");
  gv1::Region region;
  EXPECT_THAT(gv1::RegistryService::NewStub(channel)->GetRegion(Ctx().get(), get, &region),
              StatusIs(absl::StatusCode::kUnimplemented, ::testing::_));
}

TEST_F(MutualTls, SchedulingReachesTheRegistryOverMutualTls) {
  auto scheduling =
      StartChild(RAKOR_SCHEDULING_BINARY, "rakor-scheduling",
                 {"--listen=127.0.0.1:0", "--rpc_log=false",
                  "--feed_listen=", "--database=" + rakor::testing::TempPath("scheduling.db"),
                  "--registry_addr=127.0.0.1:" + std::to_string(registry_->port),
                  "--seed_dir=" + std::string(RAKOR_SOURCE_DIR) + "/data/scheduling",
                  "--tls_cert=" + Pem("scheduling"), "--tls_key=" + Key("scheduling"),
                  "--tls_ca=" + Pem("ca")});
  ASSERT_GT(scheduling->port, 0) << scheduling->log;
  EXPECT_THAT(scheduling->log, HasSubstr("production mode (mutual TLS"));
  // The seeded series need the registry's time zones: they appear once scheduling
  // has called it with its own certificate.
  auto stub = sv1::SchedulingService::NewStub(ChannelAs("staff", scheduling->port));
  sv1::ListSeriesResponse series;
  for (int i = 0; i < 100 && series.series().empty(); ++i) {
    sv1::ListSeriesRequest request;
    request.set_parent("regions/temanggung");
    ASSERT_THAT(stub->ListSeries(Ctx().get(), request, &series), IsOk());
    if (series.series().empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_FALSE(series.series().empty()) << *scheduling->rest;
}

TEST_F(MutualTls, ARotatedCertificateIsServedWithoutARestart) {
  auto server_name = [&] {
    grpc::ClientContext ctx;
    gv1::GetRegionRequest get;
    get.set_name("regions/soppeng");
    gv1::Region region;
    EXPECT_THAT(RegistryAs("staff")->GetRegion(&ctx, get, &region), IsOk());
    const auto names = ctx.auth_context()->FindPropertyValues("x509_common_name");
    return names.empty() ? std::string() : std::string(names[0].data(), names[0].size());
  };
  EXPECT_EQ(server_name(), "registry");
  Issue("registry", "spiffe://rakor/role/service");  // same name, a new key and certificate
  std::filesystem::copy_file(Pem("registry"), Pem("rotated"));
  // The files are re-read every second (--tls_refresh_interval): a new connection
  // then gets the new certificate, from the same process.
  const std::string rotated = RunShell("cat " + Pem("rotated")).out;
  bool served_rotated = false;
  for (int i = 0; i < 50 && !served_rotated; ++i) {
    grpc::ClientContext ctx;
    gv1::GetRegionRequest get;
    get.set_name("regions/soppeng");
    gv1::Region region;
    ASSERT_THAT(RegistryAs("staff")->GetRegion(&ctx, get, &region), IsOk());
    const auto pem = ctx.auth_context()->FindPropertyValues("x509_pem_cert");
    ASSERT_EQ(pem.size(), 1u);
    served_rotated = std::string(pem[0].data(), pem[0].size()) == rotated;
    if (!served_rotated) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(served_rotated);
  EXPECT_EQ(kill(registry_->pid, 0), 0);  // the process that started with the old one
}

TEST(TransportModes, ProductionAndDevelopmentAreRefusedTogetherAndOneIsRequired) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--insecure_development", "--tls_cert=x.pem"},
        std::vector<std::string>{},
        std::vector<std::string>{"--tls_cert=/nonexistent.pem", "--tls_key=k", "--tls_ca=c"}}) {
    std::vector<std::string> all = {"--listen=127.0.0.1:0", "--seed_dir=",
                                    "--database=" + rakor::testing::TempPath("modes.db")};
    all.insert(all.end(), args.begin(), args.end());
    auto child = StartChild(RAKOR_REGISTRY_BINARY, "rakor-registry", all);
    EXPECT_EQ(child->port, 0);
    EXPECT_EQ(WEXITSTATUS(rakor::testing::Wait(*child)), 2) << child->log;
    EXPECT_THAT(child->log, ::testing::AnyOf(HasSubstr("choose one mode"),
                                             HasSubstr("choose a mode"), HasSubstr("cannot read")))
        << child->log;
  }
  auto dev = StartChild(RAKOR_REGISTRY_BINARY, "rakor-registry",
                        {"--listen=127.0.0.1:0", "--seed_dir=", "--insecure_development",
                         "--database=" + rakor::testing::TempPath("dev.db")});
  EXPECT_GT(dev->port, 0);
  EXPECT_THAT(dev->log, HasSubstr("DEVELOPMENT MODE (INSECURE"));
  rakor::testing::RemoveTempDir();
}

}  // namespace
}  // namespace rakor
