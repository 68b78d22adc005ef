// Tier 2: coordinations, relationship rules and the questions asked of them,
// through the real service on a loopback port.
#include "gmock/gmock.h"
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

class CoordinationService : public rakor::testing::RegistryServerTest {};

TEST_F(CoordinationService, CoordinationQueries) {
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

TEST_F(CoordinationService, RelationshipRulesAndWorkingRelationship) {
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

}  // namespace
}  // namespace rakor::registry
