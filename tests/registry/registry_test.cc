// The registry's writes: validation, idempotency, etags, effective dating, and
// that nothing is written on any error.
#include "services/registry/registry.h"

#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registry/seed_loader.h"
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
constexpr char kDinkes[] = "regions/temanggung/units/dinas-kesehatan";
constexpr char kPemkesra[] = "regions/temanggung/units/asisten-pemerintahan-kesra";
constexpr char kEkbang[] = "regions/temanggung/units/asisten-perekonomian-pembangunan";

class RegistryWrites : public rakor::testing::RegistryTest {
 protected:
  int64_t LastSequence() { return registry_->snapshot()->last_sequence(); }
};

TEST_F(RegistryWrites, CreateUnitIsDurableAndAudited) {
  const int64_t before = LastSequence();
  auto created =
      registry_->CreateUnit(kTemanggung, "dinas-baru", NewDinas("Dinas Baru"), {}, "tester");
  ASSERT_THAT(created, IsOk());
  EXPECT_EQ(created->name(), "regions/temanggung/units/dinas-baru");
  EXPECT_FALSE(created->etag().empty());
  EXPECT_EQ(FromProto(created->valid_from()), clock_.Now());

  Reopen();
  const Unit* stored = registry_->snapshot()->FindUnit(created->name());
  ASSERT_NE(stored, nullptr);
  EXPECT_EQ(stored->display_name(), "Dinas Baru");
  auto page = registry_->ChangesAfter(kTemanggung, before, 10);
  ASSERT_THAT(page, IsOk());
  ASSERT_EQ(page->changes.size(), 1u);
  EXPECT_EQ(page->changes[0]->type(), Change::CREATED);
  EXPECT_EQ(page->changes[0]->actor(), "tester");
  EXPECT_EQ(page->changes[0]->unit().name(), created->name());
}

TEST_F(RegistryWrites, InvalidUnitsAreRefusedNamingTheFieldAndWriteNothing) {
  const int64_t before = LastSequence();
  Unit no_kind = NewDinas("X");
  no_kind.clear_kind();
  EXPECT_THAT(registry_->CreateUnit(kTemanggung, "x", no_kind, {}, "t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit.kind")));
  Unit bad_email = NewDinas("X");
  bad_email.set_contact_email("not an address");
  EXPECT_THAT(registry_->CreateUnit(kTemanggung, "x", bad_email, {}, "t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit.contact_email")));
  Unit bad_citation = NewDinas("X");
  bad_citation.set_citations(0, "Soppeng Pasal 22");
  EXPECT_THAT(registry_->CreateUnit(kTemanggung, "x", bad_citation, {}, "t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit.citations[0]")));
  Unit asisten_field_on_dinas = NewDinas("X");
  asisten_field_on_dinas.set_asisten_field(v1::ADMINISTRASI_UMUM);
  EXPECT_THAT(registry_->CreateUnit(kTemanggung, "x", asisten_field_on_dinas, {}, "t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit.asisten_field")));
  Unit foreign_parent = NewDinas("X");
  foreign_parent.set_parent("regions/banjar/units/sekretariat-daerah");
  EXPECT_THAT(registry_->CreateUnit(kTemanggung, "x", foreign_parent, {}, "t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit.parent")));
  EXPECT_THAT(registry_->CreateUnit(kTemanggung, "Bad_Id", NewDinas("X"), {}, "t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_id")));
  EXPECT_THAT(registry_->CreateUnit("regions/nowhere", "x", NewDinas("X"), {}, "t"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("regions/nowhere")));
  EXPECT_THAT(registry_->CreateUnit(kTemanggung, "dinas-kesehatan", NewDinas("X"), {}, "t"),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr(kDinkes)));
  EXPECT_EQ(LastSequence(), before);
  EXPECT_EQ(registry_->snapshot()->FindUnit("regions/temanggung/units/x"), nullptr);
}

