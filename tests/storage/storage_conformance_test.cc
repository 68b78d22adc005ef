// One conformance suite for the storage interface, run against both engines: the
// embedded SQLite file and a throwaway PostgreSQL server. What a repository writes
// reads back the same; errors map to the same codes; a failed write leaves nothing;
// writers are serialised across every handle on the database.
#include <atomic>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registry/registry.h"
#include "services/registry/seed_loader.h"
#include "storage/change_log.h"
#include "storage/database.h"
#include "storage/registry/coordination_repository.h"
#include "storage/registry/region_repository.h"
#include "storage/registry/relationship_rule_repository.h"
#include "storage/registry/schema.h"
#include "storage/registry/unit_repository.h"
#include "storage/request_log.h"
#include "tests/support/postgres_server.h"
#include "tests/support/proto_matchers.h"
#include "tests/support/registry_fixture.h"
#include "tests/support/status_matchers.h"

namespace rakor::storage {
namespace {

using ::rakor::testing::EqualsProto;
using ::rakor::testing::IsOk;
using ::rakor::testing::ParseTextProto;
using ::rakor::testing::StatusIs;
using ::testing::HasSubstr;
using namespace ::rakor::storage::registry;
namespace v1 = ::rakor::registry::v1;

class StorageConformance : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    if (std::string(GetParam()) == "postgres") {
      RAKOR_POSTGRES_DATABASE_OR_SKIP(uri);
      target_ = uri;
    } else {
      target_ = rakor::testing::TempPath("conformance.db");
    }
    db_ = OpenHandle();
  }
  void TearDown() override { rakor::testing::RemoveTempDir(); }

  // Another handle on the same database, as another replica has.
  std::unique_ptr<Database> OpenHandle() {
    auto db = Database::Open(target_, RegistryMigrations(), Durability::kFull);
    EXPECT_THAT(db, IsOk());
    return db.ok() ? *std::move(db) : nullptr;
  }

  absl::Status Write(const std::function<void(Transaction&)>& body) {
    return db_->Write([&](Transaction& txn) {
      body(txn);
      return absl::OkStatus();
    });
  }

  template <typename T>
  T Load(T (*load)(Transaction&)) {
    T loaded;
    EXPECT_THAT(db_->Read([&](Transaction& txn) {
      loaded = load(txn);
      return absl::OkStatus();
    }),
                IsOk());
    return loaded;
  }

  std::string target_;
  std::unique_ptr<Database> db_;
};

const v1::Region kRegion = ParseTextProto<v1::Region>(R"pb(
  name: "regions/temanggung"
  display_name: "Kabupaten Temanggung"
  kind: KABUPATEN
  head_title: "Bupati"
  province: "Jawa Tengah"
  time_zone: "Asia/Jakarta"
  regulation: "Peraturan Bupati Temanggung Nomor 76 Tahun 2021"
  regulation_effective_time { seconds: 1632934800 }
  cross_asisten_lead: LEAD_SEKRETARIS_DAERAH
  cross_asisten_lead_citation: "Temanggung Pasal 26 ayat (3)"
  reporting_rules { general_policy_citation: "Temanggung Pasal 18" }
  etag: "3"
  create_time { seconds: 1700000000 }
  update_time { seconds: 1700000001 }
)pb");

