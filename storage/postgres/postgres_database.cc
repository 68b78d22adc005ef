#include "storage/postgres/postgres_database.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libpq-fe.h"
#include "pqxx/pqxx"
#include "storage/postgres/postgres_status.h"

namespace rakor::storage {
namespace {

// The writer lock every replica takes: pg_advisory_xact_lock's key space is the
// database's, so the key is the schema's, where services share a database, each in
// its own schema (k8s/overlays/production).
constexpr char kTakeWriterLock[] =
    "SELECT pg_advisory_xact_lock(hashtextextended('rakor-writer:' || current_schema(), 0))";
constexpr char kLockTimeout[] = "SET LOCAL lock_timeout = '10s'";
constexpr int kWriteAttempts = 5;
constexpr unsigned kByteaOid = 17;

class PostgresTransaction final : public Transaction {
 public:
  explicit PostgresTransaction(pqxx::transaction_base& txn) : txn_(txn) {}
  Dialect dialect() const override { return Dialect::kPostgres; }

  void Exec(std::string_view sql, const std::vector<SqlValue>& params) override {
    Run(sql, params);
  }

  std::vector<SqlRow> Query(std::string_view sql, const std::vector<SqlValue>& params) override {
    const pqxx::result result = Run(sql, params);
    std::vector<SqlRow> rows;
    rows.reserve(result.size());
    for (const pqxx::row& row : result) {
      std::vector<std::optional<std::string>> values;
      values.reserve(row.size());
      for (const pqxx::field& field : row) {
        if (field.is_null()) {
          values.emplace_back();
        } else if (field.type() == kByteaOid) {
          values.emplace_back(txn_.unesc_raw(field.c_str()));
        } else {
          values.emplace_back(std::string(field.c_str(), field.size()));
        }
      }
      rows.emplace_back(std::move(values));
    }
    return rows;
  }

  absl::Status Savepoint(const std::function<absl::Status()>& body) override {
    txn_.exec0("SAVEPOINT request");
    absl::Status status;
    try {
      status = body();
    } catch (const pqxx::transaction_rollback&) {
      throw;  // a serialization failure: the whole transaction runs again
    } catch (const pqxx::sql_error& e) {
      status = StatusFromPostgres(e);
    }
    if (!status.ok()) txn_.exec0("ROLLBACK TO SAVEPOINT request");
    txn_.exec0("RELEASE SAVEPOINT request");
    return status;
  }

 private:
  // Parameters go in text format: integers in decimal, blobs as bytea's hex form.
  pqxx::result Run(std::string_view sql, const std::vector<SqlValue>& params) {
    std::vector<std::string> text(params.size());
    std::vector<const char*> pointers(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const SqlValue& v = params[i];
      switch (v.kind) {
        case SqlValue::Kind::kNull:
          continue;
        case SqlValue::Kind::kInt:
          text[i] = absl::StrCat(v.number);
          break;
        case SqlValue::Kind::kText:
          text[i] = v.bytes;
          break;
        case SqlValue::Kind::kBlob:
          text[i] = txn_.esc_raw(v.bytes);
          break;
      }
      pointers[i] = text[i].c_str();
    }
    return txn_.exec_params(std::string(sql), pqxx::prepare::make_dynamic_params(pointers));
  }

