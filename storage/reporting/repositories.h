// SQL for the reporting tables (storage/reporting/schema.cc). Call inside
// Database::Write / Read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rakor/reporting/v1/resources.pb.h"
#include "storage/transaction.h"

namespace rakor::storage::reporting {

using rakor::reporting::v1::AuditEntry;
using rakor::reporting::v1::Document;

// What a document is found by; the service derives it from the document.
struct DocumentIndex {
  std::string unit;              // the submitter
  std::string kind;              // a DocumentKind's name
  std::string state;             // a DocumentState's name
  std::string awaiting;          // the unit whose turn it is, "" when nobody's
  bool open_follow_ups = false;  // the current revision has one not done
  bool withdrawn = false;        // taken back: as minutes, it no longer holds its meeting
  // Who may read it: (unit, role), role "" for every role of the unit.
  std::vector<std::pair<std::string, std::string>> parties;
  std::vector<std::string> attachments;  // the SHA-256 of each, every revision's
};

// A page of a region's documents: those after `after` that the party may read and
// that match every field given (an empty value too: `occurrence = ""` is reports).
struct DocumentQuery {
  std::string region;
  std::string after;
  std::string party_unit, party_role;
  std::optional<std::string> unit, kind, state, awaiting, occurrence;
};

class DocumentRepository {
 public:
  static std::vector<Document> LoadAll(Transaction& txn);
  static std::optional<Document> Find(Transaction& txn, const std::string& name);
  // At most `limit` documents matching `query`, by name.
  static std::vector<Document> Page(Transaction& txn, const DocumentQuery& query, int limit);
  // Documents someone still has to act on: a turn awaited or a follow-up not done;
  // of `region`, or of every region for "".
  static std::vector<Document> WithWorkLeft(Transaction& txn, const std::string& region = "");
  // Documents of which a revision carries the attachment.
  static std::vector<Document> Carrying(Transaction& txn, const std::string& sha256);
  // The minutes of `occurrence` not withdrawn, if any.
  static std::optional<std::string> MinutesOf(Transaction& txn, const std::string& occurrence);
  // Documents whose index is missing or of another revision: written before it
  // existed or by an older replica.
  static std::vector<Document> Unindexed(Transaction& txn);
  static bool AnyUnindexed(Transaction& txn);
  // Every region with a document.
  static std::vector<std::string> Regions(Transaction& txn);
  // Writes the document and its index.
  static void Upsert(Transaction& txn, const std::string& region, const Document& document,
                     const DocumentIndex& index);
  // Writes the index of the document as stored.
  static void Index(Transaction& txn, const std::string& region, const Document& document,
                    const DocumentIndex& index);
};

// Each region's ReportingSettings, kept whole.
class SettingsRepository {
 public:
  static std::optional<std::string> Find(Transaction& txn, const std::string& region);
  static void Upsert(Transaction& txn, const std::string& region, const std::string& payload);
  // Every region's settings that were ever set.
  static std::vector<std::string> LoadAll(Transaction& txn);
};

class AuditRepository {
 public:
  static void Append(Transaction& txn, const AuditEntry& entry);
  // Every entry, in order (for verification), or one document's.
  static std::vector<AuditEntry> Load(Transaction& txn, const std::string& document = "");
  // The last entry, if any.
  static std::optional<AuditEntry> Last(Transaction& txn);
};

struct StoredAttachment {
  std::string sha256;
  int64_t size_bytes = 0;
  std::string content_type;
  int64_t create_micros = 0;
};

class AttachmentRepository {
 public:
  static std::optional<StoredAttachment> Find(Transaction& txn, const std::string& sha256);
  static void Add(Transaction& txn, const StoredAttachment& attachment);
  // Records that `unit` uploaded the bytes (once per unit).
  static void AddUploader(Transaction& txn, const std::string& sha256, const std::string& unit);
  static bool UploadedBy(Transaction& txn, const std::string& sha256, const std::string& unit);
  static void AddChunk(Transaction& txn, const std::string& sha256, int64_t chunk,
                       const std::string& bytes);
  // The chunk `chunk` of an attachment; none past its last.
  static std::optional<std::string> Chunk(Transaction& txn, const std::string& sha256,
                                          int64_t chunk);
};

struct OutboxMessage {
  int64_t id = 0;
  std::string topic;
  std::string payload;
  int64_t attempts = 0;
};

struct OutboxBacklog {
  int64_t messages = 0;
  int64_t oldest_create_micros = 0;  // 0 when none is known
};

class OutboxRepository {
 public:
  static void Add(Transaction& txn, const std::string& topic, const std::string& payload,
                  int64_t now_micros);
  // Undelivered messages due at `now_micros`, oldest first, at most `limit`.
  static std::vector<OutboxMessage> Due(Transaction& txn, int64_t now_micros, int limit);
  static void Delivered(Transaction& txn, int64_t id, int64_t now_micros);
  static void Retry(Transaction& txn, int64_t id, int64_t next_attempt_micros,
                    const std::string& error);
  static OutboxBacklog Undelivered(Transaction& txn);
};

}  // namespace rakor::storage::reporting
