// A SQLite database file set up the way every rakor service needs it: WAL,
// foreign keys on, a busy timeout, and its schema brought up to date by numbered
// migrations recorded in PRAGMA user_version.
//
// SQLite::Exception never leaves storage/: Run and InTransaction map it to
// absl::Status (see sqlite_status.h).
#pragma once

#include <memory>
#include <mutex>
#include <span>
#include <string>
#include "absl/strings/string_view.h"

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Transaction.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/sqlite_status.h"

namespace rakor::storage {

struct Migration {
  int version;           // 1, 2, 3, ... in order
  absl::string_view sql;  // one or more statements
};

enum class Durability {
  // synchronous=FULL: a commit survives a power cut, not just a process crash.
  kFull,
  // synchronous=NORMAL: survives a process crash; may lose the last commits on power loss.
  kNormal,
};

class Database {
 public:
  static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& path,
                                                        std::span<const Migration> migrations,
                                                        Durability durability);

  // Runs `body(SQLite::Database&)` returning absl::Status, mapping SQLite errors.
  template <typename Body>
  absl::Status Run(Body&& body) {
    return CatchSqlite([&] { return body(db_); });
  }

  // Runs `body` on a second, read-only connection in one read transaction: it sees
  // one committed state and never waits for the writer (WAL), nor the writer for it.
  // For readers that must not take the writer's lock, such as a watcher catching up.
  template <typename Body>
  absl::Status Read(Body&& body) {
    std::lock_guard<std::mutex> lock(reader_mu_);
    return CatchSqlite([&]() -> absl::Status {
      SQLite::Transaction txn(reader_, SQLite::TransactionBehavior::DEFERRED);
      return body(reader_);  // nothing to commit: the destructor ends it
    });
  }

  // Runs `body` in one BEGIN IMMEDIATE transaction: committed if it returns OK,
  // rolled back if it returns an error or SQLite fails.
  template <typename Body>
  absl::Status InTransaction(Body&& body) {
    return CatchSqlite([&]() -> absl::Status {
      SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
      absl::Status status = body(db_);
      if (status.ok()) txn.commit();
      return status;  // the destructor rolls back an uncommitted transaction
    });
  }

 private:
  explicit Database(const std::string& path);
  absl::Status Migrate(std::span<const Migration> migrations);

  SQLite::Database db_;
  std::mutex reader_mu_;
  SQLite::Database reader_;
};

}  // namespace rakor::storage
