// The questions other services ask, answered from the seeded regulations.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registry/lead_coordinator.h"
#include "services/registry/reporting_chain.h"
#include "services/registry/working_relationship.h"
#include "tests/support/registry_fixture.h"
#include "tests/support/status_matchers.h"

namespace rakor::registry {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::StatusIs;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using v1::ReportingStep;

std::vector<std::string> Units(const v1::ReportingChain& chain) {
  std::vector<std::string> units;
  for (const auto& step : chain.steps()) units.push_back(step.unit());
  return units;
}

class Queries : public rakor::testing::RegistryTest {
 protected:
  absl::Time now() { return clock_.Now(); }
};

TEST_F(Queries, ReportingChain_KecamatanGoesThroughPemkesraToTheBupati) {
  auto chain =
      ReportingChainOf(*registry_->snapshot(), "regions/temanggung/units/kecamatan-parakan",
                       v1::TECHNICAL_OPERATIONAL, now());
  ASSERT_THAT(chain, IsOk());
  EXPECT_THAT(Units(*chain), ElementsAre("regions/temanggung/units/kecamatan-parakan",
                                         "regions/temanggung/units/asisten-pemerintahan-kesra",
                                         "regions/temanggung/units/sekretariat-daerah",
                                         "regions/temanggung/units/bupati"));
  EXPECT_EQ(chain->steps(1).role(), ReportingStep::ASISTEN);
  EXPECT_THAT(chain->steps(1).citations(),
              Contains("Temanggung Pasal 26 ayat (2) huruf a angka 12"));
  EXPECT_THAT(chain->steps(1).citations(), Contains("Temanggung Pasal 25 ayat (2)"));
  EXPECT_THAT(chain->steps(2).citations(), ElementsAre("Temanggung Pasal 20 ayat (6)"));
  EXPECT_THAT(chain->steps(3).citations(), Contains("Temanggung Pasal 25 ayat (1)"));
}

TEST_F(Queries, ReportingChain_ParafKoordinasiOnlyWhereTheRegulationRequiresIt) {
  auto soppeng = ReportingChainOf(*registry_->snapshot(), "regions/soppeng/units/dinas-kesehatan",
                                  v1::TECHNICAL_OPERATIONAL, now());
  auto banjar = ReportingChainOf(*registry_->snapshot(), "regions/banjar/units/dinas-kesehatan",
                                 v1::TECHNICAL_OPERATIONAL, now());
  ASSERT_THAT(soppeng, IsOk());
  ASSERT_THAT(banjar, IsOk());
  EXPECT_THAT(soppeng->steps(1).citations(), Contains("Soppeng Pasal 26 ayat (2)"));
  EXPECT_THAT(soppeng->steps(1).reason(), HasSubstr("paraf"));
  EXPECT_THAT(banjar->steps(1).reason(), ::testing::Not(HasSubstr("paraf")));
  EXPECT_THAT(banjar->steps(1).citations(),
              ElementsAre("Banjar Pasal 23 ayat (2) huruf b angka 6", "Banjar Pasal 21 ayat (3)"));
  EXPECT_THAT(banjar->steps(2).citations(), ElementsAre("Banjar Pasal 21 ayat (2)"));
}

TEST_F(Queries, ReportingChain_InspektoratDiffersByRegion) {
  auto soppeng = ReportingChainOf(*registry_->snapshot(), "regions/soppeng/units/inspektorat",
                                  v1::GENERAL_POLICY, now());
  auto banjar = ReportingChainOf(*registry_->snapshot(), "regions/banjar/units/inspektorat",
                                 v1::GENERAL_POLICY, now());
  ASSERT_THAT(soppeng, IsOk());
  ASSERT_THAT(banjar, IsOk());
  EXPECT_EQ(soppeng->steps(1).unit(), "regions/soppeng/units/asisten-administrasi-umum");
  EXPECT_EQ(banjar->steps(1).unit(), "regions/banjar/units/asisten-pemerintahan-kesra");
  EXPECT_EQ(banjar->steps(3).unit(), "regions/banjar/units/wali-kota");
  EXPECT_EQ(banjar->steps(3).head_title(), "Wali Kota");
}

TEST_F(Queries, ReportingChain_GeneralPolicyCitesCoordinationThroughTheSekda) {
  auto chain = ReportingChainOf(*registry_->snapshot(), "regions/soppeng/units/dinas-kesehatan",
                                v1::GENERAL_POLICY, now());
  ASSERT_THAT(chain, IsOk());
  EXPECT_THAT(chain->steps(0).citations(), ElementsAre("Soppeng Pasal 20 ayat (2)"));
  EXPECT_THAT(chain->steps(2).citations(), ElementsAre("Soppeng Pasal 20 ayat (2)"));
  auto technical = ReportingChainOf(*registry_->snapshot(), "regions/soppeng/units/dinas-kesehatan",
                                    v1::TECHNICAL_OPERATIONAL, now());
  EXPECT_THAT(technical->steps(0).citations(), ElementsAre("Soppeng Pasal 20 ayat (3)"));
}

TEST_F(Queries, ReportingChain_BagianReportsThroughItsAsisten) {
  auto chain = ReportingChainOf(*registry_->snapshot(), "regions/soppeng/units/bagian-hukum",
                                v1::GENERAL_POLICY, now());
  ASSERT_THAT(chain, IsOk());
  EXPECT_EQ(chain->steps(1).unit(), "regions/soppeng/units/asisten-pemerintahan-kesra");
}

TEST_F(Queries, ReportingChain_SekdaReportsStraightToTheHead) {
  auto chain =
      ReportingChainOf(*registry_->snapshot(), "regions/temanggung/units/sekretariat-daerah",
                       v1::GENERAL_POLICY, now());
  ASSERT_THAT(chain, IsOk());
  EXPECT_THAT(Units(*chain), ElementsAre("regions/temanggung/units/sekretariat-daerah",
                                         "regions/temanggung/units/bupati"));
}

TEST_F(Queries, ReportingChain_RefusesUnitsOutsideThePerangkatDaerah) {
  EXPECT_THAT(ReportingChainOf(*registry_->snapshot(), "regions/banjar/units/kejaksaan-negeri",
                               v1::GENERAL_POLICY, now()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("INSTANSI_VERTIKAL")));
  EXPECT_THAT(ReportingChainOf(*registry_->snapshot(), "regions/banjar/units/inspektorat",
                               v1::MATTER_UNSPECIFIED, now()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("matter")));
}

TEST_F(Queries, ReportingChain_AsOfBeforeTheRegulationFindsNoUnit) {
  EXPECT_THAT(ReportingChainOf(*registry_->snapshot(), "regions/soppeng/units/inspektorat",
                               v1::GENERAL_POLICY, rakor::testing::Jakarta(2020, 1, 1)),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("did not exist")));
}