  pqxx::transaction_base& txn_;
};

// Runs `f`, mapping libpqxx's exceptions to a status. A serialization failure or
// a deadlock sets `*rolled_back` (when given), so that a write can run again.
template <typename F>
absl::Status CatchPostgres(F&& f, bool* rolled_back = nullptr) {
  try {
    return f();
  } catch (const pqxx::sql_error& e) {
    return StatusFromPostgres(e);
  } catch (const pqxx::broken_connection& e) {
    return absl::UnavailableError(absl::StrCat("storage: connection lost: ", e.what()));
  } catch (const pqxx::in_doubt_error& e) {
    return absl::UnavailableError(absl::StrCat("storage: commit outcome unknown: ", e.what()));
  } catch (const pqxx::transaction_rollback& e) {  // serialization failure, deadlock
    if (rolled_back != nullptr) *rolled_back = true;
    return absl::AbortedError(absl::StrCat("storage: ", e.what()));
  } catch (const std::exception& e) {  // a libpqxx usage error, a row without a column
    return absl::InternalError(absl::StrCat("storage: ", e.what()));
  }
}

// The connection string: `uri` with TCP keepalives, so that a replica whose
// database host vanished finds out in seconds, not when TCP gives up hours later.
std::string WithKeepalives(const std::string& uri) {
  return absl::StrCat(uri, absl::StrContains(uri, '?') ? "&" : "?",
                      "keepalives=1&keepalives_idle=10&keepalives_interval=5&"
                      "keepalives_count=3&connect_timeout=10");
}

}  // namespace

bool IsPostgresUri(const std::string& uri) {
  return absl::StartsWith(uri, "postgresql://") || absl::StartsWith(uri, "postgres://");
}

PostgresDatabase::PostgresDatabase(const std::string& uri)
    : writer_(WithKeepalives(uri)), reader_(WithKeepalives(uri)), uri_(uri) {}

absl::Status PostgresDatabase::ClaimSoleProcess(absl::string_view who) {
  if (sole_ != nullptr) return absl::OkStatus();
  try {
    auto connection = std::make_unique<pqxx::connection>(WithKeepalives(uri_));
    pqxx::nontransaction txn(*connection);
    const bool held = txn.exec1(
                             "SELECT pg_try_advisory_lock(hashtextextended('rakor-sole:' || "
                             "current_schema(), 0))")[0]
                          .as<bool>();
    if (!held) {
      return absl::FailedPreconditionError(
          absl::StrCat("another ", who, " process is running on this database; ", who,
                       " keeps its state in memory and runs as one process per database"));
    }
    sole_ = std::move(connection);
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat("claiming the database for ", who, ": ", e.what()));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Database>> PostgresDatabase::Open(
    const std::string& uri, std::span<const Migration> migrations) {
  // A password in the URI would show in `ps` and in logs. libpq parses the URI
  // (percent-encoding included) exactly as it will connect with it.
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(uri.c_str(), &parse_error);
  if (options == nullptr) {
    const std::string why = parse_error != nullptr ? parse_error : "out of memory";
    PQfreemem(parse_error);
    return absl::InvalidArgumentError(absl::StrCat("the database URI is malformed: ", why));
  }
  bool has_password = false;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (std::string(o->keyword) == "password" && o->val != nullptr && *o->val != '\0') {
      has_password = true;
    }
  }
  PQconninfoFree(options);
  if (has_password) {
    return absl::InvalidArgumentError(
        "the database URI carries a password: give it in PGPASSWORD or a PGPASSFILE instead");
  }
  std::unique_ptr<PostgresDatabase> database;
  absl::Status status = CatchPostgres([&] {
    database.reset(new PostgresDatabase(uri));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (absl::Status migrated = database->Migrate(migrations); !migrated.ok()) {
    return absl::Status(migrated.code(), absl::StrCat("migrating: ", migrated.message()));
  }
  return std::unique_ptr<Database>(std::move(database));
}

absl::Status PostgresDatabase::Write(const Body& body) {
  std::lock_guard<std::mutex> lock(writer_mu_);
  absl::Status status;
  for (int attempt = 1; attempt <= kWriteAttempts; ++attempt) {
    bool rolled_back = false;
    status = CatchPostgres(
        [&]() -> absl::Status {
          pqxx::work txn(writer_);
          // A replica that died holding the lock is noticed by keepalives; until then
          // a write gives up rather than wait for ever.
          txn.exec(kLockTimeout);
          txn.exec(kTakeWriterLock);
          PostgresTransaction work(txn);
          absl::Status result = body(work);
          if (result.ok()) txn.commit();
          return result;  // the destructor rolls back an uncommitted transaction
        },
        &rolled_back);
    if (!rolled_back) break;
  }
  return status;
}

absl::Status PostgresDatabase::Read(const Body& body) {
  std::lock_guard<std::mutex> lock(reader_mu_);
  return CatchPostgres([&]() -> absl::Status {
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> txn(reader_);
    PostgresTransaction work(txn);
    return body(work);
  });
}

absl::Status PostgresDatabase::Migrate(std::span<const Migration> migrations) {
  return CatchPostgres([&]() -> absl::Status {
    pqxx::work txn(writer_);
    txn.exec(kTakeWriterLock);  // two replicas starting at once migrate one after the other
    txn.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY)");
    int current =
        txn.exec("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0][0].as<int>();
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
      txn.exec(std::string(m.sql));
      txn.exec(absl::StrCat("INSERT INTO schema_migrations (version) VALUES (", m.version, ")"));
      current = m.version;
    }
    txn.commit();  // every migration and its record, or none
    return absl::OkStatus();
  });
}

}  // namespace rakor::storage
