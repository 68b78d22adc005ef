#include "storage/request_log.h"

namespace rakor::storage {

std::optional<RecordedRequest> RequestLog::Find(Transaction& txn, const std::string& request_id) {
  const std::vector<SqlRow> rows =
      txn.Query("SELECT request, resource, response FROM request_ids WHERE request_id = $1",
                {SqlValue::Text(request_id)});
  if (rows.empty()) return std::nullopt;
  return RecordedRequest{rows[0].Blob(0), rows[0].Text(1), rows[0].Blob(2)};
}

void RequestLog::Record(Transaction& txn, const std::string& request_id,
                        const RecordedRequest& request, int64_t create_time_micros) {
  txn.Exec(
      "INSERT INTO request_ids (request_id, request, resource, response, create_time) "
      "VALUES ($1, $2, $3, $4, $5)",
      {SqlValue::Text(request_id), SqlValue::Blob(request.request),
       SqlValue::Text(request.resource), SqlValue::Blob(request.response),
       SqlValue::Int(create_time_micros)});
}

}  // namespace rakor::storage