// Writers that arrive together share a commit; each is still judged alone, against
// everything committed or batched before it, and one refused leaves nothing.
TEST_F(RegistryWrites, ConcurrentWritesAreEachJudgedAloneAndAllThatSucceedAreDurable) {
  const int64_t before = LastSequence();
  constexpr int kRounds = 4, kWriters = 24;
  std::atomic<int> created{0}, duplicates{0}, invalid{0}, other{0};
  for (int round = 0; round < kRounds; ++round) {
    std::atomic<bool> go{false};
    std::vector<std::thread> writers;
    for (int i = 0; i < kWriters; ++i) {
      writers.emplace_back([&, round, i] {
        while (!go.load()) std::this_thread::yield();
        Unit unit = NewDinas("Dinas");
        std::string id = absl::StrCat("dinas-", round, "-", i);
        if (i % 3 == 1) id = absl::StrCat("dinas-same-", round);  // one of these wins
        if (i % 3 == 2) unit.clear_kind();                        // refused
        const absl::StatusOr<Unit> result =
            registry_->CreateUnit(kTemanggung, id, unit, {}, "tester");
        if (result.ok()) {
          ++created;
        } else if (result.status().code() == absl::StatusCode::kAlreadyExists) {
          ++duplicates;
        } else if (result.status().code() == absl::StatusCode::kInvalidArgument) {
          ++invalid;
        } else {
          ++other;
        }
      });
    }
    go = true;
    for (auto& w : writers) w.join();
  }
  EXPECT_EQ(created.load(), kRounds * (kWriters / 3 + 1));
  EXPECT_EQ(duplicates.load(), kRounds * (kWriters / 3 - 1));
  EXPECT_EQ(invalid.load(), kRounds * kWriters / 3);
  EXPECT_EQ(other.load(), 0);
  // One change per unit created, none for what was refused, in sequence order.
  EXPECT_EQ(LastSequence() - before, created.load());
  auto page = registry_->ChangesAfter(kTemanggung, before, 1000);
  ASSERT_THAT(page, IsOk());
  ASSERT_EQ(page->changes.size(), static_cast<size_t>(created.load()));
  for (size_t i = 1; i < page->changes.size(); ++i) {
    EXPECT_LT(page->changes[i - 1]->sequence(), page->changes[i]->sequence());
  }
  Reopen();
  for (int round = 0; round < kRounds; ++round) {
    EXPECT_NE(
        registry_->snapshot()->FindUnit(absl::StrCat(kTemanggung, "/units/dinas-same-", round)),
        nullptr);
    for (int i = 0; i < kWriters; ++i) {
      const Unit* unit = registry_->snapshot()->FindUnit(
          absl::StrCat(kTemanggung, "/units/dinas-", round, "-", i));
      EXPECT_EQ(unit != nullptr, i % 3 == 0) << round << " " << i;
    }
  }
}

TEST_F(RegistryWrites, RetriedCreateWithTheSameRequestIdReturnsTheSameUnit) {
  const RequestKey key{"3f2a-retry", "request-bytes"};
  auto first = registry_->CreateUnit(kTemanggung, "dinas-a", NewDinas("Dinas A"), key, "t");
  ASSERT_THAT(first, IsOk());
  const int64_t after_first = LastSequence();
  clock_.Advance(absl::Minutes(1));
  auto retry = registry_->CreateUnit(kTemanggung, "dinas-a", NewDinas("Dinas A"), key, "t");
  ASSERT_THAT(retry, IsOk());
  EXPECT_EQ(retry->SerializeAsString(), first->SerializeAsString());
  EXPECT_EQ(LastSequence(), after_first);

  // Still the first response after the unit has changed.
  Unit patch;
  patch.set_name(first->name());
  patch.set_head_title("Kepala Dinas A");
  ASSERT_THAT(registry_->UpdateUnit(patch, {}, "t"), IsOk());
  auto later = registry_->CreateUnit(kTemanggung, "dinas-a", NewDinas("Dinas A"), key, "t");
  ASSERT_THAT(later, IsOk());
  EXPECT_EQ(later->head_title(), "Kepala Dinas");

  const RequestKey reused{"3f2a-retry", "a different request"};
  EXPECT_THAT(registry_->CreateUnit(kTemanggung, "dinas-b", NewDinas("Dinas B"), reused, "t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
}

TEST_F(RegistryWrites, RequestIdsSurviveARestart) {
  const RequestKey key{"after-restart", "bytes"};
  ASSERT_THAT(registry_->CreateUnit(kTemanggung, "dinas-a", NewDinas("Dinas A"), key, "t"), IsOk());
  Reopen();
  auto retry = registry_->CreateUnit(kTemanggung, "dinas-a", NewDinas("Dinas A"), key, "t");
  EXPECT_THAT(retry, IsOk());
}

TEST_F(RegistryWrites, UpdateAppliesOnlyTheMaskedFieldsAndRefusesAStaleEtag) {
  const Unit current = *registry_->snapshot()->FindUnit(kDinkes);
  Unit patch;
  patch.set_name(kDinkes);
  patch.set_etag(current.etag());
  patch.set_contact_email("dinkes@example.go.id");
  patch.set_display_name("ignored: not in the mask");
  google::protobuf::FieldMask mask;
  mask.add_paths("contact_email");
  auto updated = registry_->UpdateUnit(patch, mask, "t");
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->contact_email(), "dinkes@example.go.id");
  EXPECT_EQ(updated->display_name(), current.display_name());
  EXPECT_NE(updated->etag(), current.etag());
  EXPECT_EQ(updated->coordinator(), kPemkesra);

  // The old etag is now stale.
  patch.set_contact_email("other@example.go.id");
  EXPECT_THAT(registry_->UpdateUnit(patch, mask, "t"),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("etag")));
  EXPECT_EQ(registry_->snapshot()->FindUnit(kDinkes)->contact_email(), "dinkes@example.go.id");
}

