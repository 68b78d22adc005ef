// PostgreSQL errors as canonical status codes: the same codes SQLite's errors get
// for the same violation (storage/sqlite/sqlite_status.h), so that domain code maps
// them to the same domain errors whichever engine is below.
#pragma once

#include "absl/status/status.h"
#include "pqxx/except"

namespace rakor::storage {

absl::Status StatusFromPostgres(const pqxx::sql_error& e);

}  // namespace rakor::storage
