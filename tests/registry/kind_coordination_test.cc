// Coordination of a class of units: Soppeng Pasal 22 ayat (3) and Banjar Pasal 23
// ayat (2) huruf b angka 15 put every kelurahan (and, in Soppeng, every Pemerintahan
// Desa) under the Asisten Pemerintahan dan Kesra, units created later included.
#include "common/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registry/registry.h"
#include "services/registry/reporting_chain.h"
#include "tests/support/registry_fixture.h"
#include "tests/support/status_matchers.h"

namespace rakor::registry {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::StatusIs;
using ::testing::HasSubstr;

Unit NewUnit(v1::UnitKind kind, const std::string& display_name, const std::string& parent,
             const std::string& citation) {
  Unit unit;
  unit.set_display_name(display_name);
  unit.set_kind(kind);
  unit.set_head_title(kind == v1::DESA ? "Kepala Desa" : "Lurah");
  unit.set_parent(parent);
  unit.add_citations(citation);
  return unit;
}

class KindCoordination : public rakor::testing::RegistryTest {
 protected:
  const Coordination* CoordinatorOf(const std::string& unit) {
    snapshot_ = registry_->snapshot();
    return snapshot_->CoordinationOf(unit, clock_.Now());
  }
  std::shared_ptr<const Snapshot> snapshot_;
};

TEST_F(KindCoordination, KelurahanCreatedThroughTheApiIsCoordinatedByPemkesraInSoppeng) {
  ASSERT_THAT(registry_->CreateUnit("regions/soppeng", "kelurahan-lalabata-rilau",
                                    NewUnit(v1::KELURAHAN, "Kelurahan Lalabata Rilau",
                                            "regions/soppeng/units/kecamatan-lalabata",
                                            "Soppeng Pasal 22 ayat (3)"),
                                    {}, "t"),
              IsOk());
  const Coordination* c = CoordinatorOf("regions/soppeng/units/kelurahan-lalabata-rilau");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->asisten(), "regions/soppeng/units/asisten-pemerintahan-kesra");
  EXPECT_EQ(c->unit_kind(), v1::KELURAHAN);
  EXPECT_EQ(c->citation(), "Soppeng Pasal 22 ayat (3)");
  EXPECT_EQ(c->structured_citation().ayat(), 3);
  // It is in the Asisten's span of control too.
  EXPECT_TRUE(snapshot_->CoordinatedBy("regions/soppeng/units/asisten-pemerintahan-kesra",
                                       clock_.Now())
                  .contains("regions/soppeng/units/kelurahan-lalabata-rilau"));
}

TEST_F(KindCoordination, PemerintahanDesaIsCoordinatedByPemkesraInSoppeng) {
  ASSERT_THAT(registry_->CreateUnit("regions/soppeng", "desa-umpungeng",
                                    NewUnit(v1::DESA, "Desa Umpungeng",
                                            "regions/soppeng/units/kecamatan-lalabata",
                                            "Soppeng Pasal 22 ayat (3)"),
                                    {}, "t"),
              IsOk());
  const Coordination* c = CoordinatorOf("regions/soppeng/units/desa-umpungeng");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->asisten(), "regions/soppeng/units/asisten-pemerintahan-kesra");
  EXPECT_EQ(c->citation(), "Soppeng Pasal 22 ayat (3)");
}

TEST_F(KindCoordination, KelurahanIsCoordinatedByPemkesraInBanjar) {
  ASSERT_THAT(registry_->CreateUnit("regions/banjar", "kelurahan-hegarsari",
                                    NewUnit(v1::KELURAHAN, "Kelurahan Hegarsari",
                                            "regions/banjar/units/kecamatan-pataruman",
                                            "Banjar Pasal 23 ayat (2) huruf b angka 15"),
                                    {}, "t"),
              IsOk());
  const Coordination* c = CoordinatorOf("regions/banjar/units/kelurahan-hegarsari");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->asisten(), "regions/banjar/units/asisten-pemerintahan-kesra");
  EXPECT_EQ(c->citation(), "Banjar Pasal 23 ayat (2) huruf b angka 15");
}

