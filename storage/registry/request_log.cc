#include "storage/registry/request_log.h"

#include "SQLiteCpp/Statement.h"

namespace rakor::storage::registry {

std::optional<RecordedRequest> RequestLog::Find(SQLite::Database& db,
                                                const std::string& request_id) {
  SQLite::Statement stmt(db, "SELECT request, resource FROM request_ids WHERE request_id = ?");
  stmt.bind(1, request_id);
  if (!stmt.executeStep()) return std::nullopt;
  const SQLite::Column request = stmt.getColumn(0);
  return RecordedRequest{
      std::string(static_cast<const char*>(request.getBlob()), request.getBytes()),
      stmt.getColumn(1).getString()};
}

void RequestLog::Record(SQLite::Database& db, const std::string& request_id,
                        const RecordedRequest& request, int64_t create_time_micros) {
  SQLite::Statement stmt(db,
                         "INSERT INTO request_ids (request_id, request, resource, create_time) "
                         "VALUES (?,?,?,?)");
  stmt.bind(1, request_id);
  stmt.bind(2, request.request.data(), static_cast<int>(request.request.size()));
  stmt.bind(3, request.resource);
  stmt.bind(4, create_time_micros);
  stmt.exec();
}

}  // namespace rakor::storage::registry
