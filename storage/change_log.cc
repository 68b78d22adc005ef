#include "storage/change_log.h"

namespace rakor::storage {

int64_t ChangeLog::Append(Transaction& txn, const Row& row) {
  return txn
      .Query(
          "INSERT INTO changes (region, resource, type, actor, change_time, payload) "
          "VALUES ($1, $2, $3, $4, $5, $6) RETURNING sequence",
          {SqlValue::Text(row.region), SqlValue::Text(row.resource), SqlValue::Int(row.type),
           SqlValue::Text(row.actor), SqlValue::Int(row.change_time_micros),
           SqlValue::Blob(row.payload)})
      .at(0)
      .Int(0);
}

std::vector<std::pair<int64_t, std::string>> ChangeLog::ReadAfter(Transaction& txn,
                                                                  const std::string& region,
                                                                  int64_t after_sequence,
                                                                  int limit) {
  // Two statements, so that a region's read uses the (region, sequence) index.
  const std::vector<SqlRow> rows =
      region.empty()
          ? txn.Query(
                "SELECT sequence, payload FROM changes WHERE sequence > $1 "
                "ORDER BY sequence LIMIT $2",
                {SqlValue::Int(after_sequence), SqlValue::Int(limit)})
          : txn.Query(
                "SELECT sequence, payload FROM changes WHERE sequence > $1 "
                "AND region = $3 ORDER BY sequence LIMIT $2",
                {SqlValue::Int(after_sequence), SqlValue::Int(limit), SqlValue::Text(region)});
  std::vector<std::pair<int64_t, std::string>> out;
  out.reserve(rows.size());
  for (const SqlRow& row : rows) out.emplace_back(row.Int(0), row.Blob(1));
  return out;
}

int64_t ChangeLog::LastSequence(Transaction& txn) {
  return txn.Query("SELECT COALESCE(MAX(sequence), 0) FROM changes").at(0).Int(0);
}

}  // namespace rakor::storage
