#include "storage/request_log.h"

#include "SQLiteCpp/Statement.h"

namespace rakor::storage {

std::optional<RecordedRequest> RequestLog::Find(SQLite::Database& db,
                                                const std::string& request_id) {
  SQLite::Statement stmt(
      db, "SELECT request, resource, response FROM request_ids WHERE request_id = ?");
  stmt.bind(1, request_id);
  if (!stmt.executeStep()) return std::nullopt;
  auto blob = [&](int column) {
    const SQLite::Column c = stmt.getColumn(column);
    return std::string(static_cast<const char*>(c.getBlob()), c.getBytes());
  };
  return RecordedRequest{blob(0), stmt.getColumn(1).getString(), blob(2)};
}

void RequestLog::Record(SQLite::Database& db, const std::string& request_id,
                        const RecordedRequest& request, int64_t create_time_micros) {
  SQLite::Statement stmt(db,
                         "INSERT INTO request_ids (request_id, request, resource, response, "
                         "create_time) VALUES (?,?,?,?,?)");
  stmt.bind(1, request_id);
  stmt.bind(2, request.request.data(), static_cast<int>(request.request.size()));
  stmt.bind(3, request.resource);
  stmt.bind(4, request.response.data(), static_cast<int>(request.response.size()));
  stmt.bind(5, create_time_micros);
  stmt.exec();
}

}  // namespace rakor::storage