// Every column, including NULLs (no parent, no unit) and multi-line lists.
const v1::Unit kAsisten = ParseTextProto<v1::Unit>(R"pb(
  name: "regions/temanggung/units/asisten-pemkesra"
  display_name: "Asisten Pemkesra"
  official_name: "Asisten Pemerintahan dan Kesejahteraan Rakyat"
  aliases: "Asisten I"
  aliases: "Asisten Pemkesra"
  kind: ASISTEN
  asisten_field: PEMERINTAHAN_KESRA
  head_title: "Asisten"
  contact_email: "asisten1@temanggungkab.go.id"
  citations: "Temanggung Pasal 26 ayat (2) huruf a"
  citations: "Temanggung Pasal 25"
  valid_from { seconds: 1632934800 }
  valid_until { seconds: 1893430800 }
  etag: "1"
  create_time { seconds: 1700000000 }
  update_time { seconds: 1700000000 }
)pb");
const v1::Unit kKelurahan = ParseTextProto<v1::Unit>(R"pb(
  name: "regions/temanggung/units/kelurahan-butuh"
  display_name: "Kelurahan Butuh"
  kind: KELURAHAN
  head_title: "Lurah"
  parent: "regions/temanggung/units/asisten-pemkesra"
  valid_from { seconds: 1632934800 }
  etag: "1"
  create_time { seconds: 1700000000 }
  update_time { seconds: 1700000000 }
)pb");
const v1::Coordination kOfKind = ParseTextProto<v1::Coordination>(R"pb(
  name: "regions/temanggung/coordinations/kind-kelurahan-1"
  asisten: "regions/temanggung/units/asisten-pemkesra"
  unit_kind: KELURAHAN
  citation: "Temanggung Pasal 26 ayat (2) huruf a"
  valid_from { seconds: 1632934800 }
  create_time { seconds: 1700000000 }
)pb");
const v1::RelationshipRule kRule = ParseTextProto<v1::RelationshipRule>(R"pb(
  name: "regions/temanggung/relationshipRules/r1"
  side_a: DINAS
  side_a: BADAN
  side_b: KECAMATAN
  kinds: KOORDINATIF
  kinds: KONSULTATIF
  citation: "Temanggung Pasal 22"
)pb");

TEST_P(StorageConformance, WhatARepositoryWritesReadsBackTheSame) {
  ASSERT_THAT(Write([](Transaction& txn) {
                RegionRepository::Upsert(txn, kRegion);
                UnitRepository::Upsert(txn, "regions/temanggung", kAsisten);
                UnitRepository::Upsert(txn, "regions/temanggung", kKelurahan);
                CoordinationRepository::Upsert(txn, "regions/temanggung", kOfKind);
                RelationshipRuleRepository::Upsert(txn, "regions/temanggung", kRule);
              }),
              IsOk());
  EXPECT_THAT(Load(&RegionRepository::LoadAll), ::testing::ElementsAre(EqualsProto(kRegion)));
  EXPECT_THAT(Load(&UnitRepository::LoadAll),
              ::testing::ElementsAre(EqualsProto(kAsisten), EqualsProto(kKelurahan)));
  EXPECT_THAT(Load(&CoordinationRepository::LoadAll), ::testing::ElementsAre(EqualsProto(kOfKind)));
  EXPECT_THAT(Load(&RelationshipRuleRepository::LoadAll),
              ::testing::ElementsAre(EqualsProto(kRule)));

  // An upsert of the same name replaces; a coordination only moves its end.
  v1::Unit renamed = kAsisten;
  renamed.set_display_name("Asisten Pemerintahan");
  renamed.clear_valid_until();
  renamed.set_etag("2");
  v1::Coordination closed = kOfKind;
  closed.mutable_valid_until()->set_seconds(1900000000);
  ASSERT_THAT(Write([&](Transaction& txn) {
                UnitRepository::Upsert(txn, "regions/temanggung", renamed);
                CoordinationRepository::Upsert(txn, "regions/temanggung", closed);
              }),
              IsOk());
  EXPECT_THAT(Load(&UnitRepository::LoadAll)[0], EqualsProto(renamed));
  EXPECT_THAT(Load(&CoordinationRepository::LoadAll)[0], EqualsProto(closed));
}

TEST_P(StorageConformance, TheChangeLogKeepsOrderFiltersByRegionAndKeepsEveryByte) {
  const std::string bytes("\0\xff\x01 payload \xfe", 13);
  std::vector<int64_t> sequences;
  ASSERT_THAT(Write([&](Transaction& txn) {
                for (const char* region : {"regions/a", "regions/b", "regions/a", "regions/b"}) {
                  sequences.push_back(ChangeLog::Append(txn, {region, "r", 1, "actor", 5, bytes}));
                }
              }),
              IsOk());
  EXPECT_TRUE(std::is_sorted(sequences.begin(), sequences.end()));
  EXPECT_EQ(std::adjacent_find(sequences.begin(), sequences.end()), sequences.end());
  ASSERT_THAT(db_->Read([&](Transaction& txn) {
    const auto all = ChangeLog::ReadAfter(txn, "", 0, 10);
    EXPECT_EQ(all.size(), 4u);
    const auto b = ChangeLog::ReadAfter(txn, "regions/b", sequences[1], 10);
    EXPECT_EQ(b.size(), 1u);
    if (!b.empty()) {
      EXPECT_EQ(b[0].first, sequences[3]);
      EXPECT_EQ(b[0].second, bytes);
    }
    EXPECT_EQ(ChangeLog::ReadAfter(txn, "", 0, 2).size(), 2u);
    EXPECT_EQ(ChangeLog::LastSequence(txn), sequences.back());
    return absl::OkStatus();
  }),
              IsOk());
}

