#include "storage/scheduling/series_repository.h"

#include "storage/etag.h"

namespace rakor::storage::scheduling {

std::vector<Series> SeriesRepository::LoadAll(Transaction& txn) {
  std::vector<Series> all;
  for (const SqlRow& row : txn.Query("SELECT payload FROM series ORDER BY name")) {
    all.emplace_back().ParseFromString(row.Blob(0));
  }
  return all;
}

void SeriesRepository::Upsert(Transaction& txn, const std::string& region, const Series& s) {
  txn.Exec(
      "INSERT INTO series (name, region, revision, payload) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (name) DO UPDATE SET revision = excluded.revision, "
      "payload = excluded.payload",
      {SqlValue::Text(s.name()), SqlValue::Text(region), SqlValue::Int(RevisionFromEtag(s.etag())),
       SqlValue::Blob(s.SerializeAsString())});
}

namespace {
const char* TableName(PayloadRepository::Table table) {
  switch (table) {
    case PayloadRepository::Table::kOccurrenceRecords:
      return "occurrence_records";
    case PayloadRepository::Table::kComplianceRules:
      return "compliance_rules";
    case PayloadRepository::Table::kWorkingHours:
      return "working_hours";
  }
  return "";
}
}  // namespace

std::vector<std::string> PayloadRepository::LoadAll(Transaction& txn, Table table) {
  std::vector<std::string> all;
  for (const SqlRow& row :
       txn.Query(std::string("SELECT payload FROM ") + TableName(table) + " ORDER BY name")) {
    all.push_back(row.Blob(0));
  }
  return all;
}

void PayloadRepository::Upsert(Transaction& txn, Table table, const std::string& name,
                               const std::string& region, const std::string& payload) {
  txn.Exec(std::string("INSERT INTO ") + TableName(table) +
               " (name, region, payload) VALUES ($1, $2, $3) "
               "ON CONFLICT (name) DO UPDATE SET payload = excluded.payload",
           {SqlValue::Text(name), SqlValue::Text(region), SqlValue::Blob(payload)});
}

std::vector<StoredDayOff> DayOffRepository::LoadAll(Transaction& txn) {
  std::vector<StoredDayOff> all;
  for (const SqlRow& row :
       txn.Query("SELECT region, day, name, source FROM days_off ORDER BY region, day")) {
    all.push_back({row.Text(0), row.Text(1), row.Text(2), row.Text(3)});
  }
  return all;
}

bool DayOffRepository::Add(Transaction& txn, const StoredDayOff& d) {
  return !txn.Query(
                 "INSERT INTO days_off (region, day, name, source) VALUES ($1, $2, $3, $4) "
                 "ON CONFLICT (region, day) DO NOTHING RETURNING day",
                 {SqlValue::Text(d.region), SqlValue::Text(d.day), SqlValue::Text(d.name),
                  SqlValue::Text(d.source)})
              .empty();
}

}  // namespace rakor::storage::scheduling
