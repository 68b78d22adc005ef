// The reporting service's domain core: every document read as committed (so that
// replicas on one PostgreSQL database answer alike), each change committed with its
// audit entry (hash-chained), request id and, where it causes one, its outbox
// message, in one transaction before it is answered. Knows nothing of gRPC.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/caller.h"
#include "common/clock.h"
#include "common/group_commit.h"
#include "common/request_key.h"
#include "google/protobuf/field_mask.pb.h"
#include "rakor/reporting/v1/reporting_service.pb.h"
#include "rakor/reporting/v1/resources.pb.h"
#include "services/reporting/audit.h"
#include "services/reporting/directory.h"
#include "storage/database.h"
#include "storage/reporting/repositories.h"

namespace rakor::reporting {

using rakor::reporting::v1::Document;

// What an official does at their step, or the submitter's return path.
enum class Act { kParaf, kForward, kAccept, kAcknowledge, kReturn };

struct ReportingOptions {
  // A step not taken this many working days after it became due is overdue, in a
  // region that has not set its own (ReportingSettings).
  int step_due_working_days = 3;
  int64_t max_attachment_bytes = int64_t{25} << 20;
};

class Reporting {
 public:
  // `database`: a SQLite file or a postgresql:// URI, as the other services'.
  static absl::StatusOr<std::unique_ptr<Reporting>> Open(const std::string& database,
                                                         const Clock* clock, Directory* directory,
                                                         ReportingOptions options = {});

  const Clock& clock() const { return *clock_; }
  const ReportingOptions& options() const { return options_; }

  absl::StatusOr<Document> Submit(const rakor::reporting::v1::SubmitDocumentRequest& request,
                                  const RequestKey& key, const Caller& caller);
  // Visible to the submitting unit and the officials on the route.
  absl::StatusOr<Document> Get(const std::string& name, const Caller& caller) const;
  // `region`'s documents the caller may see whose fields equal `filter`'s (awaiting,
  // unit, state, kind, overdue, occurrence), after the name `after`, at most `limit`.
  absl::StatusOr<std::vector<Document>> List(const std::string& region,
                                             const std::map<std::string, std::string>& filter,
                                             const Caller& caller, const std::string& after,
                                             int limit) const;
  absl::StatusOr<Document> Step(const std::string& name, Act act, const std::string& etag,
                                const std::string& comment, const RequestKey& key,
                                const Caller& caller);
  absl::StatusOr<Document> Resubmit(const std::string& name, const std::string& etag,
                                    const rakor::reporting::v1::Revision& revision,
                                    const RequestKey& key, const Caller& caller);
  // The submitter takes back a document not yet accepted, with `reason`.
  absl::StatusOr<Document> Withdraw(const std::string& name, const std::string& etag,
                                    const std::string& reason, const RequestKey& key,
                                    const Caller& caller);
  // Records the follow-up `name` of an accepted document as done, with `note`; the
  // follow-up as it now is.
  absl::StatusOr<rakor::reporting::v1::FollowUpAction> CompleteFollowUp(const std::string& name,
                                                                        const std::string& etag,
                                                                        const std::string& note,
                                                                        const RequestKey& key,
                                                                        const Caller& caller);

  // Stores a verified upload (the spooled file at `path`) once per content, and
  // that `uploader` (a unit) holds it.
  absl::StatusOr<rakor::reporting::v1::Attachment> StoreAttachment(
      const std::string& path, const rakor::reporting::v1::UploadAttachmentRequest::Header& header,
      const std::string& uploader);
  // OK when `caller` may read the attachment `sha256`: its unit uploaded it, or it
  // is on the route of a document of its region that carries it (rule 10); else
  // PERMISSION_DENIED, whether or not the attachment exists.
  absl::Status CheckAttachmentReader(const std::string& sha256, const Caller& caller) const;
  absl::StatusOr<rakor::reporting::v1::Attachment> GetAttachment(const std::string& name) const;
  // Chunk `index` of the attachment `sha256`; none past its last.
  absl::StatusOr<std::optional<std::string>> AttachmentChunk(const std::string& sha256,
                                                             int64_t index) const;
  // DATA_LOSS unless the stored bytes still have their SHA-256 (read through once).
  absl::Status VerifyAttachment(const std::string& sha256) const;

  absl::StatusOr<std::vector<rakor::reporting::v1::AuditEntry>> ListAuditEntries(
      const std::string& document, const Caller& caller) const;
  absl::StatusOr<ChainCheck> VerifyAuditTrail(const Caller& caller) const;
  // Open follow-up actions past due in `region`'s documents, those the caller may
  // see (on the document's route, the owner, or the owner's Asisten), of `owner`
  // and of the units `asisten` coordinates where given.
  absl::StatusOr<std::vector<rakor::reporting::v1::OverdueFollowUp>> OverdueFollowUps(
      const std::string& region, const std::string& owner, const std::string& asisten,
      const Caller& caller) const;

