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
  // Inserts the region, or replaces the stored one of the same name.
  static void Upsert(SQLite::Database& db, const Region& region);
};

}  // namespace rakor::storage::registry
