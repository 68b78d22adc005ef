#include "storage/reporting/repositories.h"

#include "common/time.h"
#include "storage/etag.h"

namespace rakor::storage::reporting {
namespace {

AuditEntry EntryOf(const SqlRow& row) {
  AuditEntry e;
  e.set_sequence(row.Int(0));
  e.set_document(row.Text(1));
  e.set_actor(row.Text(2));
  e.set_action(row.Text(3));
  e.set_revision_sha256(row.Text(4));
  e.set_citation(row.Text(5));
  *e.mutable_time() = ToProto(absl::FromUnixMicros(row.Int(6)));
  e.set_comment(row.Text(7));
  e.set_previous_hash(row.Text(8));
  e.set_hash(row.Text(9));
  return e;
}

constexpr char kAuditColumns[] =
    "SELECT sequence, document, actor, action, revision_sha256, citation, time, comment, "
    "previous_hash, hash FROM audit_entries ";

}  // namespace

std::vector<Document> DocumentRepository::LoadAll(Transaction& txn) {
  std::vector<Document> all;
  for (const SqlRow& row : txn.Query("SELECT payload FROM documents ORDER BY name")) {
    all.emplace_back().ParseFromString(row.Blob(0));
  }
  return all;
}

std::optional<Document> DocumentRepository::Find(Transaction& txn, const std::string& name) {
  const std::vector<SqlRow> rows =
      txn.Query("SELECT payload FROM documents WHERE name = $1", {SqlValue::Text(name)});
  if (rows.empty()) return std::nullopt;
  Document d;
  d.ParseFromString(rows[0].Blob(0));
  return d;
}

std::vector<Document> DocumentRepository::InRegion(Transaction& txn, const std::string& region,
                                                   const std::string& after) {
  std::vector<Document> found;
  for (const SqlRow& row :
       txn.Query("SELECT payload FROM documents WHERE region = $1 AND name > $2 ORDER BY name",
                 {SqlValue::Text(region), SqlValue::Text(after)})) {
    found.emplace_back().ParseFromString(row.Blob(0));
  }
  return found;
}

std::optional<std::string> DocumentRepository::MinutesOf(Transaction& txn,
                                                         const std::string& occurrence) {
  const std::vector<SqlRow> rows =
      txn.Query("SELECT name FROM documents WHERE occurrence = $1", {SqlValue::Text(occurrence)});
  if (rows.empty()) return std::nullopt;
  return rows[0].Text(0);
}

void DocumentRepository::FillOccurrences(Transaction& txn) {
  for (const SqlRow& row : txn.Query("SELECT name, payload FROM documents WHERE occurrence = ''")) {
    Document d;
    d.ParseFromString(row.Blob(1));
    if (d.occurrence().empty()) continue;
    txn.Exec("UPDATE documents SET occurrence = $1 WHERE name = $2",
             {SqlValue::Text(d.occurrence()), SqlValue::Text(row.Text(0))});
  }
}

void DocumentRepository::Upsert(Transaction& txn, const std::string& region, const Document& d) {
  txn.Exec(
      "INSERT INTO documents (name, region, revision, payload, occurrence) "
      "VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT (name) DO UPDATE SET revision = excluded.revision, payload = excluded.payload",
      {SqlValue::Text(d.name()), SqlValue::Text(region), SqlValue::Int(RevisionFromEtag(d.etag())),
       SqlValue::Blob(d.SerializeAsString()), SqlValue::Text(d.occurrence())});
}

std::optional<std::string> SettingsRepository::Find(Transaction& txn, const std::string& region) {
  const std::vector<SqlRow> rows =
      txn.Query("SELECT payload FROM region_settings WHERE region = $1", {SqlValue::Text(region)});
  if (rows.empty()) return std::nullopt;
  return rows[0].Blob(0);
}

void SettingsRepository::Upsert(Transaction& txn, const std::string& region,
                                const std::string& payload) {
  txn.Exec(
      "INSERT INTO region_settings (region, payload) VALUES ($1, $2) "
      "ON CONFLICT (region) DO UPDATE SET payload = excluded.payload",
      {SqlValue::Text(region), SqlValue::Blob(payload)});
}

void AuditRepository::Append(Transaction& txn, const AuditEntry& e) {
  txn.Exec(
      "INSERT INTO audit_entries (sequence, document, actor, action, revision_sha256, citation, "
      "time, comment, previous_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      {SqlValue::Int(e.sequence()), SqlValue::Text(e.document()), SqlValue::Text(e.actor()),
       SqlValue::Text(e.action()), SqlValue::Text(e.revision_sha256()),
       SqlValue::Text(e.citation()), SqlValue::Int(TimestampMicros(e.time())),
       SqlValue::Text(e.comment()), SqlValue::Text(e.previous_hash()), SqlValue::Text(e.hash())});
}

std::vector<AuditEntry> AuditRepository::Load(Transaction& txn, const std::string& document) {
  std::vector<AuditEntry> all;
  const std::vector<SqlRow> rows =
      document.empty()
          ? txn.Query(std::string(kAuditColumns) + "ORDER BY sequence")
          : txn.Query(std::string(kAuditColumns) + "WHERE document = $1 ORDER BY sequence",
                      {SqlValue::Text(document)});
  for (const SqlRow& row : rows) all.push_back(EntryOf(row));
  return all;
}

