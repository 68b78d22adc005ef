// SQL for the changes table: the audit trail of every committed change, which
// WatchChanges replays and then follows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "SQLiteCpp/Database.h"
#include "rakor/registry/v1/registry_service.pb.h"

namespace rakor::storage::registry {

using rakor::registry::v1::Change;

// Call inside Database::Run / InTransaction.
class ChangeLog {
 public:
  // Appends `change` (its sequence is assigned here) and returns it with the sequence.
  static Change Append(SQLite::Database& db, const std::string& region, Change change);
  // Up to `limit` changes after `after_sequence`, oldest first; all regions when
  // `region` is empty.
  static std::vector<Change> ReadAfter(SQLite::Database& db, const std::string& region,
                                       int64_t after_sequence, int limit);
  static int64_t LastSequence(SQLite::Database& db);
};

}  // namespace rakor::storage::registry
