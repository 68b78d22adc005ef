// Tier 2: the real service on a loopback port, called through a real stub:
// every RPC, and the canonical error codes at the wire.
#include <chrono>
#include <ctime>
#include <thread>

#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "rakor/registry/v1/registry_service.grpc.pb.h"
#include "common/time.h"
#include "services/common/server.h"
#include "services/registry/service.h"
#include "tests/support/registry_fixture.h"
#include "tests/support/status_matchers.h"

namespace rakor::registry {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::Jakarta;
using ::rakor::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using v1::RegistryService;

class RegistryService_ : public rakor::testing::RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    service_ = std::make_unique<RegistryServiceImpl>(registry_.get(), true);
    auto running = StartServer("127.0.0.1:0", {service_.get()});
    ASSERT_THAT(running, IsOk());
    server_ = std::move(running->server);
    stub_ = RegistryService::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(running->port), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    server_->Shutdown();
    server_.reset();
    service_.reset();  // before the registry whose changes it follows
    RegistryTest::TearDown();
  }

  // A fresh context per call, identifying the caller in development mode.
  std::unique_ptr<grpc::ClientContext> Ctx() {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("rakor-actor", "regions/temanggung/units/sekretariat-daerah#sekda");
    return ctx;
  }

  std::unique_ptr<RegistryServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<RegistryService::Stub> stub_;
};

TEST_F(RegistryService_, GetRegionAndListRegions) {
  v1::GetRegionRequest get;
  get.set_name("regions/soppeng");
  v1::Region region;
  ASSERT_THAT(stub_->GetRegion(Ctx().get(), get, &region), IsOk());
  EXPECT_EQ(region.display_name(), "Kabupaten Soppeng");

  v1::ListRegionsRequest list;
  list.set_page_size(2);
  v1::ListRegionsResponse page1, page2;
  ASSERT_THAT(stub_->ListRegions(Ctx().get(), list, &page1), IsOk());
  ASSERT_EQ(page1.regions_size(), 2);
  ASSERT_FALSE(page1.next_page_token().empty());
  list.set_page_token(page1.next_page_token());
  ASSERT_THAT(stub_->ListRegions(Ctx().get(), list, &page2), IsOk());
  EXPECT_THAT(page2.regions_size(), 1);
  EXPECT_TRUE(page2.next_page_token().empty());
  EXPECT_EQ(page1.regions(0).name(), "regions/banjar");
  EXPECT_EQ(page2.regions(0).name(), "regions/temanggung");

  get.set_name("regions/Soppeng");
  EXPECT_THAT(stub_->GetRegion(Ctx().get(), get, &region),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("name")));
  get.set_name("regions/atlantis");
  EXPECT_THAT(stub_->GetRegion(Ctx().get(), get, &region),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("regions/atlantis")));
}

TEST_F(RegistryService_, CreateRegionIsIdempotentAndUpdateRegionHonoursEtags) {
  v1::CreateRegionRequest create;
  create.set_region_id("wonosobo");
  create.set_request_id("8d0c3b7e-create-wonosobo");
  v1::Region* r = create.mutable_region();
  r->set_display_name("Kabupaten Wonosobo");
  r->set_kind(v1::KABUPATEN);
  r->set_head_title("Bupati");
  r->set_province("Jawa Tengah");
  r->set_time_zone("Asia/Jakarta");
  r->set_regulation("Peraturan Bupati Wonosobo");
  *r->mutable_regulation_effective_time() = ToProto(Jakarta(2025, 1, 1));
  r->set_cross_asisten_lead(v1::LEAD_SEKRETARIS_DAERAH);
  r->set_cross_asisten_lead_citation("Wonosobo Pasal 20 ayat (2)");
  r->mutable_reporting_rules()->set_general_policy_citation("Wonosobo Pasal 21 ayat (1)");
  r->mutable_reporting_rules()->set_technical_operational_citation("Wonosobo Pasal 24");
  r->mutable_reporting_rules()->set_through_asisten_citation("Wonosobo Pasal 25 ayat (2)");
  r->mutable_reporting_rules()->set_sekda_reports_citation("Wonosobo Pasal 25 ayat (1)");
  r->mutable_reporting_rules()->set_through_sekda_citation("Wonosobo Pasal 20 ayat (6)");
  r->mutable_reporting_rules()->set_asisten_assists_sekda_citation("Wonosobo Pasal 20 ayat (3)");
  v1::Region first, retry;
  ASSERT_THAT(stub_->CreateRegion(Ctx().get(), create, &first), IsOk());
  ASSERT_THAT(stub_->CreateRegion(Ctx().get(), create, &retry), IsOk());
  EXPECT_EQ(first.SerializeAsString(), retry.SerializeAsString());
  v1::CreateRegionRequest different = create;
  different.mutable_region()->set_province("Jawa Timur");
  EXPECT_THAT(stub_->CreateRegion(Ctx().get(), different, &retry),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  create.clear_request_id();
  EXPECT_THAT(stub_->CreateRegion(Ctx().get(), create, &retry),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("regions/wonosobo")));
  create.set_region_id("magelang");
  create.mutable_region()->set_time_zone("Asia/Nowhere");
  EXPECT_THAT(stub_->CreateRegion(Ctx().get(), create, &retry),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("region.time_zone")));

  v1::UpdateRegionRequest update;
  update.mutable_region()->set_name("regions/wonosobo");
  update.mutable_region()->set_etag(first.etag());
  update.mutable_region()->set_province("Jawa Tengah (Dieng)");
  update.mutable_update_mask()->add_paths("province");
  v1::Region updated;
  ASSERT_THAT(stub_->UpdateRegion(Ctx().get(), update, &updated), IsOk());
  EXPECT_EQ(updated.province(), "Jawa Tengah (Dieng)");
  EXPECT_EQ(updated.display_name(), "Kabupaten Wonosobo");
  EXPECT_THAT(stub_->UpdateRegion(Ctx().get(), update, &updated),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("etag")));
}

