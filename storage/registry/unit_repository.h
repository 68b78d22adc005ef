// SQL for the units table.
#pragma once

#include <string>
#include <vector>

#include "SQLiteCpp/Database.h"
#include "rakor/registry/v1/resources.pb.h"

namespace rakor::storage::registry {

using rakor::registry::v1::Unit;

// Call inside Database::Run / InTransaction. unit.etag carries the revision.
// The output-only `coordinator` is not stored: coordinations are.
class UnitRepository {
 public:
  static std::vector<Unit> LoadAll(SQLite::Database& db);
  // Inserts the unit, or replaces the stored one of the same name.
  static void Upsert(SQLite::Database& db, const std::string& region, const Unit& unit);
};

}  // namespace rakor::storage::registry
