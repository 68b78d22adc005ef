// SQL for the units table.
#pragma once

#include <string>
#include <vector>

#include "storage/transaction.h"
#include "rakor/registry/v1/resources.pb.h"

namespace rakor::storage::registry {

using rakor::registry::v1::Unit;

// Call inside Database::Write / Read. unit.etag carries the revision.
// The output-only `coordinator` is not stored: coordinations are.
class UnitRepository {
 public:
  static std::vector<Unit> LoadAll(Transaction& txn);
  // Inserts the unit, or replaces the stored one of the same name.
  static void Upsert(Transaction& txn, const std::string& region, const Unit& unit);
};

}  // namespace rakor::storage::registry