TEST_F(RegistryService_, GetUnitShowsItsCoordinatorAsOfAnyDate) {
  v1::GetUnitRequest get;
  get.set_name("regions/temanggung/units/kecamatan-kedu");
  v1::Unit unit;
  ASSERT_THAT(stub_->GetUnit(Ctx().get(), get, &unit), IsOk());
  EXPECT_EQ(unit.kind(), v1::KECAMATAN);
  EXPECT_EQ(unit.head_title(), "Camat");
  EXPECT_EQ(unit.coordinator(), "regions/temanggung/units/asisten-pemerintahan-kesra");
  *get.mutable_as_of() = ToProto(Jakarta(2021, 9, 1));  // before Perbup 76/2021
  EXPECT_THAT(stub_->GetUnit(Ctx().get(), get, &unit),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("did not exist")));
  get.mutable_as_of()->set_seconds(400000000000);  // past the year 9999
  EXPECT_THAT(stub_->GetUnit(Ctx().get(), get, &unit),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("as_of")));
  get.set_name("regions/temanggung/kecamatan-kedu");
  EXPECT_THAT(stub_->GetUnit(Ctx().get(), get, &unit),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("regions/{region}/units/{id}")));
}

TEST_F(RegistryService_, ListUnitsFiltersAndPages) {
  v1::ListUnitsRequest list;
  list.set_parent("regions/banjar");
  list.set_filter(R"(kind = KECAMATAN AND coordinator = "regions/banjar/units/asisten-pemerintahan-kesra")");
  list.set_page_size(3);
  std::vector<std::string> names;
  std::string token;
  do {
    list.set_page_token(token);
    v1::ListUnitsResponse page;
    ASSERT_THAT(stub_->ListUnits(Ctx().get(), list, &page), IsOk());
    for (const auto& u : page.units()) names.push_back(u.name());
    token = page.next_page_token();
  } while (!token.empty());
  EXPECT_THAT(names, ElementsAre("regions/banjar/units/kecamatan-banjar",
                                 "regions/banjar/units/kecamatan-langensari",
                                 "regions/banjar/units/kecamatan-pataruman",
                                 "regions/banjar/units/kecamatan-purwaharja"));

  v1::ListUnitsResponse page;
  list.set_filter("kind = KABUPATEN");
  EXPECT_THAT(stub_->ListUnits(Ctx().get(), list, &page),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("UnitKind")));
  list.set_filter("coordinator = asisten");
  EXPECT_THAT(stub_->ListUnits(Ctx().get(), list, &page),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("filter.coordinator")));
  list.set_filter("kind = DINAS");
  list.set_page_token("bm90IGEgdG9rZW4");
  EXPECT_THAT(stub_->ListUnits(Ctx().get(), list, &page),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
}