TEST_P(StorageConformance, ViolationsGetTheSameCodeOnEitherEngineAndWriteNothing) {
  ASSERT_THAT(Write([](Transaction& txn) {
                RequestLog::Record(txn, "req-1", {"request", "regions/x", "response"}, 1);
              }),
              IsOk());
  EXPECT_THAT(Write([](Transaction& txn) {
                ChangeLog::Append(txn, {"regions/x", "r", 1, "a", 1, "p"});
                RequestLog::Record(txn, "req-1", {"other", "regions/x", "response"}, 2);
              }),
              StatusIs(absl::StatusCode::kAlreadyExists, ::testing::_));
  EXPECT_THAT(Write([](Transaction& txn) {  // no such region
                UnitRepository::Upsert(txn, "regions/nowhere", kKelurahan);
              }),
              StatusIs(absl::StatusCode::kFailedPrecondition, ::testing::_));
  // A body that fails rolls back what it wrote before failing.
  EXPECT_THAT(db_->Write([](Transaction& txn) {
    ChangeLog::Append(txn, {"regions/x", "r", 1, "a", 1, "p"});
    return absl::InvalidArgumentError("refused");
  }),
              StatusIs(absl::StatusCode::kInvalidArgument, ::testing::_));
  EXPECT_THAT(db_->Read([](Transaction& txn) {
    EXPECT_EQ(ChangeLog::LastSequence(txn), 0);
    const auto recorded = RequestLog::Find(txn, "req-1");
    EXPECT_TRUE(recorded.has_value() && recorded->request == "request");
    return absl::OkStatus();
  }),
              IsOk());
}

// Engines may keep statements prepared between transactions (SQLite does, per
// connection); what a statement did last time must never show through.
TEST_P(StorageConformance, AStatementRunsAgainAfterItFailedAndEveryReadSeesTheLatestCommit) {
  auto count = [&] {
    int64_t n = -1;
    EXPECT_THAT(db_->Read([&](Transaction& txn) {
      n = txn.Query("SELECT COUNT(*) FROM request_ids").at(0).Int(0);
      return absl::OkStatus();
    }),
                IsOk());
    return n;
  };
  auto record = [&](const std::string& id) {
    return Write([&](Transaction& txn) { RequestLog::Record(txn, id, {"q", "r", "s"}, 1); });
  };
  ASSERT_THAT(record("req-1"), IsOk());
  EXPECT_EQ(count(), 1);
  EXPECT_THAT(record("req-1"), StatusIs(absl::StatusCode::kAlreadyExists, ::testing::_));
  ASSERT_THAT(record("req-2"), IsOk());  // the statement that failed, with new values
  EXPECT_EQ(count(), 2);                 // the read's statement, again, sees the new row
  EXPECT_THAT(Write([](Transaction& txn) { txn.Query("SELECT no_such_column FROM request_ids"); }),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("no_such_column")));
  ASSERT_THAT(record("req-3"), IsOk());
  EXPECT_EQ(count(), 3);
}

// Group commit: several requests' writes in one transaction, each in a savepoint.
TEST_P(StorageConformance, AFailedSavepointUndoesOnlyItselfAndTheTransactionGoesOn) {
  auto record = [](Transaction& txn, const std::string& id) {
    RequestLog::Record(txn, id, {"q", "r", "s"}, 1);
  };
  absl::Status duplicate, refused, later;
  ASSERT_THAT(db_->Write([&](Transaction& txn) {
    EXPECT_THAT(txn.Savepoint([&] {
      record(txn, "req-1");
      return absl::OkStatus();
    }),
                IsOk());
    // On PostgreSQL a failed statement outside a savepoint would abort the rest.
    duplicate = txn.Savepoint([&] {
      record(txn, "req-1");
      return absl::OkStatus();
    });
    refused = txn.Savepoint([&] {
      record(txn, "req-2");
      return absl::InvalidArgumentError("refused after writing");
    });
    later = txn.Savepoint([&] {
      record(txn, "req-3");
      return absl::OkStatus();
    });
    return absl::OkStatus();
  }),
              IsOk());
  EXPECT_THAT(duplicate, StatusIs(absl::StatusCode::kAlreadyExists, ::testing::_));
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument, "refused after writing"));
  EXPECT_THAT(later, IsOk());
  EXPECT_THAT(db_->Read([](Transaction& txn) {
    EXPECT_TRUE(RequestLog::Find(txn, "req-1").has_value());
    EXPECT_FALSE(RequestLog::Find(txn, "req-2").has_value());
    EXPECT_TRUE(RequestLog::Find(txn, "req-3").has_value());
    EXPECT_EQ(txn.Query("SELECT COUNT(*) FROM request_ids").at(0).Int(0), 2);
    return absl::OkStatus();
  }),
              IsOk());
}