TEST_F(KindCoordination, KelurahanHasNoAsistenInTemanggungWhoseRegulationDoesNotSaySo) {
  ASSERT_THAT(registry_->CreateUnit("regions/temanggung", "kelurahan-kowangan",
                                    NewUnit(v1::KELURAHAN, "Kelurahan Kowangan",
                                            "regions/temanggung/units/kecamatan-temanggung",
                                            "Temanggung Pasal 16 ayat (3) huruf f"),
                                    {}, "t"),
              IsOk());
  EXPECT_EQ(CoordinatorOf("regions/temanggung/units/kelurahan-kowangan"), nullptr);
  // So it reports through its kecamatan, its structural parent.
  auto chain = ReportingChainOf(*snapshot_, "regions/temanggung/units/kelurahan-kowangan",
                                v1::TECHNICAL_OPERATIONAL, clock_.Now());
  ASSERT_THAT(chain, IsOk());
  ASSERT_EQ(chain->steps_size(), 5);
  EXPECT_EQ(chain->steps(1).unit(), "regions/temanggung/units/kecamatan-temanggung");
  EXPECT_EQ(chain->steps(1).role(), v1::ReportingStep::STRUCTURAL_PARENT);
}

TEST_F(KindCoordination, AUnitsOwnAssignmentOverridesItsKinds) {
  ASSERT_THAT(registry_->CreateUnit("regions/soppeng", "kelurahan-botto",
                                    NewUnit(v1::KELURAHAN, "Kelurahan Botto",
                                            "regions/soppeng/units/kecamatan-lalabata",
                                            "Soppeng Pasal 22 ayat (3)"),
                                    {}, "t"),
              IsOk());
  Coordination own;
  own.set_asisten("regions/soppeng/units/asisten-administrasi-umum");
  own.set_unit("regions/soppeng/units/kelurahan-botto");
  own.set_citation("Soppeng Pasal 24");
  ASSERT_THAT(registry_->CreateCoordination("regions/soppeng", own, {}, "t"), IsOk());
  const Coordination* c = CoordinatorOf("regions/soppeng/units/kelurahan-botto");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->asisten(), "regions/soppeng/units/asisten-administrasi-umum");
  EXPECT_FALSE(snapshot_->CoordinatedBy("regions/soppeng/units/asisten-pemerintahan-kesra",
                                        clock_.Now())
                   .contains("regions/soppeng/units/kelurahan-botto"));
}

TEST_F(KindCoordination, AKindThatNoAsistenCoordinatesIsRefused) {
  Coordination c;
  c.set_asisten("regions/soppeng/units/asisten-pemerintahan-kesra");
  c.set_unit_kind(v1::SEKRETARIAT_DAERAH);
  c.set_citation("Soppeng Pasal 22 ayat (3)");
  EXPECT_THAT(registry_->CreateCoordination("regions/soppeng", c, {}, "t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("coordination.unit_kind")));
  c.set_unit("regions/soppeng/units/dinas-kesehatan");
  c.set_unit_kind(v1::KELURAHAN);
  EXPECT_THAT(registry_->CreateCoordination("regions/soppeng", c, {}, "t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("exactly one")));
}

TEST_F(KindCoordination, ANewAssignmentOfTheKindIsAReorganisation) {
  Coordination c;
  c.set_asisten("regions/soppeng/units/asisten-administrasi-umum");
  c.set_unit_kind(v1::KELURAHAN);
  c.set_citation("Soppeng Pasal 24");
  *c.mutable_valid_from() = ToProto(clock_.Now() + absl::Hours(24));
  auto created = registry_->CreateCoordination("regions/soppeng", c, {}, "t");
  ASSERT_THAT(created, IsOk());
  EXPECT_EQ(created->name(), "regions/soppeng/coordinations/kind-kelurahan-2");
  const auto& history =
      registry_->snapshot()->KindCoordinationHistory("regions/soppeng", v1::KELURAHAN);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(FromProto(history[0]->valid_until()), clock_.Now() + absl::Hours(24));
  Reopen();  // and it is durable
  EXPECT_EQ(registry_->snapshot()->KindCoordinationHistory("regions/soppeng", v1::KELURAHAN)
                .size(),
            2u);
}

}  // namespace
}  // namespace rakor::registry