TEST_F(RegistryService_, CreateUpdateAndDeleteAUnit) {
  v1::CreateUnitRequest create;
  create.set_parent("regions/banjar");
  create.set_unit_id("kelurahan-hegarsari");
  create.set_request_id("c1f9-kelurahan");
  v1::Unit* u = create.mutable_unit();
  u->set_display_name("Kelurahan Hegarsari");
  u->set_kind(v1::KELURAHAN);
  u->set_head_title("Lurah");
  u->set_parent("regions/banjar/units/kecamatan-pataruman");
  u->add_citations("Banjar Pasal 23 ayat (2) huruf b angka 15");
  v1::Unit created, again;
  ASSERT_THAT(stub_->CreateUnit(Ctx().get(), create, &created), IsOk());
  ASSERT_THAT(stub_->CreateUnit(Ctx().get(), create, &again), IsOk());
  EXPECT_EQ(again.name(), created.name());

  // Every kelurahan of Banjar, one created today included, is coordinated by the
  // Asisten Pemkesra (Banjar Pasal 23 ayat (2) huruf b angka 15): it reports through
  // that Asisten, not through its kecamatan.
  v1::GetReportingChainRequest chain_request;
  chain_request.set_unit(created.name());
  chain_request.set_matter(v1::TECHNICAL_OPERATIONAL);
  v1::ReportingChain chain;
  ASSERT_THAT(stub_->GetReportingChain(Ctx().get(), chain_request, &chain), IsOk());
  ASSERT_EQ(chain.steps_size(), 4);
  EXPECT_EQ(chain.steps(1).unit(), "regions/banjar/units/asisten-pemerintahan-kesra");
  EXPECT_EQ(chain.steps(1).role(), v1::ReportingStep::ASISTEN);
  EXPECT_EQ(chain.steps(1).citations(0), "Banjar Pasal 23 ayat (2) huruf b angka 15");
  v1::GetCoordinatorRequest coordinator_request;
  coordinator_request.set_unit(created.name());
  v1::Coordination coordinator;
  ASSERT_THAT(stub_->GetCoordinator(Ctx().get(), coordinator_request, &coordinator), IsOk());
  EXPECT_EQ(coordinator.unit_kind(), v1::KELURAHAN);

  v1::UpdateUnitRequest update;
  update.mutable_unit()->set_name(created.name());
  update.mutable_unit()->set_etag(created.etag());
  update.mutable_unit()->set_contact_email("hegarsari@banjarkota.example");
  v1::Unit updated;
  ASSERT_THAT(stub_->UpdateUnit(Ctx().get(), update, &updated), IsOk());
  EXPECT_EQ(updated.contact_email(), "hegarsari@banjarkota.example");

  // The kecamatan cannot go while its kelurahan remains.
  v1::DeleteUnitRequest del;
  del.set_name("regions/banjar/units/kecamatan-pataruman");
  v1::Unit deleted;
  EXPECT_THAT(stub_->DeleteUnit(Ctx().get(), del, &deleted),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr(created.name())));
  clock_.Advance(absl::Hours(24));  // dissolved a day after it was recorded
  del.set_name(created.name());
  del.set_etag(created.etag());
  EXPECT_THAT(stub_->DeleteUnit(Ctx().get(), del, &deleted),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("etag")));
  del.set_etag(updated.etag());
  ASSERT_THAT(stub_->DeleteUnit(Ctx().get(), del, &deleted), IsOk());
  EXPECT_TRUE(deleted.has_valid_until());
  v1::GetUnitRequest get;
  get.set_name(created.name());
  EXPECT_THAT(stub_->GetUnit(Ctx().get(), get, &deleted),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("did not exist")));
}