TEST_P(StorageConformance, WritersOnSeveralHandlesAreSerialised) {
  // Each write reads how many requests are recorded and records the next: two
  // writes interleaving would pick the same id and one would fail.
  constexpr int kHandles = 3, kWrites = 40;
  std::vector<std::unique_ptr<Database>> handles;
  for (int i = 0; i < kHandles; ++i) handles.push_back(OpenHandle());
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < kHandles; ++i) {
    writers.emplace_back([&, i] {
      for (int n = 0; n < kWrites; ++n) {
        const absl::Status status = handles[i]->Write([](Transaction& txn) {
          const int64_t count = txn.Query("SELECT COUNT(*) FROM request_ids").at(0).Int(0);
          RequestLog::Record(txn, "req-" + std::to_string(count), {"q", "r", "s"}, count);
          return absl::OkStatus();
        });
        if (!status.ok()) ++failures;
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_THAT(db_->Read([](Transaction& txn) {
    EXPECT_EQ(txn.Query("SELECT COUNT(*) FROM request_ids").at(0).Int(0), kHandles * kWrites);
    return absl::OkStatus();
  }),
              IsOk());
}

TEST_P(StorageConformance, OneProcessAtATimeMayClaimTheDatabaseAsItsSole) {
  ASSERT_THAT(db_->ClaimSoleProcess("scheduling"), IsOk());
  ASSERT_THAT(db_->ClaimSoleProcess("scheduling"), IsOk());  // its own claim, again
  std::unique_ptr<Database> second = OpenHandle();
  EXPECT_THAT(second->ClaimSoleProcess("scheduling"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("another scheduling process is running")));
  // Writes are not what is refused: only a second claim.
  EXPECT_THAT(second->Write([](Transaction&) { return absl::OkStatus(); }), IsOk());
  db_.reset();  // the first process ends
  EXPECT_THAT(second->ClaimSoleProcess("scheduling"), IsOk());
}

TEST_P(StorageConformance, TheSeededRegistryReopensWithEverything) {
  FakeClock clock(rakor::testing::Jakarta(2026, 11, 23));
  size_t units = 0;
  {
    auto registry = rakor::registry::Registry::Open(target_, &clock);
    ASSERT_THAT(registry, IsOk());
    ASSERT_THAT(rakor::registry::LoadSeedDirectory(**registry, rakor::testing::SeedDir()), IsOk());
    for (const auto& [name, view] : (*registry)->snapshot()->regions()) {
      units += view->units().size();
    }
  }
  auto reopened = rakor::registry::Registry::Open(target_, &clock);
  ASSERT_THAT(reopened, IsOk());
  size_t reloaded = 0;
  for (const auto& [name, view] : (*reopened)->snapshot()->regions()) {
    reloaded += view->units().size();
  }
  EXPECT_EQ(reloaded, units);
  EXPECT_EQ(units, 140u + 0u);
  const auto* dinkes = (*reopened)->snapshot()->FindUnit("regions/banjar/units/dinas-kesehatan");
  ASSERT_NE(dinkes, nullptr);
  EXPECT_GT(dinkes->structured_citations_size(), 0);
}

TEST(PostgresUri, APasswordInTheUriIsRefusedBeforeAnyConnection) {
  for (const char* uri : {"postgresql://rakor:secret@db.example/registry",
                          "postgresql:///registry?host=/tmp&password=secret",
                          "postgresql:///registry?host=/tmp&%70assword=secret"}) {
    EXPECT_THAT(Database::Open(uri, RegistryMigrations(), Durability::kFull),
                StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("PGPASSWORD")))
        << uri;
  }
}

INSTANTIATE_TEST_SUITE_P(BothEngines, StorageConformance, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace rakor::storage
