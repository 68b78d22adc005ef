// What a hostile client found: bad input is refused with INVALID_ARGUMENT or
// FAILED_PRECONDITION naming the field, quoted briefly, and nothing is written;
// only the fields the API defines are stored. Also the name lookup and structured
// citations a client asked for.
#include "absl/strings/cord.h"
#include "common/limits.h"
#include "common/time.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"
#include "services/registry/registry.h"
#include "services/registry/unit_names.h"
#include "tests/support/registry_fixture.h"
#include "tests/support/status_matchers.h"

namespace rakor::registry {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::Jakarta;
using ::rakor::testing::NewDinas;
using ::rakor::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kTemanggung[] = "regions/temanggung";

class Hardening : public rakor::testing::RegistryTest {
 protected:
  int64_t LastSequence() { return registry_->snapshot()->last_sequence(); }
};

TEST_F(Hardening, TimeZoneMustBeAnIanaNameNotAPath) {
  const int64_t before = LastSequence();
  Region region = *registry_->snapshot()->GetRegion(kTemanggung).value();
  for (const char* zone : {"../../../../etc/localtime", "/usr/share/zoneinfo/Asia/Jakarta",
                           "Asia/Atlantis", "UTC+7"}) {
    region.set_time_zone(zone);
    google::protobuf::FieldMask mask;
    mask.add_paths("time_zone");
    EXPECT_THAT(registry_->UpdateRegion(region, mask, "t"),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("region.time_zone")))
        << zone;
  }
  EXPECT_EQ(LastSequence(), before);
  region.set_time_zone("Asia/Makassar");
  google::protobuf::FieldMask mask;
  mask.add_paths("time_zone");
  EXPECT_THAT(registry_->UpdateRegion(region, mask, "t"), IsOk());
}

TEST_F(Hardening, StructuredCitationsFollowARenamedRegulation) {
  Region region = *registry_->snapshot()->GetRegion(kTemanggung).value();
  region.set_regulation("Peraturan Bupati Temanggung Nomor 1 Tahun 2027");
  google::protobuf::FieldMask mask;
  mask.add_paths("regulation");
  ASSERT_THAT(registry_->UpdateRegion(region, mask, "t"), IsOk());
  for (auto snapshot : {registry_->snapshot(), (Reopen(), registry_->snapshot())}) {
    const Unit* dinkes = snapshot->FindUnit("regions/temanggung/units/dinas-kesehatan");
    ASSERT_NE(dinkes, nullptr);
    ASSERT_GT(dinkes->structured_citations_size(), 0);
    EXPECT_EQ(dinkes->structured_citations(0).regulation(),
              "Peraturan Bupati Temanggung Nomor 1 Tahun 2027");
    const Coordination* assigned =
        snapshot->CoordinationOf("regions/temanggung/units/dinas-kesehatan", clock_.Now());
    ASSERT_NE(assigned, nullptr);
    EXPECT_EQ(assigned->structured_citation().regulation(),
              "Peraturan Bupati Temanggung Nomor 1 Tahun 2027");
  }
}

TEST_F(Hardening, UnknownFieldsAreNotStoredOrReplayed) {
  Unit unit = NewDinas("Dinas Baru");
  unit.GetReflection()->MutableUnknownFields(&unit)->AddLengthDelimited(999, "smuggled");
  auto created = registry_->CreateUnit(kTemanggung, "dinas-baru", unit, {}, "t");
  ASSERT_THAT(created, IsOk());
  EXPECT_TRUE(created->GetReflection()->GetUnknownFields(*created).empty());
  Reopen();
  auto page = registry_->ChangesAfter(kTemanggung, 0, 100000);
  ASSERT_THAT(page, IsOk());
  EXPECT_EQ(page->changes.back()->unit().name(), "regions/temanggung/units/dinas-baru");
  EXPECT_EQ(page->changes.back()->unit().SerializeAsString().find("smuggled"), std::string::npos);
}

TEST_F(Hardening, DuplicateAndTooManyCitationsAreRefused) {
  const int64_t before = LastSequence();
  Unit unit = NewDinas("Dinas Baru");
  unit.add_citations(unit.citations(0));
  EXPECT_THAT(registry_->CreateUnit(kTemanggung, "dinas-baru", unit, {}, "t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit.citations")));
  unit.clear_citations();
  for (int i = 1; i <= 10000; ++i) unit.add_citations("Temanggung Pasal " + std::to_string(i));
  auto refused = registry_->CreateUnit(kTemanggung, "dinas-baru", unit, {}, "t");
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("at most 32")));
  EXPECT_EQ(LastSequence(), before);
}

TEST_F(Hardening, OversizedInputIsQuotedBriefly) {
  auto refused =
      registry_->CreateUnit(kTemanggung, std::string(10000, 'x'), NewDinas("Dinas"), {}, "t");
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_id")));
  EXPECT_LT(refused.status().message().size(), limits::kMaxQuotedBytes + 200);
}

