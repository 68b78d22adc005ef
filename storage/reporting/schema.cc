#include "storage/reporting/schema.h"

namespace rakor::storage::reporting {
namespace {

// Documents are kept whole as their serialised message (revisions and route
// included); the audit trail in plain columns, each row hash-chained to the one
// before, so that an edit made behind the service's back shows; attachments as
// content-addressed chunks, so that one is streamed in and out and shared by every
// document that attaches the same bytes; the outbox of notifications to the
// scheduling service, written in the transaction of the step that causes them.
constexpr Migration kSqlite[] = {
    {1, R"sql(
CREATE TABLE documents (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL,
  revision INTEGER NOT NULL,
  payload BLOB NOT NULL
) STRICT;
CREATE INDEX documents_by_region ON documents(region);

CREATE TABLE audit_entries (
  sequence INTEGER PRIMARY KEY,
  document TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  revision_sha256 TEXT NOT NULL,
  citation TEXT NOT NULL,
  time INTEGER NOT NULL,
  comment TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_document ON audit_entries(document, sequence);

CREATE TABLE attachments (
  sha256 TEXT PRIMARY KEY,
  size_bytes INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  create_time INTEGER NOT NULL
) STRICT;
CREATE TABLE attachment_chunks (
  sha256 TEXT NOT NULL REFERENCES attachments(sha256),
  chunk INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (sha256, chunk)
) STRICT;

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  topic TEXT NOT NULL,
  payload BLOB NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt INTEGER NOT NULL,
  delivered INTEGER,
  last_error TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox(delivered, next_attempt);

CREATE TABLE request_ids (
  request_id TEXT PRIMARY KEY,
  request BLOB NOT NULL,
  resource TEXT NOT NULL,
  response BLOB NOT NULL,
  create_time INTEGER NOT NULL
) STRICT;
)sql"},
    {2, R"sql(
-- The occurrence a document is the minutes of, so that one occurrence has one set
-- of minutes however many replicas write (the index decides, not a replica's
-- memory), and each region's reporting settings.
ALTER TABLE documents ADD COLUMN occurrence TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX minutes_per_occurrence ON documents(occurrence) WHERE occurrence <> '';
CREATE TABLE region_settings (
  region TEXT PRIMARY KEY,
  payload BLOB NOT NULL
) STRICT;
)sql"},
    {3, R"sql(
-- When each outbox message was written, so that a stuck outbox shows its age
-- (metrics and the OutboxStuck alert). Messages written before this migration
-- count from their next attempt or now, whichever is earlier (a retried message's
-- next attempt lies ahead); 0 is what a binary older than this writes: unknown.
ALTER TABLE outbox ADD COLUMN create_time INTEGER NOT NULL DEFAULT 0;
UPDATE outbox
SET create_time = MIN(next_attempt, CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER));
)sql"},
    {4, R"sql(
-- Which units uploaded an attachment's bytes: they may read them back before any
-- document carries them (ReadAttachment); anyone else reads an attachment only
-- through a document on their route.
CREATE TABLE attachment_uploaders (
  sha256 TEXT NOT NULL,
  unit TEXT NOT NULL,
  PRIMARY KEY (sha256, unit)
);
)sql"},
    {5, R"sql(
-- What documents are found by, so that a list reads a page, the metrics read the
-- documents with work left, and an attachment's readers are found without parsing
-- every document of a region. Derived from each document when it is written, of
-- the revision it records; documents written before this, or by a replica older
-- than this while replicas are replaced, are indexed when the service starts and
-- then every minute (a row missing or of another revision). document_parties: who may read a document (the submitting
-- unit in any role, role ''; each route step's unit and role).
CREATE TABLE document_index (
  name TEXT PRIMARY KEY,
  revision INTEGER NOT NULL,
  region TEXT NOT NULL,
  unit TEXT NOT NULL,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  awaiting TEXT NOT NULL,
  open_follow_ups INTEGER NOT NULL
) STRICT;
CREATE INDEX document_index_by_region ON document_index(region, name);
CREATE INDEX document_index_by_awaiting ON document_index(region, awaiting, name);
CREATE INDEX document_index_open ON document_index(region, name)
  WHERE awaiting <> '' OR open_follow_ups = 1;
CREATE TABLE document_parties (
  document TEXT NOT NULL,
  unit TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (document, unit, role)
) STRICT;
CREATE TABLE document_attachments (
  sha256 TEXT NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (sha256, document)
) STRICT;
)sql"},
    {6, R"sql(
-- A document its submitter withdrew (WithdrawDocument): withdrawn minutes keep their
-- occurrence, but the meeting may have new minutes.
ALTER TABLE documents ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;
DROP INDEX minutes_per_occurrence;
CREATE UNIQUE INDEX minutes_per_occurrence ON documents(occurrence)
  WHERE occurrence <> '' AND withdrawn = 0;
)sql"},
};

constexpr Migration kPostgres[] = {
    {1, R"sql(
CREATE TABLE documents (
  name TEXT PRIMARY KEY,
  region TEXT NOT NULL,
  revision BIGINT NOT NULL,
  payload BYTEA NOT NULL
);
CREATE INDEX documents_by_region ON documents(region);

CREATE TABLE audit_entries (
  sequence BIGINT PRIMARY KEY,
  document TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  revision_sha256 TEXT NOT NULL,
  citation TEXT NOT NULL,
  time BIGINT NOT NULL,
  comment TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_by_document ON audit_entries(document, sequence);

CREATE TABLE attachments (
  sha256 TEXT PRIMARY KEY,
  size_bytes BIGINT NOT NULL,
  content_type TEXT NOT NULL,
  create_time BIGINT NOT NULL
);
CREATE TABLE attachment_chunks (
  sha256 TEXT NOT NULL REFERENCES attachments(sha256),
  chunk BIGINT NOT NULL,
  bytes BYTEA NOT NULL,
  PRIMARY KEY (sha256, chunk)
);

CREATE TABLE outbox (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic TEXT NOT NULL,
  payload BYTEA NOT NULL,
  attempts BIGINT NOT NULL,
  next_attempt BIGINT NOT NULL,
  delivered BIGINT,
  last_error TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox(delivered, next_attempt);

CREATE TABLE request_ids (
  request_id TEXT PRIMARY KEY,
  request BYTEA NOT NULL,
  resource TEXT NOT NULL,
  response BYTEA NOT NULL,
  create_time BIGINT NOT NULL
);
)sql"},
    {2, R"sql(
-- The occurrence a document is the minutes of, so that one occurrence has one set
-- of minutes however many replicas write (the index decides, not a replica's
-- memory), and each region's reporting settings.
ALTER TABLE documents ADD COLUMN occurrence TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX minutes_per_occurrence ON documents(occurrence) WHERE occurrence <> '';
CREATE TABLE region_settings (
  region TEXT PRIMARY KEY,
  payload BYTEA NOT NULL
);
)sql"},
    {3, R"sql(
-- When each outbox message was written, so that a stuck outbox shows its age
-- (metrics and the OutboxStuck alert). Messages written before this migration
-- count from their next attempt or now, whichever is earlier (a retried message's
-- next attempt lies ahead); 0 is what a binary older than this writes: unknown.
ALTER TABLE outbox ADD COLUMN create_time BIGINT NOT NULL DEFAULT 0;
UPDATE outbox
SET create_time = LEAST(next_attempt, (EXTRACT(EPOCH FROM now()) * 1000000)::BIGINT);
)sql"},
    {4, R"sql(
-- Which units uploaded an attachment's bytes: they may read them back before any
-- document carries them (ReadAttachment); anyone else reads an attachment only
-- through a document on their route.
CREATE TABLE attachment_uploaders (
  sha256 TEXT NOT NULL,
  unit TEXT NOT NULL,
  PRIMARY KEY (sha256, unit)
);
)sql"},
    {5, R"sql(
-- What documents are found by, so that a list reads a page, the metrics read the
-- documents with work left, and an attachment's readers are found without parsing
-- every document of a region. Derived from each document when it is written, of
-- the revision it records; documents written before this, or by a replica older
-- than this while replicas are replaced, are indexed when the service starts and
-- then every minute (a row missing or of another revision). document_parties: who may read a document (the submitting
-- unit in any role, role ''; each route step's unit and role).
CREATE TABLE document_index (
  name TEXT PRIMARY KEY,
  revision BIGINT NOT NULL,
  region TEXT NOT NULL,
  unit TEXT NOT NULL,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  awaiting TEXT NOT NULL,
  open_follow_ups INTEGER NOT NULL
);
CREATE INDEX document_index_by_region ON document_index(region, name);
CREATE INDEX document_index_by_awaiting ON document_index(region, awaiting, name);
CREATE INDEX document_index_open ON document_index(region, name)
  WHERE awaiting <> '' OR open_follow_ups = 1;
CREATE TABLE document_parties (
  document TEXT NOT NULL,
  unit TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (document, unit, role)
);
CREATE TABLE document_attachments (
  sha256 TEXT NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (sha256, document)
);
)sql"},
    {6, R"sql(
-- A document its submitter withdrew (WithdrawDocument): withdrawn minutes keep their
-- occurrence, but the meeting may have new minutes.
ALTER TABLE documents ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;
DROP INDEX minutes_per_occurrence;
CREATE UNIQUE INDEX minutes_per_occurrence ON documents(occurrence)
  WHERE occurrence <> '' AND withdrawn = 0;
)sql"},
};

}  // namespace

Migrations ReportingMigrations() { return {kSqlite, kPostgres}; }

}  // namespace rakor::storage::reporting