std::optional<AuditEntry> AuditRepository::Last(Transaction& txn) {
  const std::vector<SqlRow> rows =
      txn.Query(std::string(kAuditColumns) + "ORDER BY sequence DESC LIMIT 1");
  if (rows.empty()) return std::nullopt;
  return EntryOf(rows[0]);
}

std::optional<StoredAttachment> AttachmentRepository::Find(Transaction& txn,
                                                           const std::string& sha256) {
  const std::vector<SqlRow> rows = txn.Query(
      "SELECT sha256, size_bytes, content_type, create_time FROM attachments WHERE sha256 = $1",
      {SqlValue::Text(sha256)});
  if (rows.empty()) return std::nullopt;
  return StoredAttachment{rows[0].Text(0), rows[0].Int(1), rows[0].Text(2), rows[0].Int(3)};
}

void AttachmentRepository::Add(Transaction& txn, const StoredAttachment& a) {
  txn.Exec(
      "INSERT INTO attachments (sha256, size_bytes, content_type, create_time) "
      "VALUES ($1, $2, $3, $4)",
      {SqlValue::Text(a.sha256), SqlValue::Int(a.size_bytes), SqlValue::Text(a.content_type),
       SqlValue::Int(a.create_micros)});
}

void AttachmentRepository::AddUploader(Transaction& txn, const std::string& sha256,
                                       const std::string& unit) {
  txn.Exec("INSERT INTO attachment_uploaders (sha256, unit) VALUES ($1, $2) ON CONFLICT DO NOTHING",
           {SqlValue::Text(sha256), SqlValue::Text(unit)});
}

bool AttachmentRepository::UploadedBy(Transaction& txn, const std::string& sha256,
                                      const std::string& unit) {
  return !txn.Query("SELECT 1 FROM attachment_uploaders WHERE sha256 = $1 AND unit = $2",
                    {SqlValue::Text(sha256), SqlValue::Text(unit)})
              .empty();
}

void AttachmentRepository::AddChunk(Transaction& txn, const std::string& sha256, int64_t chunk,
                                    const std::string& bytes) {
  txn.Exec("INSERT INTO attachment_chunks (sha256, chunk, bytes) VALUES ($1, $2, $3)",
           {SqlValue::Text(sha256), SqlValue::Int(chunk), SqlValue::Blob(bytes)});
}

std::optional<std::string> AttachmentRepository::Chunk(Transaction& txn, const std::string& sha256,
                                                       int64_t chunk) {
  const std::vector<SqlRow> rows =
      txn.Query("SELECT bytes FROM attachment_chunks WHERE sha256 = $1 AND chunk = $2",
                {SqlValue::Text(sha256), SqlValue::Int(chunk)});
  if (rows.empty()) return std::nullopt;
  return rows[0].Blob(0);
}

void OutboxRepository::Add(Transaction& txn, const std::string& topic, const std::string& payload,
                           int64_t now_micros) {
  txn.Exec(
      "INSERT INTO outbox (topic, payload, attempts, next_attempt, last_error, create_time) "
      "VALUES ($1, $2, 0, $3, '', $3)",
      {SqlValue::Text(topic), SqlValue::Blob(payload), SqlValue::Int(now_micros)});
}

std::vector<OutboxMessage> OutboxRepository::Due(Transaction& txn, int64_t now_micros, int limit) {
  std::vector<OutboxMessage> due;
  for (const SqlRow& row :
       txn.Query("SELECT id, topic, payload, attempts FROM outbox WHERE delivered IS NULL AND "
                 "next_attempt <= $1 ORDER BY id LIMIT $2",
                 {SqlValue::Int(now_micros), SqlValue::Int(limit)})) {
    due.push_back({row.Int(0), row.Text(1), row.Blob(2), row.Int(3)});
  }
  return due;
}

void OutboxRepository::Delivered(Transaction& txn, int64_t id, int64_t now_micros) {
  txn.Exec("UPDATE outbox SET delivered = $1, attempts = attempts + 1 WHERE id = $2",
           {SqlValue::Int(now_micros), SqlValue::Int(id)});
}

void OutboxRepository::Retry(Transaction& txn, int64_t id, int64_t next_attempt_micros,
                             const std::string& error) {
  txn.Exec(
      "UPDATE outbox SET attempts = attempts + 1, next_attempt = $1, last_error = $2 "
      "WHERE id = $3",
      {SqlValue::Int(next_attempt_micros), SqlValue::Text(error), SqlValue::Int(id)});
}

OutboxBacklog OutboxRepository::Undelivered(Transaction& txn) {
  const SqlRow row = txn.Query(
      "SELECT COUNT(*), COALESCE(MIN(NULLIF(create_time, 0)), 0) FROM outbox "
      "WHERE delivered IS NULL")[0];
  return {row.Int(0), row.Int(1)};
}

}  // namespace rakor::storage::reporting
