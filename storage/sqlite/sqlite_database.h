// Database on an embedded SQLite file (SQLiteCpp): WAL, foreign keys on, a busy
// timeout, migrations recorded in PRAGMA user_version. Writes on one connection in
// BEGIN IMMEDIATE transactions; reads on a second, read-only connection.
#pragma once

#include <memory>
#include <mutex>
#include <span>
#include <string>

#include "SQLiteCpp/Database.h"
#include "storage/database.h"
#include "storage/sqlite/statement_cache.h"

namespace rakor::storage {

class SqliteDatabase final : public Database {
 public:
  static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& path,
                                                        std::span<const Migration> migrations,
                                                        Durability durability);

  absl::Status Write(const Body& body) override;
  absl::Status Read(const Body& body) override;
  bool shared() const override { return false; }
  // An exclusive flock on "<file>-sole", which the system releases when the process ends.
  absl::Status ClaimSoleProcess(absl::string_view who) override;
  ~SqliteDatabase() override;

 private:
  explicit SqliteDatabase(const std::string& path);
  absl::Status Migrate(std::span<const Migration> migrations);

  std::mutex writer_mu_;
  SQLite::Database writer_;
  std::mutex reader_mu_;
  SQLite::Database reader_;
  // After the connections: a statement must be finalized before its connection closes.
  StatementCache writer_statements_;  // used under writer_mu_
  StatementCache reader_statements_;  // used under reader_mu_
  std::string path_;
  int sole_fd_ = -1;
};

}  // namespace rakor::storage
