#include "storage/database.h"

#include "absl/strings/str_cat.h"

namespace rakor::storage {

Database::Database(const std::string& path)
    : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX),
      // Opened after db_ created the file; WAL is a property of the file.
      reader_(path, SQLite::OPEN_READONLY | SQLite::OPEN_FULLMUTEX) {}

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path,
                                                         std::span<const Migration> migrations,
                                                         Durability durability) {
  std::unique_ptr<Database> database;
  absl::Status status = CatchSqlite([&]() -> absl::Status {
    database.reset(new Database(path));
    SQLite::Database& db = database->db_;
    db.setBusyTimeout(5000);
    database->reader_.setBusyTimeout(5000);
    db.exec("PRAGMA journal_mode=WAL");
    db.exec(durability == Durability::kFull ? "PRAGMA synchronous=FULL"
                                            : "PRAGMA synchronous=NORMAL");
    db.exec("PRAGMA foreign_keys=ON");
    return absl::OkStatus();
  });
  if (!status.ok()) {
    return absl::Status(status.code(), absl::StrCat("opening ", path, ": ", status.message()));
  }
  if (absl::Status migrated = database->Migrate(migrations); !migrated.ok()) {
    return absl::Status(migrated.code(),
                        absl::StrCat("migrating ", path, ": ", migrated.message()));
  }
  return database;
}

absl::Status Database::Migrate(std::span<const Migration> migrations) {
  return CatchSqlite([&]() -> absl::Status {
    int current = db_.execAndGet("PRAGMA user_version").getInt();
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    if (current > latest) {
      return absl::FailedPreconditionError(absl::StrCat(
          "schema version ", current, " is newer than this binary knows (", latest, ")"));
    }
    for (const Migration& m : migrations) {
      if (m.version <= current) continue;
      if (m.version != current + 1) {
        return absl::InternalError(absl::StrCat("migration ", m.version, " out of order"));
      }
      // A migration and its version bump commit together, or not at all.
      SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
      db_.exec(std::string(m.sql));
      db_.exec(absl::StrCat("PRAGMA user_version=", m.version));
      txn.commit();
      current = m.version;
    }
    return absl::OkStatus();
  });
}

}  // namespace rakor::storage