TEST_F(RegistryService_, CoordinationQueries) {
  v1::GetCoordinatorRequest who;
  who.set_unit("regions/soppeng/units/sekretariat-dprd");
  v1::Coordination coordination;
  ASSERT_THAT(stub_->GetCoordinator(Ctx().get(), who, &coordination), IsOk());
  EXPECT_EQ(coordination.asisten(), "regions/soppeng/units/asisten-pemerintahan-kesra");
  EXPECT_EQ(coordination.citation(), "Soppeng Pasal 22 ayat (2) huruf a");
  who.set_unit("regions/soppeng/units/staf-ahli-kemasyarakatan-sdm");
  EXPECT_THAT(stub_->GetCoordinator(Ctx().get(), who, &coordination),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("no Asisten")));

  v1::ListCoordinatedUnitsRequest coordinated;
  coordinated.set_asisten("regions/temanggung/units/asisten-administrasi-umum");
  v1::ListCoordinatedUnitsResponse units;
  ASSERT_THAT(stub_->ListCoordinatedUnits(Ctx().get(), coordinated, &units), IsOk());
  EXPECT_EQ(units.units_size(), 5);
  for (const auto& u : units.units()) {
    EXPECT_THAT(u.citation(), HasSubstr("Temanggung Pasal 26 ayat (2) huruf c"));
  }
  coordinated.set_asisten("regions/temanggung/units/dinas-kesehatan");
  EXPECT_THAT(stub_->ListCoordinatedUnits(Ctx().get(), coordinated, &units),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not an Asisten")));

  v1::CreateCoordinationRequest create;
  create.set_parent("regions/temanggung");
  create.mutable_coordination()->set_asisten("regions/temanggung/units/asisten-administrasi-umum");
  create.mutable_coordination()->set_unit("regions/temanggung/units/dinas-komunikasi-dan-informatika");
  create.mutable_coordination()->set_citation("Temanggung Pasal 26 ayat (2) huruf c");
  v1::Coordination created;
  ASSERT_THAT(stub_->CreateCoordination(Ctx().get(), create, &created), IsOk());
  v1::ListCoordinationsRequest history;
  history.set_parent("regions/temanggung");
  history.set_filter(R"(unit = "regions/temanggung/units/dinas-komunikasi-dan-informatika")");
  v1::ListCoordinationsResponse listed;
  ASSERT_THAT(stub_->ListCoordinations(Ctx().get(), history, &listed), IsOk());
  ASSERT_EQ(listed.coordinations_size(), 2);
  EXPECT_TRUE(listed.coordinations(0).has_valid_until());
  EXPECT_FALSE(listed.coordinations(1).has_valid_until());
  *history.mutable_as_of() = ToProto(Jakarta(2022, 3, 1));
  ASSERT_THAT(stub_->ListCoordinations(Ctx().get(), history, &listed), IsOk());
  ASSERT_EQ(listed.coordinations_size(), 1);
  EXPECT_EQ(listed.coordinations(0).citation(), "Temanggung Pasal 26 ayat (2) huruf a angka 8");

  v1::GetLeadCoordinatorRequest lead_request;
  lead_request.add_units("regions/soppeng/units/dinas-kesehatan");
  lead_request.add_units("regions/soppeng/units/dinas-perhubungan");
  v1::LeadCoordinator lead;
  ASSERT_THAT(stub_->GetLeadCoordinator(Ctx().get(), lead_request, &lead), IsOk());
  EXPECT_EQ(lead.citation(), "Soppeng Pasal 22 ayat (4)");
  lead_request.clear_units();
  EXPECT_THAT(stub_->GetLeadCoordinator(Ctx().get(), lead_request, &lead),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("units")));
}

