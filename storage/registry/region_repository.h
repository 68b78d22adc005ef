// SQL for the regions table.
#pragma once

#include <vector>

#include "SQLiteCpp/Database.h"
#include "rakor/registry/v1/resources.pb.h"

namespace rakor::storage::registry {

using rakor::registry::v1::Region;

// Call inside Database::Run / InTransaction, which map SQLite errors to status.
// region.etag carries the revision as a decimal string (see etag.h).
class RegionRepository {
 public:
  static std::vector<Region> LoadAll(SQLite::Database& db);
  static void Insert(SQLite::Database& db, const Region& region);
  static void Update(SQLite::Database& db, const Region& region);
};

}  // namespace rakor::storage::registry
