// SQL for the series and days_off tables.
#pragma once

#include <string>
#include <vector>

#include "rakor/scheduling/v1/resources.pb.h"
#include "storage/transaction.h"

namespace rakor::storage::scheduling {

using rakor::scheduling::v1::Series;

// Call inside Database::Write / Read. series.etag carries the revision.
class SeriesRepository {
 public:
  static std::vector<Series> LoadAll(Transaction& txn);
  static void Upsert(Transaction& txn, const std::string& region, const Series& series);
};

// Tables that keep each entity whole as its serialised message: occurrence_records
// (attendance and minutes of an occurrence), compliance_rules and working_hours.
class PayloadRepository {
 public:
  enum class Table { kOccurrenceRecords, kComplianceRules, kWorkingHours };
  static std::vector<std::string> LoadAll(Transaction& txn, Table table);
  static void Upsert(Transaction& txn, Table table, const std::string& name,
                     const std::string& region, const std::string& payload);
};

struct StoredDayOff {
  std::string region;
  std::string day;  // YYYY-MM-DD
  std::string name;
  std::string source;
};

class DayOffRepository {
 public:
  static std::vector<StoredDayOff> LoadAll(Transaction& txn);
  // Adds `day` unless the region has it already; whether it was added.
  static bool Add(Transaction& txn, const StoredDayOff& day);
};

}  // namespace rakor::storage::scheduling