TEST_F(RegistryService_, RelationshipRulesAndWorkingRelationship) {
  v1::ListRelationshipRulesRequest list;
  list.set_parent("regions/soppeng");
  v1::ListRelationshipRulesResponse rules;
  ASSERT_THAT(stub_->ListRelationshipRules(Ctx().get(), list, &rules), IsOk());
  EXPECT_EQ(rules.relationship_rules_size(), 7);  // Soppeng Pasal 13 ayat (3)-(9)

  v1::GetWorkingRelationshipRequest between;
  between.set_unit_a("regions/soppeng/units/kecamatan-citta");
  between.set_unit_b("regions/soppeng/units/dinas-perhubungan");
  v1::WorkingRelationship relationship;
  ASSERT_THAT(stub_->GetWorkingRelationship(Ctx().get(), between, &relationship), IsOk());
  EXPECT_EQ(relationship.citation(), "Soppeng Pasal 13 ayat (8)");
  between.set_unit_b("not-a-name");
  EXPECT_THAT(stub_->GetWorkingRelationship(Ctx().get(), between, &relationship),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_b")));
}

TEST_F(RegistryService_, WatchReplaysCatchesUpAndFollowsNewCommits) {
  grpc::ClientContext ctx;
  v1::WatchChangesRequest request;
  request.set_parent("regions/banjar");
  auto stream = stub_->WatchChanges(&ctx, request);
  v1::WatchChangesResponse response;
  int replayed = 0;
  int64_t last = 0;
  while (stream->Read(&response) && !response.caught_up()) {
    for (const auto& change : response.changes()) {
      EXPECT_GT(change.sequence(), last);
      EXPECT_EQ(change.resource().rfind("regions/banjar", 0), 0u);
      last = change.sequence();
      ++replayed;
    }
  }
  ASSERT_TRUE(response.caught_up());
  EXPECT_GT(replayed, 40);  // the seeded region, its units, coordinations and rules

  // A commit in another region is not delivered, and an idle watch waits without
  // spinning: half a second of waiting costs (far) less than a tenth of CPU time.
  v1::UpdateUnitRequest elsewhere;
  elsewhere.mutable_unit()->set_name("regions/temanggung/units/dinas-kesehatan");
  elsewhere.mutable_unit()->set_contact_email("dinkes@temanggungkab.example");
  elsewhere.mutable_update_mask()->add_paths("contact_email");
  v1::Unit updated;
  ASSERT_THAT(stub_->UpdateUnit(Ctx().get(), elsewhere, &updated), IsOk());
  const std::clock_t cpu_before = std::clock();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_LT(std::clock() - cpu_before, CLOCKS_PER_SEC / 10);

  v1::UpdateUnitRequest update;
  update.mutable_unit()->set_name("regions/banjar/units/dinas-kesehatan");
  update.mutable_unit()->set_contact_email("dinkes@banjarkota.example");
  update.mutable_update_mask()->add_paths("contact_email");
  ASSERT_THAT(stub_->UpdateUnit(Ctx().get(), update, &updated), IsOk());

  ASSERT_TRUE(stream->Read(&response));
  ASSERT_EQ(response.changes_size(), 1);
  EXPECT_EQ(response.changes(0).type(), v1::Change::UPDATED);
  EXPECT_EQ(response.changes(0).unit().contact_email(), "dinkes@banjarkota.example");
  EXPECT_EQ(response.changes(0).actor(), "regions/temanggung/units/sekretariat-daerah#sekda");
  ctx.TryCancel();
  EXPECT_THAT(stream->Finish(), StatusIs(absl::StatusCode::kCancelled, ::testing::_));
}

// The google.rpc.Status details of a failed call.
google::rpc::Status RichStatus(const grpc::Status& status) {
  google::rpc::Status rich;
  rich.ParseFromString(status.error_details());
  return rich;
}

TEST_F(RegistryService_, ErrorsCarryTheFieldAndAMachineReadableReason) {
  v1::GetUnitRequest get;
  get.set_name("regions/temanggung/dinkes");
  v1::Unit unit;
  const grpc::Status malformed = stub_->GetUnit(Ctx().get(), get, &unit);
  const google::rpc::Status rich = RichStatus(malformed);
  ASSERT_EQ(rich.code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  google::rpc::BadRequest bad_request;
  google::rpc::ErrorInfo info;
  for (const auto& detail : rich.details()) {
    if (detail.Is<google::rpc::BadRequest>()) detail.UnpackTo(&bad_request);
    if (detail.Is<google::rpc::ErrorInfo>()) detail.UnpackTo(&info);
  }
  ASSERT_EQ(bad_request.field_violations_size(), 1);
  EXPECT_EQ(bad_request.field_violations(0).field(), "name");
  EXPECT_EQ(info.reason(), "MALFORMED_NAME");
  EXPECT_EQ(info.domain(), "registry.rakor");

  v1::UpdateUnitRequest update;
  update.mutable_unit()->set_name("regions/temanggung/units/dinas-sosial");
  update.mutable_unit()->set_etag("0");
  update.mutable_unit()->set_head_title("Kepala");
  const grpc::Status stale = stub_->UpdateUnit(Ctx().get(), update, &unit);
  ASSERT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  google::rpc::ErrorInfo stale_info;
  const google::rpc::Status stale_rich = RichStatus(stale);
  for (const auto& detail : stale_rich.details()) {
    if (detail.Is<google::rpc::ErrorInfo>()) detail.UnpackTo(&stale_info);
  }
  EXPECT_EQ(stale_info.reason(), "STALE_ETAG");
  EXPECT_EQ(stale_info.metadata().at("resource"), "regions/temanggung/units/dinas-sosial");
}

TEST_F(RegistryService_, WatchRefusesUnknownRegions) {
  grpc::ClientContext ctx;
  v1::WatchChangesRequest request;
  request.set_parent("regions/atlantis");
  auto stream = stub_->WatchChanges(&ctx, request);
  v1::WatchChangesResponse response;
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_THAT(stream->Finish(), StatusIs(absl::StatusCode::kNotFound, HasSubstr("atlantis")));
}

}  // namespace
}  // namespace rakor::registry
