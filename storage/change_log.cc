#include "storage/change_log.h"

#include "SQLiteCpp/Statement.h"

namespace rakor::storage {

int64_t ChangeLog::Append(SQLite::Database& db, const Row& row) {
  SQLite::Statement stmt(db,
                         "INSERT INTO changes (region, resource, type, actor, change_time, "
                         "payload) VALUES (?,?,?,?,?,?)");
  stmt.bind(1, row.region);
  stmt.bind(2, row.resource);
  stmt.bind(3, row.type);
  stmt.bind(4, row.actor);
  stmt.bind(5, row.change_time_micros);
  stmt.bind(6, row.payload.data(), static_cast<int>(row.payload.size()));
  stmt.exec();
  return db.getLastInsertRowid();
}

std::vector<std::pair<int64_t, std::string>> ChangeLog::ReadAfter(SQLite::Database& db,
                                                                  const std::string& region,
                                                                  int64_t after_sequence,
                                                                  int limit) {
  // Two statements, so that a region's read uses the (region, sequence) index.
  SQLite::Statement stmt(
      db, region.empty() ? "SELECT sequence, payload FROM changes WHERE sequence > ?1 "
                           "ORDER BY sequence LIMIT ?3"
                         : "SELECT sequence, payload FROM changes WHERE region = ?2 AND "
                           "sequence > ?1 ORDER BY sequence LIMIT ?3");
  stmt.bind(1, after_sequence);
  if (!region.empty()) stmt.bind(2, region);
  stmt.bind(3, limit);
  std::vector<std::pair<int64_t, std::string>> rows;
  while (stmt.executeStep()) {
    const SQLite::Column payload = stmt.getColumn(1);
    rows.emplace_back(stmt.getColumn(0).getInt64(),
                      std::string(static_cast<const char*>(payload.getBlob()),
                                  payload.getBytes()));
  }
  return rows;
}

int64_t ChangeLog::LastSequence(SQLite::Database& db) {
  return db.execAndGet("SELECT COALESCE(MAX(sequence), 0) FROM changes").getInt64();
}

}  // namespace rakor::storage
