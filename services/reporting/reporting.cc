#include "services/reporting/reporting.h"

#include <algorithm>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/error_details.h"
#include "common/field_mask.h"
#include "common/limits.h"
#include "common/resource_id.h"
#include "common/status_macros.h"
#include "common/time.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "rakor/scheduling/v1/scheduling_service.pb.h"
#include "services/reporting/digest.h"
#include "services/reporting/errors.h"
#include "services/reporting/names.h"
#include "services/reporting/route.h"
#include "storage/etag.h"
#include "storage/reporting/schema.h"
#include "storage/request_log.h"

namespace rakor::reporting {
namespace {

using storage::reporting::AttachmentRepository;
using storage::reporting::AuditRepository;
using storage::reporting::DocumentRepository;
using storage::reporting::OutboxRepository;
using storage::reporting::SettingsRepository;
using v1::AuditEntry;
using v1::Revision;

constexpr char kMinutesAcceptedTopic[] = "scheduling.MarkMinutesAccepted";
constexpr char kFollowUpDoneTopic[] = "scheduling.MarkFollowUpDone";
constexpr int kMaxItems = 100;  // decisions, follow-ups, attachments of a revision
constexpr size_t kMaxBodyBytes = 64 << 10;
constexpr int kMaxStepDueWorkingDays = 30;  // ReportingSettings allows 1 to 30 (resources.proto)
constexpr int64_t kChunkBytes = 256 << 10;  // attachments are stored and streamed in these

// The revision's content, as its SHA-256 covers it (deterministically serialised,
// without the digest and the time), computed once when it is submitted.
std::string ContentDigest(Revision revision) {
  revision.clear_sha256();
  revision.clear_submit_time();
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    revision.SerializeToCodedStream(&coded);
  }
  return Sha256Hex(bytes);
}

bool Active(const Document& d) { return d.state() == v1::IN_REVIEW || d.state() == v1::ACCEPTED; }

// An official's words on a step or a follow-up (`field`): at most ten texts long.
absl::Status CheckRemark(absl::string_view field, const std::string& text, bool required) {
  if (required) RAKOR_RETURN_IF_ERROR(errors::RequireText(field, text));
  if (text.size() > limits::kMaxTextBytes * 10) {
    return errors::TooLong(field, limits::kMaxTextBytes * 10);
  }
  return absl::OkStatus();
}

// ABORTED when the official read the document at another version than `current`'s.
absl::Status SameVersion(const Document& current, const std::string& name,
                         const std::string& etag) {
  if (!etag.empty() && etag != current.etag()) {
    return errors::StaleEtag(name, etag, current.etag());
  }
  return absl::OkStatus();
}

// Accepted by the Sekda (or acknowledged by the head): what it decided no longer changes.
bool Settled(const Document& d) {
  return d.state() == v1::ACCEPTED || d.state() == v1::ACKNOWLEDGED;
}

// A follow-up binds once its document is settled: in review the route may still
// change it, and it cannot be recorded as done. From then on it is overdue while
// open past its due date (`today` in the region's zone).
bool FollowUpOverdue(const Document& d, const v1::FollowUpAction& f, absl::CivilDay today) {
  absl::CivilDay due;
  return Settled(d) && f.status() == v1::FollowUpAction::OPEN &&
         absl::ParseCivilTime(f.due_date(), &due) && due < today;
}

bool AtStep(const Document& d, const Caller& caller) {
  if (!Active(d) || d.current_step() >= d.route_size()) return false;
  const v1::RouteStep& step = d.route(d.current_step());
  return caller.unit == step.unit() && RoleName(caller.role) == step.role();
}

v1::StepAction ActionOf(Act act) {
  switch (act) {
    case Act::kParaf:
      return v1::PARAF;
    case Act::kForward:
      return v1::FORWARD;
    case Act::kAccept:
      return v1::ACCEPT;
    case Act::kAcknowledge:
      return v1::ACKNOWLEDGE;
    case Act::kReturn:
      break;
  }
  return v1::STEP_ACTION_UNSPECIFIED;
}

std::string WhoseTurn(const Document& d) {
  if (d.state() == v1::RETURNED) return absl::StrCat("the submitter, ", d.unit());
  if (d.state() == v1::WITHDRAWN) return "nobody: the submitter withdrew it";
  if (!Active(d)) return "nobody: the route is complete";
  const v1::RouteStep& step = d.route(d.current_step());
  return absl::StrCat(step.unit(), "#", step.role());
}

// The unit whose turn it is: the submitter of a returned document, the current
// step's of one under way; none once the route is done.
std::string AwaitedUnit(const Document& d) {
  if (d.state() == v1::RETURNED) return d.unit();
  if (Active(d) && d.current_step() < d.route_size()) return d.route(d.current_step()).unit();
  return "";
}

// What a document is found by. Its parties are those Reporting::Involved lets read
// it: the submitting unit in any role and each step's unit in the step's role.
storage::reporting::DocumentIndex IndexOf(const Document& d) {
  storage::reporting::DocumentIndex index;
  index.unit = d.unit();
  index.kind = v1::DocumentKind_Name(d.kind());
  index.state = v1::DocumentState_Name(d.state());
  index.awaiting = AwaitedUnit(d);
  index.withdrawn = d.state() == v1::WITHDRAWN;
  if (!d.revisions().empty() && !index.withdrawn) {
    const auto& follow_ups = d.revisions().rbegin()->follow_ups();
    index.open_follow_ups = std::any_of(follow_ups.begin(), follow_ups.end(), [](const auto& f) {
      return f.status() == v1::FollowUpAction::OPEN;
    });
  }
  index.parties.emplace_back(d.unit(), "");
  for (const v1::RouteStep& step : d.route()) index.parties.emplace_back(step.unit(), step.role());
  for (const Revision& r : d.revisions()) {
    for (const std::string& name : r.attachments()) {
      if (absl::StatusOr<std::string> sha = ParseAttachmentName("", name); sha.ok()) {
        index.attachments.push_back(*std::move(sha));
      }
    }
  }
  return index;
}

// `days` working days after `from`, at the same time of day: Monday to Friday in
// the region's zone, without its days off.
absl::Time AddWorkingDays(absl::Time from, int days, const RegionCalendar& calendar) {
  const absl::CivilDay start = absl::ToCivilDay(from, calendar.zone);
  absl::CivilDay day = start;
  while (days > 0) {
    ++day;
    const absl::Weekday w = absl::GetWeekday(day);
    if (w != absl::Weekday::saturday && w != absl::Weekday::sunday &&
        !calendar.days_off.contains(day)) {
      --days;
    }
  }
  return from + absl::Hours(24) * (day - start);  // Indonesia keeps no daylight saving
}

// Appends `entry` to the trail, chained after `last`, and makes it the last.
const AuditEntry& AppendAudit(storage::Transaction& txn, AuditEntry entry,
                              std::optional<AuditEntry>& last) {
  entry.set_sequence(last.has_value() ? last->sequence() + 1 : 1);
  entry.set_previous_hash(last.has_value() ? last->hash() : "");
  entry.set_hash(AuditHash(entry));
  AuditRepository::Append(txn, entry);
  last = std::move(entry);
  return *last;
}

// A region's settings until it sets its own.
v1::ReportingSettings DefaultSettings(const std::string& name, int step_due_working_days) {
  v1::ReportingSettings s;
  s.set_name(name);
  s.set_step_due_working_days(step_due_working_days);
  s.set_source("rakor's default (--step_due_working_days)");
  s.set_etag(storage::EtagForRevision(0));
  return s;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Reporting>> Reporting::Open(const std::string& database,
                                                           const Clock* clock, Directory* directory,
                                                           ReportingOptions options) {
  // 0 or fewer would make every step overdue the moment it is due.
  if (options.step_due_working_days < 1 || options.step_due_working_days > kMaxStepDueWorkingDays) {
    return absl::InvalidArgumentError(absl::StrCat("step_due_working_days must be from 1 to ",
                                                   kMaxStepDueWorkingDays, ", not ",
                                                   options.step_due_working_days));
  }
  if (options.max_attachment_bytes < 1) {
    return absl::InvalidArgumentError("max_attachment_bytes must be positive");
  }
  RAKOR_ASSIGN_OR_RETURN(
      std::unique_ptr<storage::Database> db,
      storage::Database::Open(database, storage::reporting::ReportingMigrations(),
                              storage::Durability::kFull));
  auto reporting =
      std::unique_ptr<Reporting>(new Reporting(std::move(db), clock, directory, options));
  RAKOR_RETURN_IF_ERROR(reporting->Reindex().status());
  return reporting;
}

absl::StatusOr<int> Reporting::Reindex() {
  // Looked for first in a read: this runs every minute and finds nothing once no
  // older replica is left, and a write would take the writers' lock for it.
  bool behind = false;
  RAKOR_RETURN_IF_ERROR(db_->Read([&](storage::Transaction& txn) {
    behind = DocumentRepository::AnyUnindexed(txn);
    return absl::OkStatus();
  }));
  if (!behind) return 0;
  int indexed = 0;
  RAKOR_RETURN_IF_ERROR(db_->Write([&](storage::Transaction& txn) {
    indexed = 0;
    for (const Document& d : DocumentRepository::Unindexed(txn)) {
      DocumentRepository::Index(txn, RegionOfUnit(d.unit()), d, IndexOf(d));
      ++indexed;
    }
    return absl::OkStatus();
  }));
  return indexed;
}

absl::Status Reporting::OnRoute(const Document* current, const std::string& name,
                                const Caller& caller) {
  if (current == nullptr) return errors::DocumentNotFound(name);
  if (!Involved(*current, caller)) return errors::NotYourDocument(name, caller.ToString());
  return absl::OkStatus();
}

bool Reporting::Involved(const Document& d, const Caller& caller) {
  if (caller.unit.empty()) return false;
  if (caller.unit == d.unit()) return true;
  return std::any_of(d.route().begin(), d.route().end(), [&](const v1::RouteStep& s) {
    return s.unit() == caller.unit && s.role() == RoleName(caller.role);
  });
}

bool Reporting::Involved(const v1::FollowUpAction& f, const Document& d, const Caller& caller) {
  if (caller.unit.empty()) return false;
  if (Involved(d, caller)) return true;
  // Off the route, a follow-up is its owner's and the owner's Asisten's business once
  // the Sekda has accepted the document; in progress it is the route's only (rule 10).
  return Settled(d) && (caller.unit == f.owner() ||
                        (caller.role == Role::kAsisten && caller.unit == f.owner_asisten()));
}

Reporting::OverdueRule Reporting::RuleFor(const std::string& region) const {
  OverdueRule rule{options_.step_due_working_days, CalendarOf(region)};
  if (absl::StatusOr<v1::ReportingSettings> s = GetSettings(SettingsName(region)); s.ok()) {
    rule.days = s->step_due_working_days();
  }
  return rule;
}

RegionCalendar Reporting::CalendarOf(const std::string& region) const {
  const absl::Time now = clock_->Now();
  bool ever_fetched = false;
  {
    absl::MutexLock lock(&calendar_mu_);
    auto cached = calendars_.find(region);
    if (cached != calendars_.end() && now < cached->second.fresh_until) {
      return cached->second.calendar;
    }
    ever_fetched = cached != calendars_.end() && cached->second.fetched;
  }
  // Half a year back covers any step still counted; a month ahead, the days to come.
  const absl::CivilDay today = absl::ToCivilDay(now, absl::UTCTimeZone());
  absl::StatusOr<RegionCalendar> fetched = directory_->Calendar(region, today - 200, today + 30);
  // Scheduling away and never heard from: weekends only, but in the region's own
  // zone (from the registry), so a date is still the region's date.
  // Asked only then: a calendar once fetched already has the zone.
  std::optional<absl::TimeZone> zone;
  if (!fetched.ok() && !ever_fetched) {
    if (absl::StatusOr<absl::TimeZone> z = directory_->TimeZoneOf(region); z.ok()) zone = *z;
  }
  absl::MutexLock lock(&calendar_mu_);
  CachedCalendar& cached = calendars_[region];
  if (fetched.ok()) {
    cached = {*std::move(fetched), now + absl::Minutes(10), true};
  } else {
    // The last calendar known, until scheduling is back.
    if (!cached.fetched && zone.has_value()) cached.calendar.zone = *zone;
    cached.fresh_until = now + absl::Minutes(1);
  }
  return cached.calendar;
}

Document Reporting::WithOutputFields(Document d, const OverdueRule& rule) const {
  d.set_overdue(Active(d) && clock_->Now() > AddWorkingDays(FromProto(d.step_since_time()),
                                                            rule.days, rule.calendar));
  if (!d.revisions().empty()) {
    Revision& current = *d.mutable_revisions()->rbegin();
    for (int i = 0; i < current.follow_ups_size(); ++i) {
      current.mutable_follow_ups(i)->set_name(FollowUpName(d.name(), i + 1));
    }
  }
  return d;
}

absl::Status Reporting::ValidateRevision(const std::string& region, Revision& r) const {
  RAKOR_RETURN_IF_ERROR(errors::RequireText("revision.title", r.title()));
  if (r.summary().size() > limits::kMaxTextBytes * 10) {
    return errors::TooLong("revision.summary", limits::kMaxTextBytes * 10);
  }
  if (r.body().size() > kMaxBodyBytes) return errors::TooLong("revision.body", kMaxBodyBytes);
  if (r.decisions_size() > kMaxItems) return errors::TooMany("revision.decisions", kMaxItems);
  for (int i = 0; i < r.decisions_size(); ++i) {
    RAKOR_RETURN_IF_ERROR(
        errors::RequireText(absl::StrCat("revision.decisions[", i, "]"), r.decisions(i)));
  }
  if (r.follow_ups_size() > kMaxItems) return errors::TooMany("revision.follow_ups", kMaxItems);
  for (int i = 0; i < r.follow_ups_size(); ++i) {
    v1::FollowUpAction& f = *r.mutable_follow_ups(i);
    const std::string field = absl::StrCat("revision.follow_ups[", i, "]");
    RAKOR_RETURN_IF_ERROR(errors::RequireText(field + ".what", f.what()));
    if (RegionOfUnit(f.owner()) != region) {
      return errors::InvalidField(field + ".owner", absl::StrCat("must be a unit of ", region));
    }
    // The owner's Asisten as of now, from the registry (which also says the owner exists).
    absl::StatusOr<std::vector<ChainStep>> chain =
        directory_->ReportingChain(f.owner(), v1::GENERAL_POLICY, clock_->Now());
    if (absl::IsNotFound(chain.status())) {
      return errors::InvalidField(field + ".owner", "is not a unit in the registry");
    }
    f.clear_owner_asisten();
    // Output only: set by CompleteFollowUp and on reading.
    f.clear_name();
    f.clear_done_time();
    f.clear_done_by();
    f.clear_done_note();
    // A unit outside the Perangkat Daerah chain (an Instansi Vertikal, the Forkopimda)
    // may carry out a follow-up too; no Asisten follows it.
    if (ErrorReason(chain.status()) != "NOT_IN_REPORTING_CHAIN") {
      RAKOR_RETURN_IF_ERROR(chain.status());
      for (const ChainStep& step : *chain) {
        if (step.kind == "ASISTEN") f.set_owner_asisten(step.unit);
      }
    }
    absl::CivilDay due;
    if (!absl::ParseCivilTime(f.due_date(), &due)) {
      return errors::InvalidField(field + ".due_date", "must be a date, as 2026-12-31");
    }
    // Done is recorded later, with who and what (CompleteFollowUp), never submitted.
    if (f.status() != v1::FollowUpAction::STATUS_UNSPECIFIED &&
        f.status() != v1::FollowUpAction::OPEN) {
      return errors::InvalidField(field + ".status",
                                  "must be OPEN or unset: a follow-up is recorded as done with "
                                  "CompleteFollowUp");
    }
    f.set_status(v1::FollowUpAction::OPEN);
  }
  if (r.attachments_size() > kMaxItems) return errors::TooMany("revision.attachments", kMaxItems);
  for (int i = 0; i < r.attachments_size(); ++i) {
    const std::string field = absl::StrCat("revision.attachments[", i, "]");
    RAKOR_ASSIGN_OR_RETURN(const std::string sha, ParseAttachmentName(field, r.attachments(i)));
    bool known = false;
    RAKOR_RETURN_IF_ERROR(db_->Read([&](storage::Transaction& txn) {
      known = AttachmentRepository::Find(txn, sha).has_value();
      return absl::OkStatus();
    }));
    if (!known) return errors::AttachmentNotFound(r.attachments(i));
  }
  r.clear_attendance();  // minutes carry the attendance scheduling recorded, nothing else
  return absl::OkStatus();
}

absl::StatusOr<Document> Reporting::Apply(const std::string& name, const RequestKey& key,
                                          const Caller& caller, const Planner& plan) {
  Pending me{&name, &key, &caller, &plan, absl::UnknownError("not committed")};
  group_commit_.Join(&me, [this](const std::vector<Pending*>& batch) { CommitBatch(batch); });
  return Answered(std::move(me.result));
}

absl::StatusOr<Document> Reporting::Answered(absl::StatusOr<Document> result) const {
  // After the commit is handed on: the region's rule may ask scheduling, and no
  // other writer waits for that.
  if (!result.ok()) return result;
  const std::string region = RegionOfUnit(result->unit());
  return WithOutputFields(*std::move(result), RuleFor(region));
}

void Reporting::CommitBatch(const std::vector<Pending*>& batch) {
  const absl::Time now = StoredPrecision(clock_->Now());
  std::map<std::string, Document> staged;  // as this batch left them
  const absl::Status committed = db_->Write([&](storage::Transaction& txn) -> absl::Status {
    staged.clear();  // the body runs again if the engine retries the transaction
    std::optional<AuditEntry> last = AuditRepository::Last(txn);
    for (Pending* p : batch) {
      const std::string& name = *p->name;
      // The caller is part of the request: a request id replays only for its caller.
      RequestKey key = *p->key;
      if (!key.request_id.empty()) absl::StrAppend(&key.request, "|", p->caller->ToString());
      absl::StatusOr<std::optional<Document>> earlier =
          storage::Replay<Document>(txn, key, errors::kDomain);
      if (!earlier.ok() || earlier->has_value()) {
        p->result = earlier.ok() ? absl::StatusOr<Document>(**earlier)
                                 : absl::StatusOr<Document>(earlier.status());
        continue;
      }
      // As committed, not as remembered: another replica on a shared database, or a
      // commit whose answer was lost, may have moved it.
      std::optional<Document> current;
      if (auto found = staged.find(name); found != staged.end()) {
        current = found->second;
      } else {
        current = DocumentRepository::Find(txn, name);
      }
      absl::StatusOr<Plan> planned = (*p->plan)(current.has_value() ? &*current : nullptr, txn);
      if (!planned.ok()) {
        p->result = planned.status();  // refused: nothing of it is written
        continue;
      }
      Document& d = planned->next;
      d.set_etag(storage::EtagForRevision(
          current.has_value() ? storage::RevisionFromEtag(current->etag()) + 1 : 1));
      *d.mutable_update_time() = ToProto(now);
      d.clear_overdue();

      AuditEntry entry;
      entry.set_document(name);
      entry.set_actor(p->caller->ToString());
      entry.set_action(planned->action);
      entry.set_revision_sha256(d.revisions().empty() ? "" : d.revisions().rbegin()->sha256());
      entry.set_citation(planned->citation);
      *entry.mutable_time() = ToProto(now);
      entry.set_comment(planned->comment);
      d.set_audit_head(AppendAudit(txn, std::move(entry), last).hash());

      DocumentRepository::Upsert(txn, name.substr(0, name.find("/documents/")), d, IndexOf(d));
      if (!planned->outbox.empty()) {
        OutboxRepository::Add(txn, planned->outbox_topic, planned->outbox, absl::ToUnixMicros(now));
      }
      if (!key.request_id.empty()) {
        storage::RequestLog::Record(txn, key.request_id,
                                    {key.request, d.name(), d.SerializeAsString()},
                                    absl::ToUnixMicros(now));
      }
      staged[name] = d;
      p->result = d;
    }
    return absl::OkStatus();
  });
  if (!committed.ok()) {
    for (Pending* p : batch) p->result = committed;  // none of the batch was written
    return;
  }
}

absl::StatusOr<Document> Reporting::Submit(const v1::SubmitDocumentRequest& req,
                                           const RequestKey& key, const Caller& caller) {
  RAKOR_ASSIGN_OR_RETURN(const std::string region, ParseRegion("parent", req.parent()));
  RAKOR_RETURN_IF_ERROR(rakor::ValidateId(errors::kDomain, "document_id", req.document_id()));
  const std::string name = DocumentName(region, req.document_id());
  if (req.kind() != v1::MINUTES && req.kind() != v1::REPORT) return errors::RequiredField("kind");
  if (RegionOfUnit(req.unit()) != region) {
    return errors::InvalidField("unit", absl::StrCat("must be a unit of ", region));
  }
  if (caller.unit != req.unit()) return errors::NotYourDocument(name, caller.ToString());
  if (!req.has_revision()) return errors::RequiredField("revision");
  Revision revision = req.revision();
  revision.DiscardUnknownFields();
  RAKOR_RETURN_IF_ERROR(ValidateRevision(region, revision));
  const absl::Time now = StoredPrecision(clock_->Now());

  // The registry and scheduling are asked before the writer lock is taken.
  std::optional<LeadOf> lead;
  v1::Matter matter = req.matter();
  if (req.kind() == v1::MINUTES) {
    if (req.occurrence().empty()) return errors::RequiredField("occurrence");
    RAKOR_ASSIGN_OR_RETURN(const MeetingFacts meeting, directory_->Meeting(req.occurrence()));
    if (!meeting.held) return errors::MeetingNotHeld(req.occurrence());
    if (req.unit() != meeting.chair && std::find(meeting.invited.begin(), meeting.invited.end(),
                                                 req.unit()) == meeting.invited.end()) {
      return errors::InvalidField("unit", "must be the meeting's chair or one of its invitees");
    }
    for (const auto& a : meeting.attendance) *revision.add_attendance() = a;
    std::vector<std::string> units = meeting.invited;
    units.push_back(meeting.chair);
    // As of the meeting: the lead is chosen by who sat in it, and an invitee ended by a
    // reorganisation since still counts for the meeting it attended.
    RAKOR_ASSIGN_OR_RETURN(lead, directory_->LeadCoordinator(units, meeting.start));
    matter = v1::GENERAL_POLICY;  // minutes go to the Sekda (through the lead)
  } else {
    if (!req.occurrence().empty()) {
      return errors::InvalidField("occurrence", "is given only for MINUTES");
    }
    if (matter != v1::GENERAL_POLICY && matter != v1::TECHNICAL_OPERATIONAL) {
      return errors::RequiredField("matter");
    }
  }
  RAKOR_ASSIGN_OR_RETURN(const std::vector<ChainStep> chain,
                         directory_->ReportingChain(req.unit(), matter, now));
  RAKOR_ASSIGN_OR_RETURN(const std::string paraf, directory_->ParafCitation(region));
  std::vector<v1::RouteStep> route = BuildRoute(chain, paraf, lead);
  if (route.empty()) {
    return errors::InvalidField("unit", "has no reporting chain in the registry to route it on");
  }
  std::string origin_citation;
  for (const ChainStep& c : chain) {
    if (c.kind == "ORIGIN") origin_citation = c.citation;
  }
  revision.set_number(1);
  revision.set_sha256(ContentDigest(revision));
  *revision.mutable_submit_time() = ToProto(now);

  return Apply(name, key, caller,
               [&](const Document* current, storage::Transaction& txn) -> absl::StatusOr<Plan> {
                 if (current != nullptr) return errors::DocumentAlreadyExists(name);
                 if (req.kind() == v1::MINUTES) {
                   if (std::optional<std::string> other =
                           DocumentRepository::MinutesOf(txn, req.occurrence())) {
                     return errors::MinutesAlreadySubmitted(req.occurrence(), *other);
                   }
                 }
                 Plan p;
                 Document& d = p.next;
                 d.set_name(name);
                 d.set_kind(req.kind());
                 d.set_unit(req.unit());
                 d.set_occurrence(req.occurrence());
                 d.set_matter(matter);
                 d.set_state(v1::IN_REVIEW);
                 for (v1::RouteStep& step : route) *d.add_route() = step;
                 *d.add_revisions() = revision;
                 *d.mutable_create_time() = ToProto(now);
                 *d.mutable_step_since_time() = ToProto(now);
                 p.action = "SUBMIT";
                 p.citation = origin_citation;
                 return p;
               });
}

absl::StatusOr<Document> Reporting::Get(const std::string& name, const Caller& caller) const {
  RAKOR_ASSIGN_OR_RETURN(const std::string region, RegionOfDocument("name", name));
  // Read as committed, so that every replica on a shared database answers alike.
  std::optional<Document> found;
  RAKOR_RETURN_IF_ERROR(db_->Read([&](storage::Transaction& txn) {
    found = DocumentRepository::Find(txn, name);
    return absl::OkStatus();
  }));
  if (!found.has_value()) return errors::DocumentNotFound(name);
  // In progress, a document is its route's business only (regulations/README.md rule 10).
  if (!Involved(*found, caller)) return errors::NotYourDocument(name, caller.ToString());
  return WithOutputFields(*std::move(found), RuleFor(region));
}

absl::StatusOr<std::vector<Document>> Reporting::List(
    const std::string& region, const std::map<std::string, std::string>& filter,
    const Caller& caller, const std::string& after, int limit) const {
  std::vector<Document> out;
  if (caller.unit.empty()) return out;
  storage::reporting::DocumentQuery query;
  query.region = region;
  query.after = after;
  query.party_unit = caller.unit;
  query.party_role = std::string(RoleName(caller.role));
  for (auto [field, column] :
       {std::pair{"unit", &query.unit}, std::pair{"kind", &query.kind},
        std::pair{"state", &query.state}, std::pair{"awaiting", &query.awaiting},
        std::pair{"occurrence", &query.occurrence}}) {
    if (auto value = filter.find(field); value != filter.end()) *column = value->second;
  }
  // Whether a step is overdue depends on today and the region's calendar: judged here.
  const auto overdue = filter.find("overdue");
  const OverdueRule rule = RuleFor(region);
  while (static_cast<int>(out.size()) < limit) {
    std::vector<Document> batch;
    RAKOR_RETURN_IF_ERROR(db_->Read([&](storage::Transaction& txn) {
      batch = DocumentRepository::Page(txn, query, limit);
      return absl::OkStatus();
    }));
    if (batch.empty()) break;
    const std::string last = batch.back().name();  // before the documents are moved out
    for (Document& found : batch) {
      if (static_cast<int>(out.size()) == limit) break;
      // The index narrows; the rule decides.
      if (!Involved(found, caller)) continue;
      Document d = WithOutputFields(std::move(found), rule);
      if (overdue != filter.end() && d.overdue() != (overdue->second == "true")) continue;
      out.push_back(std::move(d));
    }
    if (static_cast<int>(batch.size()) < limit) break;
    query.after = last;
  }
  return out;
}

absl::StatusOr<Document> Reporting::Step(const std::string& name, Act act, const std::string& etag,
                                         const std::string& comment, const RequestKey& key,
                                         const Caller& caller) {
  RAKOR_RETURN_IF_ERROR(RegionOfDocument("name", name).status());
  RAKOR_RETURN_IF_ERROR(CheckRemark("comment", comment, /*required=*/act == Act::kReturn));
  const absl::Time now = StoredPrecision(clock_->Now());
  return Apply(name, key, caller,
               [&](const Document* current, storage::Transaction&) -> absl::StatusOr<Plan> {
                 RAKOR_RETURN_IF_ERROR(OnRoute(current, name, caller));
                 if (!AtStep(*current, caller)) {
                   return errors::NotYourTurn(name, caller.ToString(), WhoseTurn(*current));
                 }
                 RAKOR_RETURN_IF_ERROR(SameVersion(*current, name, etag));
                 const v1::RouteStep& due = current->route(current->current_step());
                 if (act == Act::kReturn && current->state() == v1::ACCEPTED) {
                   // Scheduling has been told the minutes were accepted: they are not reopened.
                   return errors::WrongStep(name, "RETURN", v1::StepAction_Name(due.action()));
                 }
                 if (act != Act::kReturn && ActionOf(act) != due.action()) {
                   return errors::WrongStep(name, v1::StepAction_Name(ActionOf(act)),
                                            v1::StepAction_Name(due.action()));
                 }
                 Plan p;
                 p.next = *current;
                 Document& d = p.next;
                 p.citation = due.citation();
                 p.comment = comment;
                 *d.mutable_step_since_time() = ToProto(now);
                 if (act == Act::kReturn) {
                   d.set_state(v1::RETURNED);
                   d.set_return_comment(comment);
                   p.action = "RETURN";
                   return p;
                 }
                 v1::RouteStep& done = *d.mutable_route(d.current_step());
                 *done.mutable_done_time() = ToProto(now);
                 done.set_done_by(caller.ToString());
                 d.set_current_step(d.current_step() + 1);
                 p.action = v1::StepAction_Name(due.action());
                 if (d.current_step() == d.route_size()) {
                   d.set_state(v1::ACKNOWLEDGED);
                 } else if (due.action() == v1::ACCEPT) {
                   d.set_state(v1::ACCEPTED);
                 }
                 // Minutes are approved when they first leave review: at the Sekda's
                 // acceptance, or, where the route has none because the Setda itself
                 // submitted them and the Sekda reports straight to the head of region
                 // (Temanggung Pasal 25 ayat (1)), at the head's acknowledgement.
                 const bool approved = current->state() == v1::IN_REVIEW && Settled(d);
                 if (approved && d.kind() == v1::MINUTES) {
                   // The scheduling service learns it from the outbox, committed with this step.
                   rakor::scheduling::v1::MarkMinutesAcceptedRequest notice;
                   notice.set_occurrence(d.occurrence());
                   notice.set_minutes(d.name());
                   *notice.mutable_accept_time() = ToProto(now);
                   const auto& follow_ups = d.revisions().rbegin()->follow_ups();
                   for (int i = 0; i < follow_ups.size(); ++i) {
                     const v1::FollowUpAction& f = follow_ups[i];
                     if (f.status() != v1::FollowUpAction::OPEN) continue;
                     rakor::scheduling::v1::FollowUp& open = *notice.add_open_follow_ups();
                     open.set_what(f.what());
                     open.set_owner(f.owner());
                     open.set_due_date(f.due_date());
                     open.set_name(FollowUpName(d.name(), i + 1));  // as MarkFollowUpDone names it
                   }
                   p.outbox_topic = kMinutesAcceptedTopic;
                   p.outbox = notice.SerializeAsString();
                 }
                 return p;
               });
}

absl::StatusOr<v1::FollowUpAction> Reporting::CompleteFollowUp(const std::string& name,
                                                               const std::string& etag,
                                                               const std::string& note,
                                                               const RequestKey& key,
                                                               const Caller& caller) {
  RAKOR_ASSIGN_OR_RETURN(const FollowUpId id, ParseFollowUpName("name", name));
  RAKOR_RETURN_IF_ERROR(CheckRemark("note", note, /*required=*/true));
  const absl::Time now = StoredPrecision(clock_->Now());
  RAKOR_ASSIGN_OR_RETURN(
      const Document completed,
      Apply(id.document, key, caller,
            [&](const Document* current, storage::Transaction&) -> absl::StatusOr<Plan> {
              if (current == nullptr) return errors::DocumentNotFound(id.document);
              // Off the route, which follow-ups a document has is not the caller's to learn
              // (rule 10): no NOT_FOUND for a number it lacks.
              const bool on_route = Involved(*current, caller);
              if (current->revisions().empty() ||
                  id.n > current->revisions().rbegin()->follow_ups_size()) {
                return on_route ? errors::FollowUpNotFound(name)
                                : errors::NotYourDocument(id.document, caller.ToString());
              }
              const v1::FollowUpAction& f = current->revisions().rbegin()->follow_ups(id.n - 1);
              // Those who carry it out or follow it, and the secretariat that keeps
              // the minutes; no one else learns it exists (rule 10).
              const bool sekda = caller.role == Role::kSekda && on_route;
              const bool follows =
                  caller.unit == f.owner() || caller.unit == current->unit() ||
                  (caller.role == Role::kAsisten && caller.unit == f.owner_asisten());
              if (!Involved(f, *current, caller)) {
                return errors::NotYourDocument(id.document, caller.ToString());
              }
              if (!sekda && !follows) return errors::NotYourFollowUp(name, caller.ToString());
              if (!Settled(*current)) {
                return errors::FollowUpNotSettled(name, v1::DocumentState_Name(current->state()));
              }
              if (f.status() == v1::FollowUpAction::DONE) return errors::FollowUpAlreadyDone(name);
              RAKOR_RETURN_IF_ERROR(SameVersion(*current, id.document, etag));
              Plan p;
              p.next = *current;
              v1::FollowUpAction& done =
                  *p.next.mutable_revisions()->rbegin()->mutable_follow_ups(id.n - 1);
              done.set_status(v1::FollowUpAction::DONE);
              *done.mutable_done_time() = ToProto(now);
              done.set_done_by(caller.ToString());
              done.set_done_note(note);
              p.action = "FOLLOW_UP_DONE";
              p.comment = absl::StrCat(name, ": ", note);
              if (current->kind() == v1::MINUTES) {
                // The meeting's next one no longer carries it (scheduling's agenda).
                rakor::scheduling::v1::MarkFollowUpDoneRequest notice;
                notice.set_occurrence(current->occurrence());
                notice.set_follow_up(name);
                *notice.mutable_done_time() = ToProto(now);
                p.outbox_topic = kFollowUpDoneTopic;
                p.outbox = notice.SerializeAsString();
              }
              return p;
            }));
  return completed.revisions().rbegin()->follow_ups(id.n - 1);
}

absl::StatusOr<Document> Reporting::Resubmit(const std::string& name, const std::string& etag,
                                             const Revision& requested, const RequestKey& key,
                                             const Caller& caller) {
  RAKOR_ASSIGN_OR_RETURN(const std::string region, RegionOfDocument("name", name));
  Revision revision = requested;
  revision.DiscardUnknownFields();
  RAKOR_RETURN_IF_ERROR(ValidateRevision(region, revision));
  const absl::Time now = StoredPrecision(clock_->Now());
  return Apply(name, key, caller,
               [&](const Document* current, storage::Transaction&) -> absl::StatusOr<Plan> {
                 RAKOR_RETURN_IF_ERROR(OnRoute(current, name, caller));
                 if (current->state() != v1::RETURNED) return errors::NotReturned(name);
                 if (caller.unit != current->unit()) {
                   return errors::NotYourTurn(name, caller.ToString(), WhoseTurn(*current));
                 }
                 RAKOR_RETURN_IF_ERROR(SameVersion(*current, name, etag));
                 Plan p;
                 p.next = *current;
                 Document& d = p.next;
                 Revision next = revision;
                 // Minutes keep the attendance scheduling recorded.
                 *next.mutable_attendance() = current->revisions().rbegin()->attendance();
                 next.set_number(current->revisions_size() + 1);
                 next.set_sha256(ContentDigest(next));
                 *next.mutable_submit_time() = ToProto(now);
                 *d.add_revisions() = next;
                 // Only a revision is refused for size: the steps and follow-up notes
                 // still to come add at most 0.4 MiB, and must never be refused.
                 if (const size_t bytes = d.ByteSizeLong(); bytes > limits::kMaxDocumentBytes) {
                   return errors::DocumentTooLarge(name, bytes, limits::kMaxDocumentBytes);
                 }
                 for (v1::RouteStep& step : *d.mutable_route()) {
                   step.clear_done_time();
                   step.clear_done_by();
                 }
                 d.set_current_step(0);
                 d.set_state(v1::IN_REVIEW);
                 d.clear_return_comment();
                 *d.mutable_step_since_time() = ToProto(now);
                 p.action = "RESUBMIT";
                 return p;
               });
}

absl::StatusOr<Document> Reporting::Withdraw(const std::string& name, const std::string& etag,
                                             const std::string& reason, const RequestKey& key,
                                             const Caller& caller) {
  RAKOR_RETURN_IF_ERROR(RegionOfDocument("name", name).status());
  RAKOR_RETURN_IF_ERROR(CheckRemark("comment", reason, /*required=*/true));
  const absl::Time now = StoredPrecision(clock_->Now());
  return Apply(name, key, caller,
               [&](const Document* current, storage::Transaction&) -> absl::StatusOr<Plan> {
                 RAKOR_RETURN_IF_ERROR(OnRoute(current, name, caller));
                 if (caller.unit != current->unit()) {
                   return errors::NotSubmitter(name, caller.ToString(), current->unit());
                 }
                 // Accepted minutes have reached scheduling, and an accepted report
                 // carries follow-ups others now owe: both are records.
                 if (current->state() != v1::IN_REVIEW && current->state() != v1::RETURNED) {
                   return errors::NotWithdrawable(name, v1::DocumentState_Name(current->state()));
                 }
                 RAKOR_RETURN_IF_ERROR(SameVersion(*current, name, etag));
                 Plan p;
                 p.next = *current;
                 p.next.set_state(v1::WITHDRAWN);
                 p.next.set_withdraw_reason(reason);
                 *p.next.mutable_step_since_time() = ToProto(now);
                 p.action = "WITHDRAW";
                 p.comment = reason;
                 return p;
               });
}

absl::StatusOr<v1::Attachment> Reporting::StoreAttachment(
    const std::string& path, const v1::UploadAttachmentRequest::Header& header,
    const std::string& uploader) {
  const absl::Time now = StoredPrecision(clock_->Now());
  RAKOR_RETURN_IF_ERROR(db_->Write([&](storage::Transaction& txn) -> absl::Status {
    if (!uploader.empty()) AttachmentRepository::AddUploader(txn, header.sha256(), uploader);
    if (AttachmentRepository::Find(txn, header.sha256()).has_value()) return absl::OkStatus();
    AttachmentRepository::Add(txn, {header.sha256(), header.size_bytes(), header.content_type(),
                                    absl::ToUnixMicros(now)});
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) return absl::InternalError("the spooled upload is gone");
    std::string chunk(kChunkBytes, '\0');
    int64_t index = 0;
    size_t n = 0;
    while ((n = std::fread(chunk.data(), 1, chunk.size(), file)) > 0) {
      AttachmentRepository::AddChunk(txn, header.sha256(), index++, chunk.substr(0, n));
    }
    std::fclose(file);
    return absl::OkStatus();
  }));
  return GetAttachment(AttachmentName(header.sha256()));
}

absl::Status Reporting::CheckAttachmentReader(const std::string& sha256,
                                              const Caller& caller) const {
  const std::string name = AttachmentName(sha256);
  bool readable = false;
  RAKOR_RETURN_IF_ERROR(db_->Read([&](storage::Transaction& txn) {
    if (caller.unit.empty()) return absl::OkStatus();
    readable = AttachmentRepository::UploadedBy(txn, sha256, caller.unit);
    for (const Document& d : DocumentRepository::Carrying(txn, sha256)) {
      readable = readable || Involved(d, caller);
    }
    return absl::OkStatus();
  }));
  if (readable) return absl::OkStatus();
  return errors::NotYourDocument(name, caller.ToString());
}

absl::StatusOr<v1::Attachment> Reporting::GetAttachment(const std::string& name) const {
  RAKOR_ASSIGN_OR_RETURN(const std::string sha, ParseAttachmentName("name", name));
  std::optional<storage::reporting::StoredAttachment> found;
  RAKOR_RETURN_IF_ERROR(db_->Read([&](storage::Transaction& txn) {
    found = AttachmentRepository::Find(txn, sha);
    return absl::OkStatus();
  }));
  if (!found.has_value()) return errors::AttachmentNotFound(name);
  v1::Attachment a;
  a.set_name(name);
  a.set_sha256(found->sha256);
  a.set_size_bytes(found->size_bytes);
  a.set_content_type(found->content_type);
  *a.mutable_create_time() = ToProto(absl::FromUnixMicros(found->create_micros));
  return a;
}

absl::StatusOr<std::optional<std::string>> Reporting::AttachmentChunk(const std::string& sha256,
                                                                      int64_t index) const {
  std::optional<std::string> chunk;
  RAKOR_RETURN_IF_ERROR(db_->Read([&](storage::Transaction& txn) {
    chunk = AttachmentRepository::Chunk(txn, sha256, index);
    return absl::OkStatus();
  }));
  return chunk;
}

absl::Status Reporting::VerifyAttachment(const std::string& sha256) const {
  Sha256 hash;
  for (int64_t i = 0;; ++i) {
    RAKOR_ASSIGN_OR_RETURN(const std::optional<std::string> chunk, AttachmentChunk(sha256, i));
    if (!chunk.has_value()) break;
    hash.Update(*chunk);
  }
  if (hash.HexDigest() != sha256) return errors::AttachmentCorrupt(AttachmentName(sha256));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<AuditEntry>> Reporting::ListAuditEntries(const std::string& document,
                                                                    const Caller& caller) const {
  // A document's trail is for those who may read the document; the settings' for
  // the region's officials (the policy).
  if (absl::EndsWith(document, "/reportingSettings")) {
    RAKOR_RETURN_IF_ERROR(RegionOfSettings("document", document).status());
  } else {
    RAKOR_RETURN_IF_ERROR(RegionOfDocument("document", document).status());
    RAKOR_RETURN_IF_ERROR(Get(document, caller).status());
  }
  std::vector<AuditEntry> entries;
  RAKOR_RETURN_IF_ERROR(db_->Read([&](storage::Transaction& txn) {
    entries = AuditRepository::Load(txn, document);
    return absl::OkStatus();
  }));
  return entries;
}

absl::StatusOr<ChainCheck> Reporting::VerifyAuditTrail(const Caller& caller) const {
  // The check names documents of every region: for the Sekda, a region's
  // administrator, a national role or another service.
  if (caller.role != Role::kSekda && caller.role != Role::kRegionAdmin &&
      caller.role != Role::kNational && caller.role != Role::kService) {
    return errors::NotYourDocument("the audit trail", caller.ToString());
  }
  std::vector<AuditEntry> entries;
  std::map<std::string, std::string> heads;
  RAKOR_RETURN_IF_ERROR(db_->Read([&](storage::Transaction& txn) {
    entries = AuditRepository::Load(txn);
    // The heads as stored, not as remembered: a row deleted behind the service's
    // back is what this looks for.
    for (const Document& d : DocumentRepository::LoadAll(txn)) heads[d.name()] = d.audit_head();
    for (const std::string& payload : SettingsRepository::LoadAll(txn)) {
      v1::ReportingSettings s;
      // Settings set before they were audited have no head.
      if (s.ParseFromString(payload) && !s.audit_head().empty()) heads[s.name()] = s.audit_head();
    }
    return absl::OkStatus();
  }));
  return VerifyChain(entries, heads);
}

absl::StatusOr<std::vector<v1::OverdueFollowUp>> Reporting::OverdueFollowUps(
    const std::string& region, const std::string& owner, const std::string& asisten,
    const Caller& caller) const {
  RAKOR_RETURN_IF_ERROR(ParseRegion("parent", region).status());
  if (!owner.empty() && RegionOfUnit(owner) != region) {
    return errors::InvalidField("owner", absl::StrCat("must be a unit of ", region));
  }
  if (!asisten.empty() && RegionOfUnit(asisten) != region) {
    return errors::InvalidField("asisten", absl::StrCat("must be a unit of ", region));
  }
  // Due dates are the region's dates.
  const absl::CivilDay today = absl::ToCivilDay(clock_->Now(), CalendarOf(region).zone);
  std::vector<Document> all;
  RAKOR_RETURN_IF_ERROR(db_->Read([&](storage::Transaction& txn) {
    all = DocumentRepository::WithWorkLeft(txn, region);
    return absl::OkStatus();
  }));
  std::vector<v1::OverdueFollowUp> out;
  for (const Document& d : all) {
    if (d.revisions().empty()) continue;
    const Revision& current = *d.revisions().rbegin();
    for (int i = 0; i < current.follow_ups_size(); ++i) {
      const v1::FollowUpAction& f = current.follow_ups(i);
      if (!FollowUpOverdue(d, f, today) || (!owner.empty() && f.owner() != owner) ||
          (!asisten.empty() && f.owner_asisten() != asisten) || !Involved(f, d, caller)) {
        continue;
      }
      v1::OverdueFollowUp& o = out.emplace_back();
      o.set_document(d.name());
      *o.mutable_action() = f;
      o.mutable_action()->set_name(FollowUpName(d.name(), i + 1));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.action().owner_asisten(), a.action().owner(), a.action().due_date()) <
           std::tie(b.action().owner_asisten(), b.action().owner(), b.action().due_date());
  });
  return out;
}

absl::StatusOr<v1::ReportingSettings> Reporting::GetSettings(const std::string& name) const {
  RAKOR_ASSIGN_OR_RETURN(const std::string region, RegionOfSettings("name", name));
  std::optional<std::string> stored;
  RAKOR_RETURN_IF_ERROR(db_->Read([&](storage::Transaction& txn) {
    stored = SettingsRepository::Find(txn, region);
    return absl::OkStatus();
  }));
  if (!stored.has_value()) return DefaultSettings(name, options_.step_due_working_days);
  v1::ReportingSettings s;
  s.ParseFromString(*stored);
  return s;
}

absl::StatusOr<v1::ReportingSettings> Reporting::UpdateSettings(
    const v1::ReportingSettings& patch, const google::protobuf::FieldMask& mask,
    const Caller& caller) {
  RAKOR_ASSIGN_OR_RETURN(const std::string region, RegionOfSettings("settings.name", patch.name()));
  // The region's own administrator or Sekda sets when its steps are overdue.
  if ((caller.role != Role::kRegionAdmin && caller.role != Role::kSekda) ||
      RegionOfUnit(caller.unit) != region) {
    return errors::NotRegionOfficial(patch.name(), caller.ToString());
  }
  v1::ReportingSettings updated;
  const absl::Time now = StoredPrecision(clock_->Now());
  RAKOR_RETURN_IF_ERROR(db_->Write([&](storage::Transaction& txn) -> absl::Status {
    // Read and written in one transaction: two officials at once cannot both win.
    std::optional<std::string> stored = SettingsRepository::Find(txn, region);
    v1::ReportingSettings current = DefaultSettings(patch.name(), options_.step_due_working_days);
    if (stored.has_value()) current.ParseFromString(*stored);
    if (!patch.etag().empty() && patch.etag() != current.etag()) {
      return errors::StaleEtag(current.name(), patch.etag(), current.etag());
    }
    updated = current;
    RAKOR_RETURN_IF_ERROR(ApplyFieldMask(errors::kDomain, patch, mask,
                                         {"step_due_working_days", "source"}, &updated));
    updated.DiscardUnknownFields();
    if (updated.step_due_working_days() < 1 ||
        updated.step_due_working_days() > kMaxStepDueWorkingDays) {
      return errors::InvalidField("settings.step_due_working_days",
                                  absl::StrCat("must be from 1 to ", kMaxStepDueWorkingDays));
    }
    RAKOR_RETURN_IF_ERROR(errors::RequireText("settings.source", updated.source()));
    std::vector<std::string> changes;
    if (updated.step_due_working_days() != current.step_due_working_days()) {
      changes.push_back(absl::StrCat("step_due_working_days ", current.step_due_working_days(),
                                     " -> ", updated.step_due_working_days()));
    }
    if (updated.source() != current.source()) {
      changes.push_back(
          absl::StrCat("source \"", current.source(), "\" -> \"", updated.source(), "\""));
    }
    // Nothing to change (a retry, or a form sent again): no new version, no entry.
    if (changes.empty()) return absl::OkStatus();
    updated.set_etag(storage::EtagForRevision(storage::RevisionFromEtag(current.etag()) + 1));
    *updated.mutable_update_time() = ToProto(now);
    // Who moved the deadline that makes every step overdue is on the trail too.
    AuditEntry entry;
    entry.set_document(SettingsName(region));
    entry.set_actor(caller.ToString());
    entry.set_action("SETTINGS_UPDATE");
    entry.set_citation(updated.source());
    *entry.mutable_time() = ToProto(now);
    entry.set_comment(absl::StrJoin(changes, "; "));
    std::optional<AuditEntry> last = AuditRepository::Last(txn);
    updated.set_audit_head(AppendAudit(txn, std::move(entry), last).hash());
    SettingsRepository::Upsert(txn, region, updated.SerializeAsString());
    return absl::OkStatus();
  }));
  return updated;
}

absl::Status Reporting::Send(const storage::reporting::OutboxMessage& message) {
  if (message.topic == kMinutesAcceptedTopic) {
    rakor::scheduling::v1::MarkMinutesAcceptedRequest notice;
    notice.ParseFromString(message.payload);
    return directory_->MarkMinutesAccepted(notice);
  }
  if (message.topic == kFollowUpDoneTopic) {
    rakor::scheduling::v1::MarkFollowUpDoneRequest notice;
    notice.ParseFromString(message.payload);
    return directory_->MarkFollowUpDone(notice);
  }
  // Written by a newer replica on the same database: kept until one that knows it sends it.
  return absl::UnimplementedError(absl::StrCat("unknown outbox topic ", message.topic));
}

absl::StatusOr<int> Reporting::DeliverOutbox() {
  const absl::Time now = clock_->Now();
  std::vector<storage::reporting::OutboxMessage> due;
  RAKOR_RETURN_IF_ERROR(db_->Read([&](storage::Transaction& txn) {
    due = OutboxRepository::Due(txn, absl::ToUnixMicros(now), 50);
    return absl::OkStatus();
  }));
  int delivered = 0;
  for (const auto& message : due) {
    const absl::Status sent = Send(message);
    RAKOR_RETURN_IF_ERROR(db_->Write([&](storage::Transaction& txn) {
      if (sent.ok()) {
        OutboxRepository::Delivered(txn, message.id, absl::ToUnixMicros(clock_->Now()));
      } else {
        // 1 s, 2 s, 4 s, ... at most 5 minutes apart, for as long as it takes.
        const absl::Duration wait =
            std::min(absl::Seconds(1) * (int64_t{1} << std::min<int64_t>(message.attempts, 16)),
                     absl::Minutes(5));
        OutboxRepository::Retry(txn, message.id, absl::ToUnixMicros(clock_->Now() + wait),
                                sent.ToString());
      }
      return absl::OkStatus();
    }));
    if (sent.ok()) ++delivered;
  }
  return delivered;
}

absl::StatusOr<Reporting::Backlog> Reporting::CurrentBacklog() const {
  Backlog backlog;
  std::vector<Document> all;
  storage::reporting::OutboxBacklog outbox;
  RAKOR_RETURN_IF_ERROR(db_->Read([&](storage::Transaction& txn) {
    all = DocumentRepository::WithWorkLeft(txn);
    // A region with nothing waiting reads 0, not no data.
    for (const std::string& region : DocumentRepository::Regions(txn)) backlog.regions[region];
    outbox = OutboxRepository::Undelivered(txn);
    return absl::OkStatus();
  }));
  const absl::Time now = clock_->Now();
  backlog.outbox_messages = outbox.messages;
  if (outbox.messages > 0) {
    backlog.outbox_oldest_age =
        std::max(absl::ZeroDuration(), now - absl::FromUnixMicros(outbox.oldest_create_micros));
  }
  std::map<std::string, OverdueRule> rules;
  for (const Document& d : all) {
    const std::string region = RegionOfUnit(d.unit());
    Backlog::Region& counts = backlog.regions[region];
    auto rule = rules.find(region);
    if (rule == rules.end()) rule = rules.emplace(region, RuleFor(region)).first;
    if (d.state() == v1::RETURNED) {
      ++counts.waiting["unit"];
    } else if (Active(d) && d.current_step() < d.route_size()) {
      ++counts.waiting[d.route(d.current_step()).role()];
      if (WithOutputFields(d, rule->second).overdue()) ++counts.overdue_documents;
    }
    if (d.revisions().empty()) continue;
    const absl::CivilDay today = absl::ToCivilDay(now, rule->second.calendar.zone);
    for (const v1::FollowUpAction& f : d.revisions().rbegin()->follow_ups()) {
      if (FollowUpOverdue(d, f, today)) ++counts.overdue_follow_ups;
    }
  }
  return backlog;
}

}  // namespace rakor::reporting