TEST_F(Queries, WorkingRelationship_SetdaAndKecamatanInSoppeng) {
  auto relationship =
      WorkingRelationshipBetween(*registry_->snapshot(), "regions/soppeng/units/sekretariat-daerah",
                                 "regions/soppeng/units/kecamatan-lalabata", now());
  ASSERT_THAT(relationship, IsOk());
  EXPECT_THAT(relationship->kinds(), ElementsAre(v1::KONSULTATIF, v1::KOLEGIAL, v1::FUNGSIONAL,
                                                 v1::STRUKTURAL, v1::KOORDINATIF));
  EXPECT_EQ(relationship->citation(), "Soppeng Pasal 13 ayat (4)");
}

TEST_F(Queries, WorkingRelationship_IsSymmetricAndCountsAsistenAsSetda) {
  auto forward =
      WorkingRelationshipBetween(*registry_->snapshot(), "regions/banjar/units/sekretariat-dprd",
                                 "regions/banjar/units/kecamatan-pataruman", now());
  auto backward =
      WorkingRelationshipBetween(*registry_->snapshot(), "regions/banjar/units/kecamatan-pataruman",
                                 "regions/banjar/units/sekretariat-dprd", now());
  ASSERT_THAT(forward, IsOk());
  ASSERT_THAT(backward, IsOk());
  EXPECT_THAT(forward->kinds(),
              ElementsAre(v1::KOORDINASI_TEKNIS_FUNGSIONAL, v1::KOORDINASI_TEKNIS_OPERASIONAL));
  EXPECT_EQ(forward->citation(), "Banjar Pasal 15 ayat (7)");
  EXPECT_EQ(backward->rule(), forward->rule());

  auto via_asisten = WorkingRelationshipBetween(*registry_->snapshot(),
                                                "regions/banjar/units/asisten-administrasi-umum",
                                                "regions/banjar/units/dinas-kesehatan", now());
  ASSERT_THAT(via_asisten, IsOk());
  EXPECT_EQ(via_asisten->citation(), "Banjar Pasal 15 ayat (4)");
}

