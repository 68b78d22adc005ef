#include "storage/reporting/repositories.h"

#include "absl/strings/str_cat.h"
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

std::vector<Document> Parsed(const std::vector<SqlRow>& rows) {
  std::vector<Document> documents(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) documents[i].ParseFromString(rows[i].Blob(0));
  return documents;
}

constexpr char kAuditColumns[] =
    "SELECT sequence, document, actor, action, revision_sha256, citation, time, comment, "
    "previous_hash, hash FROM audit_entries ";

}  // namespace

std::vector<Document> DocumentRepository::LoadAll(Transaction& txn) {
  return Parsed(txn.Query("SELECT payload FROM documents ORDER BY name"));
}

std::optional<Document> DocumentRepository::Find(Transaction& txn, const std::string& name) {
  const std::vector<SqlRow> rows =
      txn.Query("SELECT payload FROM documents WHERE name = $1", {SqlValue::Text(name)});
  if (rows.empty()) return std::nullopt;
  Document d;
  d.ParseFromString(rows[0].Blob(0));
  return d;
}

std::vector<Document> DocumentRepository::Page(Transaction& txn, const DocumentQuery& q,
                                               int limit) {
  std::string sql =
      "SELECT d.payload FROM document_index i JOIN documents d ON d.name = i.name "
      "WHERE i.region = $1 AND i.name > $2 AND EXISTS (SELECT 1 FROM document_parties p "
      "WHERE p.document = i.name AND p.unit = $3 AND p.role IN ('', $4))";
  std::vector<SqlValue> params = {SqlValue::Text(q.region), SqlValue::Text(q.after),
                                  SqlValue::Text(q.party_unit), SqlValue::Text(q.party_role)};
  // Only the fields given, so that the engine may use an index on them.
  const std::pair<const char*, const std::optional<std::string>*> fields[] = {
      {"i.unit", &q.unit},
      {"i.kind", &q.kind},
      {"i.state", &q.state},
      {"i.awaiting", &q.awaiting},
      {"d.occurrence", &q.occurrence}};
  for (const auto& [column, value] : fields) {
    if (!value->has_value()) continue;
    params.push_back(SqlValue::Text(**value));
    absl::StrAppend(&sql, " AND ", column, " = $", params.size());
  }
  params.push_back(SqlValue::Int(limit));
  absl::StrAppend(&sql, " ORDER BY i.name LIMIT $", params.size());
  return Parsed(txn.Query(sql, params));
}

std::vector<Document> DocumentRepository::WithWorkLeft(Transaction& txn,
                                                       const std::string& region) {
  // The condition is document_index_open's, so that the engine uses it.
  constexpr char kSql[] =
      "SELECT d.payload FROM document_index i JOIN documents d ON d.name = i.name "
      "WHERE (i.awaiting <> '' OR i.open_follow_ups = 1)";
  if (region.empty()) return Parsed(txn.Query(absl::StrCat(kSql, " ORDER BY i.name")));
  return Parsed(txn.Query(absl::StrCat(kSql, " AND i.region = $1 ORDER BY i.name"),
                          {SqlValue::Text(region)}));
}

std::vector<Document> DocumentRepository::Carrying(Transaction& txn, const std::string& sha256) {
  return Parsed(txn.Query(
      "SELECT d.payload FROM document_attachments a JOIN documents d ON d.name = a.document "
      "WHERE a.sha256 = $1 ORDER BY d.name",
      {SqlValue::Text(sha256)}));
}

std::optional<std::string> DocumentRepository::MinutesOf(Transaction& txn,
                                                         const std::string& occurrence) {
  const std::vector<SqlRow> rows =
      txn.Query("SELECT name FROM documents WHERE occurrence = $1 AND withdrawn = 0",
                {SqlValue::Text(occurrence)});
  if (rows.empty()) return std::nullopt;
  return rows[0].Text(0);
}

