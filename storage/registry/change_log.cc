#include "storage/registry/change_log.h"

#include "SQLiteCpp/Statement.h"
#include "storage/registry/columns.h"

namespace rakor::storage::registry {

Change ChangeLog::Append(SQLite::Database& db, const std::string& region, Change change) {
  change.clear_sequence();
  const std::string payload = change.SerializeAsString();
  SQLite::Statement stmt(db,
                         "INSERT INTO changes (region, resource, type, actor, change_time, "
                         "payload) VALUES (?,?,?,?,?,?)");
  stmt.bind(1, region);
  stmt.bind(2, change.resource());
  stmt.bind(3, static_cast<int>(change.type()));
  stmt.bind(4, change.actor());
  stmt.bind(5, TimestampMicros(change.change_time()));
  stmt.bind(6, payload.data(), static_cast<int>(payload.size()));
  stmt.exec();
  change.set_sequence(db.getLastInsertRowid());
  return change;
}

std::vector<Change> ChangeLog::ReadAfter(SQLite::Database& db, const std::string& region,
                                         int64_t after_sequence, int limit) {
  // Two statements, so that a region's read uses the (region, sequence) index.
  SQLite::Statement stmt(
      db, region.empty() ? "SELECT sequence, payload FROM changes WHERE sequence > ?1 "
                           "ORDER BY sequence LIMIT ?3"
                         : "SELECT sequence, payload FROM changes WHERE region = ?2 AND "
                           "sequence > ?1 ORDER BY sequence LIMIT ?3");
  stmt.bind(1, after_sequence);
  if (!region.empty()) stmt.bind(2, region);
  stmt.bind(3, limit);
  std::vector<Change> changes;
  while (stmt.executeStep()) {
    Change& c = changes.emplace_back();
    const SQLite::Column payload = stmt.getColumn(1);
    c.ParseFromArray(payload.getBlob(), payload.getBytes());
    c.set_sequence(stmt.getColumn(0).getInt64());
  }
  return changes;
}

int64_t ChangeLog::LastSequence(SQLite::Database& db) {
  return db.execAndGet("SELECT COALESCE(MAX(sequence), 0) FROM changes").getInt64();
}

}  // namespace rakor::storage::registry