TEST_F(Queries, WorkingRelationship_NotFoundWhereTheRegulationIsSilent) {
  EXPECT_THAT(
      WorkingRelationshipBetween(*registry_->snapshot(), "regions/soppeng/units/inspektorat",
                                 "regions/soppeng/units/dinas-kesehatan", now()),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr("INSPEKTORAT")));
  EXPECT_THAT(
      WorkingRelationshipBetween(*registry_->snapshot(), "regions/soppeng/units/inspektorat",
                                 "regions/banjar/units/inspektorat", now()),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("same region")));
}

TEST_F(Queries, LeadCoordinator_SpanningSeveralAsistenInSoppengIsPemkesra) {
  auto lead = LeadCoordinatorOf(
      *registry_->snapshot(),
      {"regions/soppeng/units/dinas-lingkungan-hidup", "regions/soppeng/units/inspektorat"}, now());
  ASSERT_THAT(lead, IsOk());
  EXPECT_EQ(lead->lead(), "regions/soppeng/units/asisten-pemerintahan-kesra");
  EXPECT_EQ(lead->citation(), "Soppeng Pasal 22 ayat (4)");
  EXPECT_THAT(lead->coordinators(),
              ElementsAre("regions/soppeng/units/asisten-administrasi-umum",
                          "regions/soppeng/units/asisten-perekonomian-pembangunan"));
}

TEST_F(Queries, LeadCoordinator_OneAsistenLeadsItsOwnUnits) {
  auto lead = LeadCoordinatorOf(
      *registry_->snapshot(),
      {"regions/temanggung/units/dinas-kesehatan", "regions/temanggung/units/dinas-sosial"}, now());
  ASSERT_THAT(lead, IsOk());
  EXPECT_EQ(lead->lead(), "regions/temanggung/units/asisten-pemerintahan-kesra");
  EXPECT_EQ(lead->citation(), "Temanggung Pasal 26 ayat (2) huruf a angka 2");
}

TEST_F(Queries, LeadCoordinator_UnitsNoAsistenCoordinatesTakeNoPart) {
  // A meeting's invitees: an Asisten and the Setda besides two coordinated units.
  auto lead = LeadCoordinatorOf(
      *registry_->snapshot(),
      {"regions/temanggung/units/asisten-administrasi-umum",
       "regions/temanggung/units/dinas-kesehatan", "regions/temanggung/units/sekretariat-daerah",
       "regions/temanggung/units/dinas-sosial"},
      now());
  ASSERT_THAT(lead, IsOk());
  EXPECT_EQ(lead->lead(), "regions/temanggung/units/asisten-pemerintahan-kesra");
  EXPECT_THAT(LeadCoordinatorOf(*registry_->snapshot(),
                                {"regions/temanggung/units/asisten-administrasi-umum"}, now()),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("no Asisten")));
}

TEST_F(Queries, LeadCoordinator_WithoutARegionalRuleTheSekdaLeads) {
  auto lead = LeadCoordinatorOf(
      *registry_->snapshot(),
      {"regions/temanggung/units/dinas-kesehatan", "regions/temanggung/units/inspektorat"}, now());
  ASSERT_THAT(lead, IsOk());
  EXPECT_EQ(lead->lead(), "regions/temanggung/units/sekretariat-daerah");
  EXPECT_EQ(lead->citation(), "Temanggung Pasal 20 ayat (2)");
}

}  // namespace
}  // namespace rakor::registry
