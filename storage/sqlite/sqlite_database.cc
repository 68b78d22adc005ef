#include "storage/sqlite/sqlite_database.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include "SQLiteCpp/Statement.h"
#include "SQLiteCpp/Transaction.h"
#include "absl/strings/str_cat.h"
#include "storage/sqlite/sqlite_status.h"

namespace rakor::storage {
namespace {

class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(StatementCache& statements) : statements_(statements) {}
  Dialect dialect() const override { return Dialect::kSqlite; }

  void Exec(std::string_view sql, const std::vector<SqlValue>& params) override {
    StatementCache::Use use(statements_, sql, params);
    while (use.stmt.executeStep()) {
    }
  }

  std::vector<SqlRow> Query(std::string_view sql, const std::vector<SqlValue>& params) override {
    StatementCache::Use use(statements_, sql, params);
    SQLite::Statement& stmt = use.stmt;
    std::vector<SqlRow> rows;
    const int columns = stmt.getColumnCount();
    while (stmt.executeStep()) {
      std::vector<std::optional<std::string>> values;
      values.reserve(columns);
      for (int i = 0; i < columns; ++i) {
        const SQLite::Column c = stmt.getColumn(i);
        if (c.isNull()) {
          values.emplace_back();
        } else if (c.isInteger()) {
          values.emplace_back(absl::StrCat(c.getInt64()));
        } else {
          values.emplace_back(std::string(static_cast<const char*>(c.getBlob()), c.getBytes()));
        }
      }
      rows.emplace_back(std::move(values));
    }
    return rows;
  }

  absl::Status Savepoint(const std::function<absl::Status()>& body) override {
    Exec("SAVEPOINT request", {});
    const absl::Status status = CatchSqlite(body);
    // Where SQLite rolled the whole transaction back itself (a full disk, an I/O
    // error), there is no savepoint left and this throws: the transaction ends.
    if (!status.ok()) Exec("ROLLBACK TO request", {});
    Exec("RELEASE request", {});
    return status;
  }

 private:
  StatementCache& statements_;
};

}  // namespace

SqliteDatabase::SqliteDatabase(const std::string& path)
    : writer_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX),
      // Opened after writer_ created the file; WAL is a property of the file.
      reader_(path, SQLite::OPEN_READONLY | SQLite::OPEN_FULLMUTEX),
      writer_statements_(writer_),
      reader_statements_(reader_),
      path_(path) {}

SqliteDatabase::~SqliteDatabase() {
  if (sole_fd_ >= 0) ::close(sole_fd_);  // and with it the lock
}

absl::Status SqliteDatabase::ClaimSoleProcess(absl::string_view who) {
  if (sole_fd_ >= 0) return absl::OkStatus();
  const std::string lock = path_ + "-sole";
  const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return absl::InternalError(absl::StrCat("cannot open ", lock));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return absl::FailedPreconditionError(
        absl::StrCat("another ", who, " process is running on ", path_, "; ", who,
                     " keeps its state in memory and runs as one process per database"));
  }
  sole_fd_ = fd;
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Database>> SqliteDatabase::Open(
    const std::string& path, std::span<const Migration> migrations, Durability durability) {
  std::unique_ptr<SqliteDatabase> database;
  absl::Status status = CatchSqlite([&]() -> absl::Status {
    database.reset(new SqliteDatabase(path));
    SQLite::Database& db = database->writer_;
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
  return std::unique_ptr<Database>(std::move(database));
}

absl::Status SqliteDatabase::Write(const Body& body) {
  std::lock_guard<std::mutex> lock(writer_mu_);
  return CatchSqlite([&]() -> absl::Status {
    SQLite::Transaction txn(writer_, SQLite::TransactionBehavior::IMMEDIATE);
    SqliteTransaction work(writer_statements_);
    absl::Status status = body(work);
    if (status.ok()) txn.commit();
    return status;  // the destructor rolls back an uncommitted transaction
  });
}

absl::Status SqliteDatabase::Read(const Body& body) {
  std::lock_guard<std::mutex> lock(reader_mu_);
  return CatchSqlite([&]() -> absl::Status {
    SQLite::Transaction txn(reader_, SQLite::TransactionBehavior::DEFERRED);
    SqliteTransaction work(reader_statements_);
    return body(work);  // nothing to commit: the destructor ends it
  });
}

absl::Status SqliteDatabase::Migrate(std::span<const Migration> migrations) {
  return CatchSqlite([&]() -> absl::Status {
    int current = writer_.execAndGet("PRAGMA user_version").getInt();
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
      SQLite::Transaction txn(writer_, SQLite::TransactionBehavior::IMMEDIATE);
      writer_.exec(std::string(m.sql));
      writer_.exec(absl::StrCat("PRAGMA user_version=", m.version));
      txn.commit();
      current = m.version;
    }
    return absl::OkStatus();
  });
}

}  // namespace rakor::storage