// Missing, or of another revision.
constexpr char kUnindexed[] =
    "FROM documents d LEFT JOIN document_index i ON i.name = d.name "
    "WHERE i.name IS NULL OR i.revision <> d.revision";

std::vector<Document> DocumentRepository::Unindexed(Transaction& txn) {
  return Parsed(txn.Query(absl::StrCat("SELECT d.payload ", kUnindexed, " ORDER BY d.name")));
}

bool DocumentRepository::AnyUnindexed(Transaction& txn) {
  return !txn.Query(absl::StrCat("SELECT 1 ", kUnindexed, " LIMIT 1")).empty();
}

std::vector<std::string> DocumentRepository::Regions(Transaction& txn) {
  std::vector<std::string> regions;
  for (const SqlRow& row :
       txn.Query("SELECT DISTINCT region FROM document_index ORDER BY region")) {
    regions.push_back(row.Text(0));
  }
  return regions;
}

void DocumentRepository::Upsert(Transaction& txn, const std::string& region, const Document& d,
                                const DocumentIndex& index) {
  txn.Exec(
      "INSERT INTO documents (name, region, revision, payload, occurrence, withdrawn) "
      "VALUES ($1, $2, $3, $4, $5, $6) "
      "ON CONFLICT (name) DO UPDATE SET revision = excluded.revision, payload = excluded.payload, "
      "withdrawn = excluded.withdrawn",
      {SqlValue::Text(d.name()), SqlValue::Text(region), SqlValue::Int(RevisionFromEtag(d.etag())),
       SqlValue::Blob(d.SerializeAsString()), SqlValue::Text(d.occurrence()),
       SqlValue::Int(index.withdrawn ? 1 : 0)});
  Index(txn, region, d, index);
}

void DocumentRepository::Index(Transaction& txn, const std::string& region, const Document& d,
                               const DocumentIndex& index) {
  txn.Exec(
      "INSERT INTO document_index "
      "(name, revision, region, unit, kind, state, awaiting, open_follow_ups) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
      "ON CONFLICT (name) DO UPDATE SET revision = excluded.revision, unit = excluded.unit, "
      "kind = excluded.kind, state = excluded.state, awaiting = excluded.awaiting, "
      "open_follow_ups = excluded.open_follow_ups",
      {SqlValue::Text(d.name()), SqlValue::Int(RevisionFromEtag(d.etag())), SqlValue::Text(region),
       SqlValue::Text(index.unit), SqlValue::Text(index.kind), SqlValue::Text(index.state),
       SqlValue::Text(index.awaiting), SqlValue::Int(index.open_follow_ups ? 1 : 0)});
  if (!d.occurrence().empty()) {
    // Rows written before schema version 2 name their occurrence in the payload only.
    txn.Exec("UPDATE documents SET occurrence = $1 WHERE name = $2 AND occurrence = ''",
             {SqlValue::Text(d.occurrence()), SqlValue::Text(d.name())});
  }
  txn.Exec("DELETE FROM document_parties WHERE document = $1", {SqlValue::Text(d.name())});
  for (const auto& [unit, role] : index.parties) {
    txn.Exec(
        "INSERT INTO document_parties (document, unit, role) VALUES ($1, $2, $3) "
        "ON CONFLICT DO NOTHING",
        {SqlValue::Text(d.name()), SqlValue::Text(unit), SqlValue::Text(role)});
  }
  // Revisions are only added: an attachment once carried stays readable through it.
  for (const std::string& sha256 : index.attachments) {
    txn.Exec(
        "INSERT INTO document_attachments (sha256, document) VALUES ($1, $2) "
        "ON CONFLICT DO NOTHING",
        {SqlValue::Text(sha256), SqlValue::Text(d.name())});
  }
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

std::vector<std::string> SettingsRepository::LoadAll(Transaction& txn) {
  std::vector<std::string> payloads;
  for (const SqlRow& row : txn.Query("SELECT payload FROM region_settings ORDER BY region")) {
    payloads.push_back(row.Blob(0));
  }
  return payloads;
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
