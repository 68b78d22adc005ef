#include "storage/database.h"

#include "storage/postgres/postgres_database.h"
#include "storage/sqlite/sqlite_database.h"

namespace rakor::storage {

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& target,
                                                         const Migrations& migrations,
                                                         Durability durability) {
  if (IsPostgresUri(target)) return PostgresDatabase::Open(target, migrations.postgres);
  return SqliteDatabase::Open(target, migrations.sqlite, durability);
}

}  // namespace rakor::storage
