// Database on PostgreSQL (libpqxx), for deployments whose replicas share one
// database (CloudNativePG in k8s/). Writes hold a transaction-scoped advisory lock
// (the service's writer lock across every replica) and run READ COMMITTED under
// it; a serialization failure or a deadlock runs the write again. Reads run in
// REPEATABLE READ, READ ONLY transactions on a second connection. Migrations are
// recorded in schema_migrations, applied under the same lock.
#pragma once

#include <memory>
#include <mutex>
#include <span>
#include <string>

#include "pqxx/connection"
#include "storage/database.h"

namespace rakor::storage {

class PostgresDatabase final : public Database {
 public:
  // `uri`: postgresql://[user@]host[:port]/dbname[?host=/socket/dir...]; refused
  // if it carries a password (use PGPASSWORD or PGPASSFILE).
  static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& uri,
                                                        std::span<const Migration> migrations);

  absl::Status Write(const Body& body) override;
  absl::Status Read(const Body& body) override;
  bool shared() const override { return true; }
  // A session advisory lock of the schema, on a connection of its own held open.
  absl::Status ClaimSoleProcess(absl::string_view who) override;

 private:
  PostgresDatabase(const std::string& uri);
  absl::Status Migrate(std::span<const Migration> migrations);

  std::mutex writer_mu_;
  pqxx::connection writer_;
  std::mutex reader_mu_;
  pqxx::connection reader_;
  std::string uri_;
  std::unique_ptr<pqxx::connection> sole_;
};

// Whether `uri` names a PostgreSQL database rather than a SQLite file.
bool IsPostgresUri(const std::string& uri);

}  // namespace rakor::storage
