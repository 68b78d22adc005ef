// Tier 2: units through the real service on a loopback port, and the canonical
// error codes with their details at the wire.
#include <future>

#include "gmock/gmock.h"
#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "common/time.h"
#include "tests/support/registry_server.h"
#include "tests/support/status_matchers.h"

namespace rakor::registry {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::Jakarta;
using ::rakor::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class UnitService : public rakor::testing::RegistryServerTest {};

TEST_F(UnitService, GetUnitShowsItsCoordinatorAsOfAnyDate) {
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

TEST_F(UnitService, ListUnitsFiltersAndPages) {
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

TEST_F(UnitService, CreateUpdateAndDeleteAUnit) {
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

TEST_F(UnitService, ErrorsCarryTheFieldAndAMachineReadableReason) {
  v1::GetUnitRequest get;
  get.set_name("regions/temanggung/dinkes");
  v1::Unit unit;
  const grpc::Status malformed = stub_->GetUnit(Ctx().get(), get, &unit);
  const google::rpc::Status rich = rakor::testing::RichStatus(malformed);
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
  const google::rpc::Status stale_rich = rakor::testing::RichStatus(stale);
  for (const auto& detail : stale_rich.details()) {
    if (detail.Is<google::rpc::ErrorInfo>()) detail.UnpackTo(&stale_info);
  }
  EXPECT_EQ(stale_info.reason(), "STALE_ETAG");
  EXPECT_EQ(stale_info.metadata().at("resource"), "regions/temanggung/units/dinas-sosial");
}


TEST_F(UnitService, AnUnparseableRequestIsAnInvalidArgumentNotUnimplemented) {
  // GetUnitRequest{name: <bytes that are not UTF-8>}: proto3 refuses to parse it,
  // so no handler ever sees it.
  const std::string bytes = "\x0a\x04\xff\xfe\xfd\xfc";
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1), response;
  grpc::GenericStub generic(grpc::CreateChannel("127.0.0.1:" + std::to_string(port_),
                                                grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  std::promise<grpc::Status> done;
  generic.UnaryCall(&ctx, "/rakor.registry.v1.RegistryService/GetUnit", grpc::StubOptions(),
                    &request, &response, [&](grpc::Status s) { done.set_value(s); });
  const grpc::Status status = done.get_future().get();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr("not a valid GetUnit request"));
  const google::rpc::ErrorInfo info = rakor::testing::ErrorInfoOf(status);
  EXPECT_EQ(info.reason(), "UNPARSEABLE_REQUEST");
  EXPECT_EQ(info.domain(), "registry.rakor");
}

}  // namespace
}  // namespace rakor::registry
