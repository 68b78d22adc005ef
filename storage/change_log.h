// SQL for the changes table that every service's schema has: the audit trail of
// every committed change, in order, which WatchChanges replays and then follows,
// and which replicas on a shared database follow to keep their memory current.
// Each service stores its own Change message (resource, type, actor, change_time,
// sequence and the resource itself) as the payload.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/time.h"
#include "storage/transaction.h"

namespace rakor::storage {

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
  static int64_t Append(Transaction& txn, const Row& row);
  // Up to `limit` payloads after `after_sequence`, oldest first, with their
  // sequences; all regions when `region` is empty. Every parameter a statement is
  // given, it uses: PostgreSQL cannot type one it does not see.
  static std::vector<std::pair<int64_t, std::string>> ReadAfter(Transaction& txn,
                                                                const std::string& region,
                                                                int64_t after_sequence, int limit);
  static int64_t LastSequence(Transaction& txn);
};

// Appends a service's Change message; sets and returns its sequence.
template <typename Change>
int64_t AppendChange(Transaction& txn, const std::string& region, Change& change) {
  change.clear_sequence();
  const int64_t sequence = ChangeLog::Append(
      txn, {region, change.resource(), static_cast<int>(change.type()), change.actor(),
            TimestampMicros(change.change_time()), change.SerializeAsString()});
  change.set_sequence(sequence);
  return sequence;
}

// Reads a service's Change messages after `after_sequence`.
template <typename Change>
std::vector<Change> ReadChangesAfter(Transaction& txn, const std::string& region,
                                     int64_t after_sequence, int limit) {
  std::vector<Change> changes;
  for (auto& [sequence, payload] : ChangeLog::ReadAfter(txn, region, after_sequence, limit)) {
    Change& c = changes.emplace_back();
    c.ParseFromString(payload);
    c.set_sequence(sequence);
  }
  return changes;
}

}  // namespace rakor::storage