TEST_F(Hardening, UnitValidBeforeItsParentIsAFailedPreconditionNamingTheParent) {
  const int64_t before = LastSequence();
  Unit bidang = NewDinas("Bidang Uji");
  bidang.set_parent("regions/temanggung/units/dinas-kesehatan");
  *bidang.mutable_valid_from() = ToProto(Jakarta(2000, 1, 1));  // before the regulation
  EXPECT_THAT(registry_->CreateUnit(kTemanggung, "bidang-uji", bidang, {}, "t"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("unit.parent: \"regions/temanggung/units/dinas-kesehatan\" "
                                 "is not valid over all of [1999-12-31T17:00:00Z, forever)")));
  EXPECT_EQ(LastSequence(), before);
}

TEST_F(Hardening, UnitUnderADeletedParentIsRefused) {
  Unit parent = NewDinas("Dinas Lama");
  ASSERT_THAT(registry_->CreateUnit(kTemanggung, "dinas-lama", parent, {}, "t"), IsOk());
  clock_.Advance(absl::Hours(1));
  ASSERT_THAT(registry_->DeleteUnit("regions/temanggung/units/dinas-lama", "", std::nullopt, "t"),
              IsOk());
  Unit child = NewDinas("Bidang Yatim");
  child.set_parent("regions/temanggung/units/dinas-lama");
  EXPECT_THAT(registry_->CreateUnit(kTemanggung, "bidang-yatim", child, {}, "t"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("unit.parent")));
}

TEST_F(Hardening, CoordinationBeforeItsAsistenExistedNamesTheField) {
  Coordination c;
  c.set_asisten("regions/temanggung/units/asisten-pemerintahan-kesra");
  c.set_unit("regions/temanggung/units/dinas-kesehatan");
  c.set_citation("Temanggung Pasal 26 ayat (2) huruf a angka 2");
  *c.mutable_valid_from() = ToProto(Jakarta(2000, 1, 1));
  EXPECT_THAT(registry_->CreateCoordination(kTemanggung, c, {}, "t"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("coordination.asisten")));
}

TEST_F(Hardening, FieldMaskErrorsCarryErrorInfo) {
  Unit patch;
  patch.set_name("regions/temanggung/units/dinas-kesehatan");
  google::protobuf::FieldMask mask;
  mask.add_paths("kind");
  absl::Status status = registry_->UpdateUnit(patch, mask, "t").status();
  ASSERT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("update_mask")));
  auto payload = status.GetPayload("type.googleapis.com/google.rpc.ErrorInfo");
  ASSERT_TRUE(payload.has_value());
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(info.ParseFromString(std::string(*payload)));
  EXPECT_EQ(info.reason(), "INVALID_UPDATE_MASK");
  EXPECT_EQ(info.domain(), "registry.rakor");
}

TEST_F(Hardening, UnitsAreFoundByOfficialNameOrAliasIgnoringCaseAndSpacing) {
  Unit unit = NewDinas("Dinas PPPA");
  unit.set_official_name(
      "Dinas Pemberdayaan Perempuan dan Perlindungan Anak, Pengendalian Penduduk dan "
      "Keluarga Berencana");
  unit.add_aliases("DP3AP2KB");
  auto created = registry_->CreateUnit(kTemanggung, "dinas-pppa", unit, {}, "t");
  ASSERT_THAT(created, IsOk());
  EXPECT_TRUE(IsKnownAs(*created, NormalizeUnitName("dp3ap2kb")));
  EXPECT_TRUE(
      IsKnownAs(*created, NormalizeUnitName("dinas pemberdayaan perempuan dan perlindungan anak, "
                                            "pengendalian  penduduk dan keluarga berencana")));
  EXPECT_FALSE(IsKnownAs(*created, NormalizeUnitName("Dinas Pemberdayaan Perempuan")));
  EXPECT_TRUE(NameContains(*created, NormalizeUnitName("Perlindungan Anak")));
}

TEST_F(Hardening, DuplicateAliasesAreRefused) {
  Unit unit = NewDinas("Dinas Uji");
  unit.add_aliases("DU");
  unit.add_aliases("du");
  EXPECT_THAT(registry_->CreateUnit(kTemanggung, "dinas-uji", unit, {}, "t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit.aliases")));
}

TEST_F(Hardening, CitationsCarryTheirStructuredForm) {
  const Unit* unit = registry_->snapshot()->FindUnit("regions/temanggung/units/dinas-kesehatan");
  ASSERT_NE(unit, nullptr);
  ASSERT_EQ(unit->structured_citations_size(), unit->citations_size());
  for (const v1::Citation& c : unit->structured_citations()) {
    EXPECT_EQ(c.region(), kTemanggung);
    EXPECT_EQ(c.regulation(), "Peraturan Bupati Temanggung Nomor 76 Tahun 2021");
    EXPECT_GT(c.pasal(), 0);
  }
  const Coordination* c = registry_->snapshot()->CoordinationOf(unit->name(), clock_.Now());
  ASSERT_NE(c, nullptr);
  // "Temanggung Pasal 26 ayat (2) huruf a angka 2" (or wherever the seed puts it).
  EXPECT_EQ(c->structured_citation().text(), c->citation());
  EXPECT_EQ(c->structured_citation().pasal(), 26);
  EXPECT_GT(c->structured_citation().ayat(), 0);
  EXPECT_FALSE(c->structured_citation().huruf().empty());
}

}  // namespace
}  // namespace rakor::registry
