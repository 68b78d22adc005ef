#include "storage/registry/schema.h"

namespace rakor::storage::registry {
namespace {

// Times are microseconds since the Unix epoch (UTC); a NULL valid_until is open.
// Enums are stored as their proto numbers, which the API never renumbers.
constexpr Migration kSqlite[] = {
    {1, R"sql(
CREATE TABLE regions (
  name TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  head_title TEXT NOT NULL,
  province TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  regulation TEXT NOT NULL,
  regulation_effective_time INTEGER NOT NULL,
  cross_asisten_lead INTEGER NOT NULL,
  cross_asisten_lead_citation TEXT NOT NULL,
  reporting_rules BLOB NOT NULL,  -- a serialised rakor.registry.v1.ReportingRules
  revision INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
) STRICT;

CREATE TABLE units (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL REFERENCES regions(name),
  display_name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  asisten_field INTEGER NOT NULL,
  head_title TEXT NOT NULL,
  parent TEXT REFERENCES units(name),
  contact_email TEXT NOT NULL,
  citations TEXT NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_until INTEGER,
  revision INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
) STRICT;
CREATE INDEX units_by_region ON units(region);

CREATE TABLE coordinations (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL REFERENCES regions(name),
  asisten TEXT NOT NULL REFERENCES units(name),
  unit TEXT NOT NULL REFERENCES units(name),
  citation TEXT NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_until INTEGER,
  create_time INTEGER NOT NULL
) STRICT;
CREATE INDEX coordinations_by_unit ON coordinations(unit);

CREATE TABLE relationship_rules (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL REFERENCES regions(name),
  side_a TEXT NOT NULL,
  side_b TEXT NOT NULL,
  kinds TEXT NOT NULL,
  citation TEXT NOT NULL
) STRICT;

-- The audit trail and the source of WatchChanges: every committed change, in order.
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

-- AIP-155: the request a request_id was first used with, and its response.
CREATE TABLE request_ids (
  request_id TEXT PRIMARY KEY,
  request BLOB NOT NULL,
  resource TEXT NOT NULL,
  response BLOB NOT NULL,
  create_time INTEGER NOT NULL
) STRICT;
)sql"},
    // Official names and aliases of units; coordination of a unit kind (Soppeng
    // Pasal 22 ayat (3)), for which `unit` is NULL. SQLite cannot relax a NOT NULL
    // column in place, so coordinations is rebuilt (nothing references it).
    {2, R"sql(
ALTER TABLE units ADD COLUMN official_name TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN aliases TEXT NOT NULL DEFAULT '';  -- newline-separated

CREATE TABLE coordinations_v2 (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL REFERENCES regions(name),
  asisten TEXT NOT NULL REFERENCES units(name),
  unit TEXT REFERENCES units(name),
  unit_kind INTEGER NOT NULL DEFAULT 0,
  citation TEXT NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_until INTEGER,
  create_time INTEGER NOT NULL,
  CHECK ((unit IS NULL) <> (unit_kind = 0))
) STRICT;
INSERT INTO coordinations_v2 (name, region, asisten, unit, citation, valid_from, valid_until,
                              create_time)
  SELECT name, region, asisten, unit, citation, valid_from, valid_until, create_time
  FROM coordinations;
DROP TABLE coordinations;
ALTER TABLE coordinations_v2 RENAME TO coordinations;
CREATE INDEX coordinations_by_unit ON coordinations(unit);
)sql"},
};

// The same versions for PostgreSQL: BIGINT for every integer, BYTEA for blobs, an
// identity column for the change sequence.
constexpr Migration kPostgres[] = {
    {1, R"sql(
CREATE TABLE regions (
  name TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  kind BIGINT NOT NULL,
  head_title TEXT NOT NULL,
  province TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  regulation TEXT NOT NULL,
  regulation_effective_time BIGINT NOT NULL,
  cross_asisten_lead BIGINT NOT NULL,
  cross_asisten_lead_citation TEXT NOT NULL,
  reporting_rules BYTEA NOT NULL,
  revision BIGINT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL
);

CREATE TABLE units (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL REFERENCES regions(name),
  display_name TEXT NOT NULL,
  kind BIGINT NOT NULL,
  asisten_field BIGINT NOT NULL,
  head_title TEXT NOT NULL,
  parent TEXT REFERENCES units(name),
  contact_email TEXT NOT NULL,
  citations TEXT NOT NULL,
  valid_from BIGINT NOT NULL,
  valid_until BIGINT,
  revision BIGINT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL
);
CREATE INDEX units_by_region ON units(region);

CREATE TABLE coordinations (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL REFERENCES regions(name),
  asisten TEXT NOT NULL REFERENCES units(name),
  unit TEXT NOT NULL REFERENCES units(name),
  citation TEXT NOT NULL,
  valid_from BIGINT NOT NULL,
  valid_until BIGINT,
  create_time BIGINT NOT NULL
);
CREATE INDEX coordinations_by_unit ON coordinations(unit);

CREATE TABLE relationship_rules (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL REFERENCES regions(name),
  side_a TEXT NOT NULL,
  side_b TEXT NOT NULL,
  kinds TEXT NOT NULL,
  citation TEXT NOT NULL
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
ALTER TABLE units ADD COLUMN official_name TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN aliases TEXT NOT NULL DEFAULT '';
ALTER TABLE coordinations ALTER COLUMN unit DROP NOT NULL;
ALTER TABLE coordinations ADD COLUMN unit_kind BIGINT NOT NULL DEFAULT 0;
ALTER TABLE coordinations ADD CONSTRAINT coordinations_unit_or_kind
  CHECK ((unit IS NULL) <> (unit_kind = 0));
)sql"},
};

}  // namespace

Migrations RegistryMigrations() { return {kSqlite, kPostgres}; }

}  // namespace rakor::storage::registry
