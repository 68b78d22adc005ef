// SQL for the reporting tables (storage/reporting/schema.cc). Call inside
// Database::Write / Read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rakor/reporting/v1/resources.pb.h"
#include "storage/transaction.h"

namespace rakor::storage::reporting {

using rakor::reporting::v1::AuditEntry;
using rakor::reporting::v1::Document;

class DocumentRepository {
 public:
  static std::vector<Document> LoadAll(Transaction& txn);
  static std::optional<Document> Find(Transaction& txn, const std::string& name);
  // `region`'s documents named after `after` ("" for all), by name.
  static std::vector<Document> InRegion(Transaction& txn, const std::string& region,
                                        const std::string& after = "");
  // The minutes of `occurrence`, if any.
  static std::optional<std::string> MinutesOf(Transaction& txn, const std::string& occurrence);
  // Sets the occurrence column of rows written before it existed (from the payload).
  static void FillOccurrences(Transaction& txn);
  static void Upsert(Transaction& txn, const std::string& region, const Document& document);
};

// Each region's ReportingSettings, kept whole.
class SettingsRepository {
 public:
  static std::optional<std::string> Find(Transaction& txn, const std::string& region);
  static void Upsert(Transaction& txn, const std::string& region, const std::string& payload);
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
