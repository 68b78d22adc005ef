#include "storage/scheduling/schema.h"

namespace rakor::storage::scheduling {
namespace {

// A series is kept whole as its serialised rakor.scheduling.v1.Series (the service
// holds every series in memory and expands them there), beside the columns a
// query needs. Days off are a region's calendar, one row per day.
constexpr Migration kSqlite[] = {
    {1, R"sql(
CREATE TABLE series (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL,
  revision INTEGER NOT NULL,
  payload BLOB NOT NULL
) STRICT;
CREATE INDEX series_by_region ON series(region);

CREATE TABLE days_off (
  region TEXT NOT NULL,
  day TEXT NOT NULL,  -- YYYY-MM-DD, in the region's calendar
  name TEXT NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (region, day)
) STRICT;

CREATE TABLE changes (
  sequence INTEGER PRIMARY KEY AUTOINCREMENT,
  region TEXT NOT NULL,
  resource TEXT NOT NULL,
  type INTEGER NOT NULL,
  actor TEXT NOT NULL,
  change_time INTEGER NOT NULL,
  payload BLOB NOT NULL
);
CREATE INDEX changes_by_region ON changes(region, sequence);

CREATE TABLE request_ids (
  request_id TEXT PRIMARY KEY,
  request BLOB NOT NULL,
  resource TEXT NOT NULL,
  response BLOB NOT NULL,
  create_time INTEGER NOT NULL
) STRICT;
)sql"},
    // Attendance and minutes of occurrences, and compliance rules: kept whole as
    // their serialised messages, as series are.
    {2, R"sql(
CREATE TABLE occurrence_records (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL,
  payload BLOB NOT NULL
) STRICT;
CREATE TABLE compliance_rules (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL,
  payload BLOB NOT NULL
) STRICT;
)sql"},
    // Each region's working hours, kept whole as its serialised message.
    {3, R"sql(
CREATE TABLE working_hours (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL,
  payload BLOB NOT NULL
) STRICT;
)sql"},
};

constexpr Migration kPostgres[] = {
    {1, R"sql(
CREATE TABLE series (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL,
  revision BIGINT NOT NULL,
  payload BYTEA NOT NULL
);
CREATE INDEX series_by_region ON series(region);

CREATE TABLE days_off (
  region TEXT NOT NULL,
  day TEXT NOT NULL,
  name TEXT NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (region, day)
);

CREATE TABLE changes (
  sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region TEXT NOT NULL,
  resource TEXT NOT NULL,
  type BIGINT NOT NULL,
  actor TEXT NOT NULL,
  change_time BIGINT NOT NULL,
  payload BYTEA NOT NULL
);
CREATE INDEX changes_by_region ON changes(region, sequence);

CREATE TABLE request_ids (
  request_id TEXT PRIMARY KEY,
  request BYTEA NOT NULL,
  resource TEXT NOT NULL,
  response BYTEA NOT NULL,
  create_time BIGINT NOT NULL
);
)sql"},
    {2, R"sql(
CREATE TABLE occurrence_records (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL,
  payload BYTEA NOT NULL
);
CREATE TABLE compliance_rules (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL,
  payload BYTEA NOT NULL
);
)sql"},
    {3, R"sql(
CREATE TABLE working_hours (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL,
  payload BYTEA NOT NULL
);
)sql"},
};

}  // namespace

Migrations SchedulingMigrations() { return {kSqlite, kPostgres}; }

}  // namespace rakor::storage::scheduling