  // A region's settings (the defaults until it sets its own).
  absl::StatusOr<rakor::reporting::v1::ReportingSettings> GetSettings(
      const std::string& name) const;
  absl::StatusOr<rakor::reporting::v1::ReportingSettings> UpdateSettings(
      const rakor::reporting::v1::ReportingSettings& patch, const google::protobuf::FieldMask& mask,
      const Caller& caller);

  // Indexes the documents whose index is missing or behind: written before schema
  // version 5, or by an older replica while replicas are replaced. Returns how many.
  absl::StatusOr<int> Reindex();

  // Delivers the outbox messages due now (MarkMinutesAccepted, MarkFollowUpDone), each at most once
  // successfully; a failed one is tried again later, backing off. Returns how many were delivered.
  absl::StatusOr<int> DeliverOutbox();

  // What is waiting, for the metrics: per region, documents by whose turn it is
  // ("unit" for a returned one, else the route step's role) and how many documents
  // and follow-up actions are overdue; the outbox's undelivered messages and the
  // age of the oldest. Counts only, so no caller is needed.
  struct Backlog {
    struct Region {
      std::map<std::string, int64_t> waiting;  // by step
      int64_t overdue_documents = 0;
      int64_t overdue_follow_ups = 0;
    };
    std::map<std::string, Region> regions;
    int64_t outbox_messages = 0;
    absl::Duration outbox_oldest_age;
  };
  // Reads the documents with work left only (document_index_open), not those done.
  absl::StatusOr<Backlog> CurrentBacklog() const;

 private:
  Reporting(std::unique_ptr<storage::Database> db, const Clock* clock, Directory* directory,
            ReportingOptions options)
      : db_(std::move(db)), clock_(clock), directory_(directory), options_(options) {}

  absl::Status ValidateRevision(const std::string& region,
                                rakor::reporting::v1::Revision& revision) const;
  // Whether `caller` is the submitter or an official on `d`'s route.
  static bool Involved(const Document& d, const Caller& caller);
  // A document an official acts on exists and has the caller on it (else NOT_FOUND,
  // PERMISSION_DENIED).
  static absl::Status OnRoute(const Document* current, const std::string& name,
                              const Caller& caller);
  // ... or, for a follow-up of `d`, its owner or the owner's Asisten.
  static bool Involved(const rakor::reporting::v1::FollowUpAction& f, const Document& d,
                       const Caller& caller);
  struct OverdueRule {
    int days;
    RegionCalendar calendar;
  };
  OverdueRule RuleFor(const std::string& region) const;
  // The region's working calendar from scheduling, kept ten minutes.
  RegionCalendar CalendarOf(const std::string& region) const;
  // The document with its output-only fields: whether it is overdue, its follow-ups' names.
  Document WithOutputFields(Document d, const OverdueRule& rule) const;
  // A write's answer, with whether it is overdue.
  absl::StatusOr<Document> Answered(absl::StatusOr<Document> result) const;
  // What a write does to a document: the document after it, and what the audit
  // trail and the outbox record.
  struct Plan {
    Document next;
    std::string action;  // as AuditEntry.action
    std::string citation;
    std::string comment;
    // A message to the scheduling service, sent from the outbox: its topic and the
    // serialised request; "" for none.
    std::string outbox_topic, outbox;
  };
  // Plans from `current` (none for a submission), reading more through `txn` if it must.
  using Planner =
      std::function<absl::StatusOr<Plan>(const Document* current, storage::Transaction& txn)>;
  // Replays `key` if it was used; otherwise plans from the document as it is (none
  // for a submission) and commits the plan with its hash-chained audit entry,
  // request id and outbox message, answering once it is durable. Concurrent calls
  // are committed together, in one transaction (group commit): one fsync for many.
  absl::StatusOr<Document> Apply(const std::string& name, const RequestKey& key,
                                 const Caller& caller, const Planner& plan);
  // A write waiting to be committed, on its caller's stack.
  struct Pending {
    const std::string* name;
    const RequestKey* key;
    const Caller* caller;
    const Planner* plan;
    absl::StatusOr<Document> result;
  };
  // Sends one outbox message to the scheduling service.
  absl::Status Send(const storage::reporting::OutboxMessage& message);
  // Commits `batch` in one transaction, in order; sets each one's result.
  void CommitBatch(const std::vector<Pending*>& batch);
  std::unique_ptr<storage::Database> db_;
  const Clock* clock_;
  Directory* directory_;
  ReportingOptions options_;
  // One commit at a time for every write queued (the audit chain is one sequence).
  GroupCommit<Pending> group_commit_;
  struct CachedCalendar {
    RegionCalendar calendar;
    absl::Time fresh_until = absl::InfinitePast();
    bool fetched = false;  // from scheduling, once
  };
  mutable absl::Mutex calendar_mu_;
  mutable std::map<std::string, CachedCalendar> calendars_ ABSL_GUARDED_BY(calendar_mu_);
};

}  // namespace rakor::reporting
