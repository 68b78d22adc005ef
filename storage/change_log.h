// SQL for the changes table that every service's schema has: the audit trail of
// every committed change, in order, which WatchChanges replays and then follows.
// Each service stores its own Change message (resource, type, actor, change_time,
// sequence and the resource itself) as the payload.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "SQLiteCpp/Database.h"
#include "common/time.h"

namespace rakor::storage {

// Call inside Database::Run / InTransaction.
class ChangeLog {
 public:
  struct Row {
    std::string region;
    std::string resource;
    int type = 0;
    std::string actor;
    int64_t change_time_micros = 0;
    std::string payload;
  };
  // Appends `row`; returns its sequence.
  static int64_t Append(SQLite::Database& db, const Row& row);
  // Up to `limit` payloads after `after_sequence`, oldest first, with their
  // sequences; all regions when `region` is empty.
  static std::vector<std::pair<int64_t, std::string>> ReadAfter(SQLite::Database& db,
                                                                const std::string& region,
                                                                int64_t after_sequence,
                                                                int limit);
  static int64_t LastSequence(SQLite::Database& db);
};

// Appends a service's Change message; sets and returns its sequence.
template <typename Change>
int64_t AppendChange(SQLite::Database& db, const std::string& region, Change& change) {
  change.clear_sequence();
  const int64_t sequence =
      ChangeLog::Append(db, {region, change.resource(), static_cast<int>(change.type()),
                             change.actor(), TimestampMicros(change.change_time()),
                             change.SerializeAsString()});
  change.set_sequence(sequence);
  return sequence;
}

// Reads a service's Change messages after `after_sequence`.
template <typename Change>
std::vector<Change> ReadChangesAfter(SQLite::Database& db, const std::string& region,
                                     int64_t after_sequence, int limit) {
  std::vector<Change> changes;
  for (auto& [sequence, payload] : ChangeLog::ReadAfter(db, region, after_sequence, limit)) {
    Change& c = changes.emplace_back();
    c.ParseFromString(payload);
    c.set_sequence(sequence);
  }
  return changes;
}

}  // namespace rakor::storage