TEST_F(RegistryWrites, ParentCyclesAreRefused) {
  Unit kelurahan = NewDinas("Kelurahan Uji");
  kelurahan.set_kind(v1::KELURAHAN);
  kelurahan.set_parent("regions/temanggung/units/kecamatan-kedu");
  ASSERT_THAT(registry_->CreateUnit(kTemanggung, "kelurahan-uji", kelurahan, {}, "t"), IsOk());
  Unit patch;
  patch.set_name("regions/temanggung/units/kecamatan-kedu");
  patch.set_parent("regions/temanggung/units/kelurahan-uji");
  google::protobuf::FieldMask mask;
  mask.add_paths("parent");
  EXPECT_THAT(registry_->UpdateUnit(patch, mask, "t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("cycle")));
}

TEST_F(RegistryWrites, ARegionHasOneSekdaAndOneAsistenPerFieldAtATime) {
  Unit second = NewDinas("Sekretariat Daerah Kedua");
  second.set_kind(v1::SEKRETARIAT_DAERAH);
  EXPECT_THAT(registry_->CreateUnit(kTemanggung, "setda-kedua", second, {}, "t"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("regions/temanggung/units/sekretariat-daerah")));
  Unit asisten = NewDinas("Asisten Ekbang Kedua");
  asisten.set_kind(v1::ASISTEN);
  asisten.set_asisten_field(v1::PEREKONOMIAN_PEMBANGUNAN);
  EXPECT_THAT(registry_->CreateUnit(kTemanggung, "asisten-kedua", asisten, {}, "t"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr(kEkbang)));
}

TEST_F(RegistryWrites, UpdateRefusesImmutableAndUnknownFields) {
  Unit patch;
  patch.set_name(kDinkes);
  patch.set_kind(v1::BADAN);
  google::protobuf::FieldMask mask;
  mask.add_paths("kind");
  EXPECT_THAT(registry_->UpdateUnit(patch, mask, "t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("update_mask")));
  mask.set_paths(0, "no_such_field");
  EXPECT_THAT(registry_->UpdateUnit(patch, mask, "t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no_such_field")));
  EXPECT_EQ(registry_->snapshot()->FindUnit(kDinkes)->kind(), v1::DINAS);
}

TEST_F(RegistryWrites, ReorganisationKeepsWhoCoordinatedWhen) {
  // Dinas Kesehatan moves from Asisten Pemkesra to Asisten Ekbang on 2025-01-01.
  const absl::Time reorganised = Jakarta(2025, 1, 1);
  Coordination move;
  move.set_asisten(kEkbang);
  move.set_unit(kDinkes);
  move.set_citation("Temanggung Pasal 26 ayat (2) huruf b");
  *move.mutable_valid_from() = ToProto(reorganised);
  auto created = registry_->CreateCoordination(kTemanggung, move, {}, "t");
  ASSERT_THAT(created, IsOk());

  auto snapshot = registry_->snapshot();
  EXPECT_EQ(snapshot->CoordinationOf(kDinkes, Jakarta(2022, 3, 1))->asisten(), kPemkesra);
  EXPECT_EQ(snapshot->CoordinationOf(kDinkes, reorganised - absl::Seconds(1))->asisten(),
            kPemkesra);
  EXPECT_EQ(snapshot->CoordinationOf(kDinkes, reorganised)->asisten(), kEkbang);
  EXPECT_EQ(snapshot->CoordinationOf(kDinkes, Jakarta(2026, 1, 1))->asisten(), kEkbang);
  // Before the regulation took effect nobody coordinated it.
  EXPECT_EQ(snapshot->CoordinationOf(kDinkes, Jakarta(2021, 1, 1)), nullptr);
  EXPECT_EQ(snapshot->CoordinationHistory(kDinkes).size(), 2u);

  // History survives a restart, and reloading the seed (as every start does) keeps
  // the reorganisation.
  Reopen();
  ASSERT_THAT(LoadSeedDirectory(*registry_, rakor::testing::SeedDir()), IsOk());
  EXPECT_EQ(registry_->snapshot()->CoordinationOf(kDinkes, Jakarta(2022, 3, 1))->asisten(),
            kPemkesra);
  EXPECT_EQ(registry_->snapshot()->CoordinationOf(kDinkes, Jakarta(2026, 1, 1))->asisten(),
            kEkbang);
}

TEST_F(RegistryWrites, CoordinationThatWouldDoubleUpIsRefused) {
  // Inserting an assignment inside a closed interval would give two coordinators.
  Coordination move;
  move.set_asisten(kEkbang);
  move.set_unit(kDinkes);
  move.set_citation("Temanggung Pasal 26 ayat (2) huruf b");
  *move.mutable_valid_from() = ToProto(Jakarta(2025, 1, 1));
  ASSERT_THAT(registry_->CreateCoordination(kTemanggung, move, {}, "t"), IsOk());
  const int64_t before = LastSequence();
  *move.mutable_valid_from() = ToProto(Jakarta(2023, 1, 1));
  *move.mutable_valid_until() = ToProto(Jakarta(2023, 6, 1));
  EXPECT_THAT(registry_->CreateCoordination(kTemanggung, move, {}, "t"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr(kDinkes)));
  EXPECT_EQ(LastSequence(), before);
}

TEST_F(RegistryWrites, OnlyAnAsistenCoordinates) {
  Coordination c;
  c.set_asisten("regions/temanggung/units/dinas-sosial");
  c.set_unit(kDinkes);
  c.set_citation("Temanggung Pasal 26 ayat (2) huruf a");
  EXPECT_THAT(registry_->CreateCoordination(kTemanggung, c, {}, "t"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("coordination.asisten")));
}

TEST_F(RegistryWrites, DeleteEndsValidityAndCoordinationButKeepsHistory) {
  const absl::Time dissolved = Jakarta(2026, 6, 30);
  auto deleted = registry_->DeleteUnit(kDinkes, "", dissolved, "t");
  ASSERT_THAT(deleted, IsOk());
  auto snapshot = registry_->snapshot();
  EXPECT_THAT(snapshot->GetUnit(kDinkes, dissolved),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("did not exist")));
  EXPECT_THAT(snapshot->GetUnit(kDinkes, dissolved - absl::Hours(1)), IsOk());
  EXPECT_EQ(snapshot->CoordinationOf(kDinkes, dissolved), nullptr);
  EXPECT_EQ(snapshot->CoordinationOf(kDinkes, Jakarta(2022, 3, 1))->asisten(), kPemkesra);

  // Reloading the seed does not bring it back.
  Reopen();
  ASSERT_THAT(LoadSeedDirectory(*registry_, rakor::testing::SeedDir()), IsOk());
  EXPECT_THAT(registry_->snapshot()->GetUnit(kDinkes, dissolved),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("did not exist")));
}

TEST_F(RegistryWrites, AnAsistenStillCoordinatingCannotBeDeleted) {
  EXPECT_THAT(registry_->DeleteUnit(kPemkesra, "", std::nullopt, "t"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("still referenced")));
  EXPECT_THAT(registry_->snapshot()->GetUnit(kPemkesra, clock_.Now()), IsOk());
}

TEST_F(RegistryWrites, DeleteLooksAtEverythingAfterTheEndNotJustTheInstant) {
  Unit kelurahan = NewDinas("Kelurahan Masa Depan");
  kelurahan.set_kind(v1::KELURAHAN);
  kelurahan.set_parent("regions/temanggung/units/kecamatan-kedu");
  *kelurahan.mutable_valid_from() = ToProto(Jakarta(2027, 1, 1));
  ASSERT_THAT(registry_->CreateUnit(kTemanggung, "kelurahan-baru", kelurahan, {}, "t"), IsOk());
  EXPECT_THAT(registry_->DeleteUnit("regions/temanggung/units/kecamatan-kedu", "",
                                    Jakarta(2026, 12, 1), "t"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("kelurahan-baru")));
}

TEST_F(RegistryWrites, DeleteBeforeTheUnitBeganIsInvalid) {
  EXPECT_THAT(registry_->DeleteUnit(kDinkes, "", Jakarta(2020, 1, 1), "t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("effective_time")));
}

TEST_F(RegistryWrites, DeleteWithAStaleEtagIsAborted) {
  EXPECT_THAT(registry_->DeleteUnit(kDinkes, "999", std::nullopt, "t"),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("etag")));
}

}  // namespace
}  // namespace rakor::registry
