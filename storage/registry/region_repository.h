// SQL for the regions table.
#pragma once

#include <vector>

#include "storage/transaction.h"
#include "rakor/registry/v1/resources.pb.h"

namespace rakor::storage::registry {

using rakor::registry::v1::Region;

// Call inside Database::Write / Read, which map engine errors to status.
// region.etag carries the revision as a decimal string (see etag.h).
class RegionRepository {
 public:
  static std::vector<Region> LoadAll(Transaction& txn);
  // Inserts the region, or replaces the stored one of the same name.
  static void Upsert(Transaction& txn, const Region& region);
};

}  // namespace rakor::storage::registry
