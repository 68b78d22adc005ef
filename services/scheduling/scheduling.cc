#include "services/scheduling/scheduling.h"

#include <algorithm>
#include <set>

#include "absl/random/distributions.h"
#include "absl/random/random.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/email_address.h"
#include "common/field_mask.h"
#include "common/limits.h"
#include "common/resource_id.h"
#include "common/status_macros.h"
#include "common/text.h"
#include "common/time.h"
#include "google/protobuf/descriptor.h"
#include "services/scheduling/compliance.h"
#include "services/scheduling/errors.h"
#include "services/scheduling/invitees.h"
#include "services/scheduling/names.h"
#include "services/scheduling/occurrences.h"
#include "storage/change_log.h"
#include "storage/etag.h"
#include "storage/request_log.h"
#include "storage/scheduling/schema.h"
#include "storage/scheduling/series_repository.h"

namespace rakor::scheduling {
namespace {

// Units named in a message a person reads: all of a few, else how many and the first.
std::string NameSome(const std::vector<std::string>& units) {
  constexpr size_t kNamed = 3;
  if (units.size() <= kNamed) return absl::StrJoin(units, ", ");
  return absl::StrCat(units.size(), " units, among them ",
                      absl::StrJoin(units.begin(), units.begin() + kNamed, ", "));
}

using rakor::scheduling::v1::Change;
using rakor::scheduling::v1::Occurrence;
using storage::scheduling::DayOffRepository;
using storage::scheduling::PayloadRepository;
using storage::scheduling::SeriesRepository;

constexpr int kMaxDatesPerList = 366;
constexpr absl::Duration kMaxDuration = absl::Hours(12);
// How many of a new series' first meetings are checked for conflicts.
constexpr size_t kConflictHorizon = 12;
// A check-in code is accepted from this long before the start until the end.
constexpr absl::Duration kCheckInOpensBefore = absl::Minutes(30);

// What a meeting is: UpdateSeries changes these.
const std::set<std::string> kSeriesMutableFields = {
    "title", "chair", "mode", "place", "link", "legal_basis", "agenda", "invitees", "reason"};
// When meetings are held: only a split changes these, so the past keeps them.
const std::set<std::string> kSeriesTimingFields = {"start_local", "duration", "rrule",
                                                   "exdates",     "rdates",   "day_off_policy"};

const WorkingCalendar& WeekendsOnly() {
  static const WorkingCalendar* const kCalendar = new WorkingCalendar();
  return *kCalendar;
}

// An occurrence as every RPC but IssueCheckInCode answers it: without the check-in
// code (schedules are public, Soppeng Pasal 14) and without the answers stored
// with it (GetOccurrence gives the whole invitations).
Occurrence Published(Occurrence o) {
  o.clear_check_in_code();
  o.clear_invitations();
  return o;
}

// Sets `a` as its unit's attendance; other units keep theirs (checked in, say).
void UpsertAttendance(Occurrence& o, const v1::Attendance& a) {
  for (v1::Attendance& existing : *o.mutable_attendance()) {
    if (existing.unit() == a.unit()) {
      existing = a;
      return;
    }
  }
  *o.add_attendance() = a;
}

std::string NextEtag(const std::string& etag) {
  return storage::EtagForRevision(storage::RevisionFromEtag(etag) + 1);
}

absl::TimeZone ZoneOf(const Series& s) {
  absl::TimeZone zone;
  absl::LoadTimeZone(s.time_zone(), &zone);  // checked when the series was made
  return zone;
}

DayOffPolicy PolicyOf(const Series& s) {
  switch (s.day_off_policy()) {
    case v1::PREVIOUS_WORKING_DAY:
      return DayOffPolicy::kPreviousWorkingDay;
    case v1::KEEP:
      return DayOffPolicy::kKeep;
    case v1::SKIP:
      return DayOffPolicy::kSkip;
    default:
      return DayOffPolicy::kNextWorkingDay;
  }
}

absl::StatusOr<std::vector<absl::CivilSecond>> ParseDates(
    absl::string_view field, const google::protobuf::RepeatedPtrField<std::string>& texts) {
  if (texts.size() > kMaxDatesPerList) return errors::TooMany(field, kMaxDatesPerList);
  std::vector<absl::CivilSecond> out;
  for (int i = 0; i < texts.size(); ++i) {
    RAKOR_ASSIGN_OR_RETURN(absl::CivilSecond t,
                           ParseLocal(absl::StrCat(field, "[", i, "]"), texts[i]));
    out.push_back(t);
  }
  return out;
}

// The change record of a write, without its entity (the caller sets it).
Change NewChange(Change::Type type, const std::string& resource, absl::Time now,
                 const std::string& actor) {
  Change change;
  change.set_type(type);
  change.set_resource(resource);
  *change.mutable_change_time() = ToProto(now);
  change.set_actor(actor);
  return change;
}

absl::StatusOr<Recurrence> RecurrenceOf(const Series& s) {
  Recurrence r;
  RAKOR_ASSIGN_OR_RETURN(r.start, ParseLocal("series.start_local", s.start_local()));
  r.rrule = s.rrule();
  RAKOR_ASSIGN_OR_RETURN(r.exdates, ParseDates("series.exdates", s.exdates()));
  RAKOR_ASSIGN_OR_RETURN(r.rdates, ParseDates("series.rdates", s.rdates()));
  return r;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Scheduling>> Scheduling::Open(const std::string& database,
                                                             const Clock* clock,
                                                             RegionDirectory* directory) {
  RAKOR_ASSIGN_OR_RETURN(
      std::unique_ptr<storage::Database> db,
      storage::Database::Open(database, storage::scheduling::SchedulingMigrations(),
                              storage::Durability::kFull));
  // What is in memory is the truth between writes (series_, records_, ...): a second
  // process on the same database would overwrite what this one wrote.
  RAKOR_RETURN_IF_ERROR(db->ClaimSoleProcess("scheduling"));
  std::unique_ptr<Scheduling> scheduling(new Scheduling(std::move(db), clock, directory));
  absl::MutexLock lock(&scheduling->mu_);
  RAKOR_RETURN_IF_ERROR(scheduling->db_->Read([&](storage::Transaction& txn) {
    for (Series& s : SeriesRepository::LoadAll(txn)) {
      std::string name = s.name();
      scheduling->series_.emplace(std::move(name), std::move(s));
    }
    for (const std::string& payload :
         PayloadRepository::LoadAll(txn, PayloadRepository::Table::kOccurrenceRecords)) {
      Occurrence record;
      record.ParseFromString(payload);
      scheduling->records_[record.name()] = record;
    }
    for (const std::string& payload :
         PayloadRepository::LoadAll(txn, PayloadRepository::Table::kComplianceRules)) {
      v1::ComplianceRule rule;
      rule.ParseFromString(payload);
      scheduling->rules_[rule.name()] = rule;
    }
    for (const std::string& payload :
         PayloadRepository::LoadAll(txn, PayloadRepository::Table::kWorkingHours)) {
      v1::WorkingHours hours;
      hours.ParseFromString(payload);
      scheduling->hours_[hours.name().substr(0, hours.name().rfind('/'))] = hours;
    }
    for (const auto& d : DayOffRepository::LoadAll(txn)) {
      absl::CivilDay day;
      if (absl::ParseCivilTime(d.day, &day)) scheduling->calendars_[d.region].Add({day, d.name});
    }
    return absl::OkStatus();
  }));
  return scheduling;
}

absl::Status Scheduling::Validate(const std::string& region, Series& s) {
  RAKOR_RETURN_IF_ERROR(errors::RequireText("series.title", s.title()));
  if (s.chair().empty()) return errors::RequiredField("series.chair");
  if (RegionOfUnit(s.chair()) != region) return errors::ChairInAnotherRegion(s.chair(), region);
  if (s.form() == v1::MEETING_FORM_UNSPECIFIED || !v1::MeetingForm_IsValid(s.form())) {
    return errors::RequiredField("series.form");
  }
  if (s.mode() == v1::MEETING_MODE_UNSPECIFIED || !v1::MeetingMode_IsValid(s.mode())) {
    return errors::RequiredField("series.mode");
  }
  if (s.mode() != v1::ELECTRONIC)
    RAKOR_RETURN_IF_ERROR(errors::RequireText("series.place", s.place()));
  if (s.mode() != v1::IN_PERSON) {
    RAKOR_RETURN_IF_ERROR(errors::RequireText("series.link", s.link()));
    if (!absl::StartsWith(s.link(), "https://")) {
      return errors::InvalidField("series.link", "must be an https:// address");
    }
  }
  RAKOR_RETURN_IF_ERROR(errors::RequireText("series.legal_basis", s.legal_basis()));
  if (!absl::StrContains(s.legal_basis(), " Pasal ")) {
    return errors::InvalidField("series.legal_basis",
                                "must cite an article, as \"Temanggung Pasal 18\"");
  }
  if (s.agenda().size() > limits::kMaxTextBytes * 10) {
    return errors::TooLong("series.agenda", limits::kMaxTextBytes * 10);
  }
  const absl::Duration duration = absl::Seconds(s.duration().seconds());
  if (duration <= absl::ZeroDuration() || duration > kMaxDuration) {
    return errors::InvalidField("series.duration", "must be more than 0 and at most 12 hours");
  }
  if (!v1::DayOffPolicy_IsValid(s.day_off_policy())) {
    return errors::InvalidField("series.day_off_policy", "is not a known policy");
  }
  if (s.rrule().empty()) {
    RAKOR_RETURN_IF_ERROR(errors::RequireText("series.reason", s.reason()));  // insidental
  } else {
    if (s.rrule().size() > limits::kMaxTextBytes) {
      return errors::TooLong("series.rrule", limits::kMaxTextBytes);
    }
    RAKOR_RETURN_IF_ERROR(ValidateRrule("series.rrule", s.rrule()));
  }
  RAKOR_RETURN_IF_ERROR(RecurrenceOf(s).status());
  RAKOR_RETURN_IF_ERROR(ValidateSelectors(s.invitees(), region));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<DirectoryUnit>> Scheduling::CheckUnits(const std::string& region,
                                                                  const Series& series,
                                                                  absl::Time as_of) {
  RAKOR_ASSIGN_OR_RETURN(std::vector<DirectoryUnit> units, directory_->UnitsOf(region, as_of));
  if (std::none_of(units.begin(), units.end(),
                   [&](const DirectoryUnit& u) { return u.name == series.chair(); })) {
    return errors::UnknownUnit("series.chair", series.chair());
  }
  RAKOR_RETURN_IF_ERROR(CheckSelectorsExist(series.invitees(), units));
  return units;
}

std::vector<v1::Conflict> Scheduling::ConflictsOf(const Series& series, absl::TimeZone zone,
                                                  const std::vector<Interval>& meetings,
                                                  const std::string& skip,
                                                  const std::vector<DirectoryUnit>& units) const {
  std::vector<v1::Conflict> conflicts;
  if (meetings.empty()) return conflicts;
  const std::string region = RegionOfUnit(series.chair());
  const std::set<std::string> needed = RequiredParticipants(series, units);
  absl::Time from = meetings.front().start, to = meetings.front().end;
  for (const Interval& m : meetings) {
    from = std::min(from, m.start);
    to = std::max(to, m.end);
  }
  absl::ReaderMutexLock lock(&mu_);
  const WorkingCalendar& days = CalendarLocked(region);
  // Listing finds meetings by start: one that began before `from` may still run.
  absl::StatusOr<std::vector<Occurrence>> others =
      ExpandLocked(region, from - kMaxDuration, to, 1000);
  if (!others.ok()) others = std::vector<Occurrence>();       // stored series expand; see Validate
  std::map<std::string, std::set<std::string>> participants;  // of the other series
  for (const Interval& m : meetings) {
    const std::string when = absl::FormatTime("%Y-%m-%d %H:%M %Z", m.start, zone);
    const OutsideWorkingTime outside = CheckWorkingTime(m, zone, days, HoursLocked(region));
    if (!outside.why.empty()) {
      v1::Conflict& c = conflicts.emplace_back();
      c.set_kind(outside.day_off ? v1::Conflict::DAY_OFF : v1::Conflict::OUTSIDE_WORKING_HOURS);
      *c.mutable_start_time() = ToProto(m.start);
      c.set_description(absl::StrCat(when, ": ", outside.why));
    }
    for (const Occurrence& o : *others) {
      if (o.status() == v1::CANCELLED || o.name() == skip || o.series() == skip) continue;
      if (!m.Overlaps({FromProto(o.start_time()), FromProto(o.end_time())})) continue;
      auto theirs = participants.find(o.series());
      if (theirs == participants.end()) {
        theirs =
            participants.emplace(o.series(), RequiredParticipants(series_.at(o.series()), units))
                .first;
      }
      std::vector<std::string> both;
      std::set_intersection(needed.begin(), needed.end(), theirs->second.begin(),
                            theirs->second.end(), std::back_inserter(both));
      if (both.empty()) continue;
      v1::Conflict& c = conflicts.emplace_back();
      c.set_kind(v1::Conflict::OVERLAP);
      *c.mutable_start_time() = ToProto(m.start);
      c.set_other(o.name());
      for (const std::string& u : both) c.add_units(u);
      c.set_description(absl::StrCat(when, ": overlaps ", Quote(o.title()), " (", o.start_display(),
                                     ") for ", NameSome(both)));
    }
  }
  return conflicts;
}

absl::StatusOr<Series> Scheduling::CreateSeries(const std::string& region,
                                                const std::string& series_id,
                                                const Series& requested, const RequestKey& key,
                                                const std::string& actor, bool refuse_conflicts) {
  RAKOR_RETURN_IF_ERROR(ParseRegion("parent", region, false).status());
  RAKOR_RETURN_IF_ERROR(ValidateId("series_id", series_id));
  Series series = requested;
  series.DiscardUnknownFields();  // store only what the API defines
  RAKOR_RETURN_IF_ERROR(Validate(region, series));
  // The registry is asked before the writer lock is taken: a slow registry holds
  // up no other write.
  RAKOR_ASSIGN_OR_RETURN(std::string zone, directory_->TimeZoneOf(region));
  const absl::Time now = StoredPrecision(clock_->Now());
  RAKOR_ASSIGN_OR_RETURN(std::vector<DirectoryUnit> units, CheckUnits(region, series, now));
  absl::TimeZone tz;
  if (!absl::LoadTimeZone(zone, &tz)) {
    return absl::InternalError(absl::StrCat("the registry's zone ", zone, " is not known here"));
  }
  std::vector<Interval> first_meetings;
  {
    absl::ReaderMutexLock lock(&mu_);
    RAKOR_ASSIGN_OR_RETURN(const Recurrence recurrence, RecurrenceOf(series));
    RAKOR_ASSIGN_OR_RETURN(std::vector<HeldOccurrence> held,
                           Occurrences(recurrence, tz, CalendarLocked(region), PolicyOf(series),
                                       now, now + absl::Hours(24 * 366), kConflictHorizon));
    for (const HeldOccurrence& h : held) {
      first_meetings.push_back({h.start, h.start + absl::Seconds(series.duration().seconds())});
    }
  }
  // A retried create must not conflict with the series it created the first time.
  std::vector<v1::Conflict> conflicts =
      ConflictsOf(series, tz, first_meetings, SeriesName(region, series_id), units);
  if (refuse_conflicts && !conflicts.empty()) {
    return errors::Conflicts(SeriesName(region, series_id), conflicts);
  }

  absl::MutexLock write(&write_mu_);
  Series created;
  bool replayed = false;
  const absl::Status committed = db_->Write([&](storage::Transaction& txn) -> absl::Status {
    RAKOR_ASSIGN_OR_RETURN(std::optional<Series> earlier,
                           storage::Replay<Series>(txn, key, errors::kDomain));
    replayed = earlier.has_value();
    if (replayed) {
      created = *std::move(earlier);
      return absl::OkStatus();
    }
    created = series;
    created.set_name(SeriesName(region, series_id));
    {
      absl::MutexLock lock(&mu_);
      if (series_.contains(created.name())) return errors::SeriesAlreadyExists(created.name());
    }
    created.set_time_zone(zone);
    created.set_etag(storage::EtagForRevision(1));
    *created.mutable_create_time() = ToProto(now);
    *created.mutable_update_time() = ToProto(now);
    SeriesRepository::Upsert(txn, region, created);
    Change change = NewChange(Change::CREATED, created.name(), now, actor);
    *change.mutable_series() = created;
    storage::AppendChange(txn, region, change);
    if (!key.request_id.empty()) {
      storage::RequestLog::Record(txn, key.request_id,
                                  {key.request, created.name(), created.SerializeAsString()},
                                  TimestampMicros(created.create_time()));
    }
    return absl::OkStatus();
  });
  RAKOR_RETURN_IF_ERROR(committed);
  if (!replayed) {
    absl::MutexLock lock(&mu_);
    series_[created.name()] = created;
  }
  for (v1::Conflict& c : conflicts) *created.add_conflicts() = std::move(c);
  return created;
}

absl::StatusOr<Series> Scheduling::UpdateSeries(const Series& patch,
                                                const google::protobuf::FieldMask& mask,
                                                const std::string& actor) {
  RAKOR_ASSIGN_OR_RETURN(const std::string region, RegionOfSeries("series.name", patch.name()));
  for (const std::string& path : mask.paths()) {
    if (kSeriesTimingFields.contains(path)) {
      return errors::InvalidUpdateMask(absl::StrCat(
          Quote(path),
          " changes when meetings are held: split the series at the first meeting to change "
          "(SplitSeries), so that past meetings keep theirs"));
    }
  }
  if (mask.paths().empty()) {
    // An empty mask means the fields the patch sets: a timing field among them is
    // refused, not silently left out.
    std::vector<const google::protobuf::FieldDescriptor*> set;
    patch.GetReflection()->ListFields(patch, &set);
    for (const auto* field : set) {
      if (kSeriesTimingFields.contains(field->name())) {
        return errors::InvalidUpdateMask(absl::StrCat(
            Quote(field->name()), " changes when meetings are held: split the series instead"));
      }
    }
  }
  RAKOR_ASSIGN_OR_RETURN(const Series current, GetSeries(patch.name()));
  if (!patch.etag().empty() && patch.etag() != current.etag()) {
    return errors::StaleEtag(current.name(), patch.etag(), current.etag());
  }
  Series updated = current;
  RAKOR_RETURN_IF_ERROR(
      ApplyFieldMask(errors::kDomain, patch, mask, kSeriesMutableFields, &updated));
  updated.DiscardUnknownFields();
  RAKOR_RETURN_IF_ERROR(Validate(region, updated));
  const absl::Time now = StoredPrecision(clock_->Now());
  RAKOR_RETURN_IF_ERROR(CheckUnits(region, updated, now).status());

  absl::MutexLock write(&write_mu_);
  {
    // Another update that landed since the read above would be lost: retry it.
    absl::ReaderMutexLock lock(&mu_);
    const std::string& now_etag = series_.at(current.name()).etag();
    if (now_etag != current.etag())
      return errors::StaleEtag(current.name(), current.etag(), now_etag);
  }
  updated.set_etag(NextEtag(current.etag()));
  updated.set_sequence(current.sequence() + 1);
  *updated.mutable_update_time() = ToProto(now);
  RAKOR_RETURN_IF_ERROR(db_->Write([&](storage::Transaction& txn) {
    SeriesRepository::Upsert(txn, region, updated);
    Change change = NewChange(Change::UPDATED, updated.name(), now, actor);
    *change.mutable_series() = updated;
    storage::AppendChange(txn, region, change);
    return absl::OkStatus();
  }));
  absl::MutexLock lock(&mu_);
  series_[updated.name()] = updated;
  return updated;
}

absl::StatusOr<v1::SplitSeriesResponse> Scheduling::SplitSeries(
    const std::string& occurrence, const std::string& new_series_id, const Series& patch,
    const google::protobuf::FieldMask& mask, const RequestKey& key, const std::string& actor) {
  RAKOR_ASSIGN_OR_RETURN(const OccurrenceId id, ParseOccurrenceName("occurrence", occurrence));
  RAKOR_RETURN_IF_ERROR(ValidateId("new_series_id", new_series_id));
  std::set<std::string> splittable = kSeriesMutableFields;
  splittable.insert(kSeriesTimingFields.begin(), kSeriesTimingFields.end());
  RAKOR_ASSIGN_OR_RETURN(const Series current, GetSeries(id.series));
  if (!patch.etag().empty() && patch.etag() != current.etag()) {
    return errors::StaleEtag(current.name(), patch.etag(), current.etag());
  }
  if (absl::StrContains(current.rrule(), "COUNT=")) {
    // Counting would start again in the new series: it would add meetings.
    return errors::InvalidField("occurrence",
                                "its series' rule has a COUNT: end it with UNTIL instead, or "
                                "cancel and create meetings");
  }
  Series following = current;
  // Dates added or taken out before the split belong to the ended series only.
  following.clear_rdates();
  following.clear_exdates();
  for (const std::string& t : current.rdates()) {
    if (t >= FormatLocal(id.original)) following.add_rdates(t);
  }
  for (const std::string& t : current.exdates()) {
    if (t >= FormatLocal(id.original)) following.add_exdates(t);
  }
  following.set_start_local(FormatLocal(id.original));  // unless the mask sets another
  RAKOR_RETURN_IF_ERROR(ApplyFieldMask(errors::kDomain, patch, mask, splittable, &following));
  following.DiscardUnknownFields();
  following.set_name(SeriesName(id.region, new_series_id));
  following.clear_etag();
  RAKOR_RETURN_IF_ERROR(Validate(id.region, following));
  if (following.start_local() < FormatLocal(id.original)) {
    return errors::InvalidField("series.start_local",
                                "must not be before the occurrence the series is split at");
  }
  const absl::Time now = StoredPrecision(clock_->Now());
  RAKOR_RETURN_IF_ERROR(CheckUnits(id.region, following, now).status());

  absl::MutexLock write(&write_mu_);
  v1::SplitSeriesResponse split;
  bool replayed = false;
  RAKOR_RETURN_IF_ERROR(db_->Write([&](storage::Transaction& txn) -> absl::Status {
    RAKOR_ASSIGN_OR_RETURN(std::optional<v1::SplitSeriesResponse> earlier,
                           storage::Replay<v1::SplitSeriesResponse>(txn, key, errors::kDomain));
    replayed = earlier.has_value();
    if (replayed) {
      split = *std::move(earlier);
      return absl::OkStatus();
    }
    // After the replay: a split occurrence is its old series' no more.
    RAKOR_ASSIGN_OR_RETURN(const Occurrence at, FindOccurrence(occurrence));
    if (at.status() == v1::HELD) return errors::AlreadyHeld(occurrence);
    {
      absl::ReaderMutexLock lock(&mu_);
      const std::string& now_etag = series_.at(current.name()).etag();
      if (now_etag != current.etag()) {
        return errors::StaleEtag(current.name(), current.etag(), now_etag);
      }
      if (series_.contains(following.name())) return errors::SeriesAlreadyExists(following.name());
      const std::string prefix = current.name() + "/occurrences/";
      for (auto r = records_.lower_bound(occurrence);
           r != records_.end() && absl::StartsWith(r->first, prefix); ++r) {
        return errors::ExceptionAfterSplit(r->first);
      }
    }
    Series& ended = *split.mutable_ended();
    ended = current;
    ended.set_end_before_local(FormatLocal(id.original));
    ended.set_etag(NextEtag(current.etag()));
    ended.set_sequence(current.sequence() + 1);
    *ended.mutable_update_time() = ToProto(now);
    Series& next = *split.mutable_following();
    next = following;
    next.set_etag(storage::EtagForRevision(1));
    next.set_sequence(current.sequence() + 1);  // its meetings change: invitations say so
    *next.mutable_create_time() = ToProto(now);
    *next.mutable_update_time() = ToProto(now);
    for (const Series* s : {&ended, &next}) {
      SeriesRepository::Upsert(txn, id.region, *s);
      Change change =
          NewChange(s == &ended ? Change::UPDATED : Change::CREATED, s->name(), now, actor);
      *change.mutable_series() = *s;
      storage::AppendChange(txn, id.region, change);
    }
    if (!key.request_id.empty()) {
      storage::RequestLog::Record(txn, key.request_id,
                                  {key.request, next.name(), split.SerializeAsString()},
                                  TimestampMicros(next.create_time()));
    }
    return absl::OkStatus();
  }));
  if (!replayed) {
    absl::MutexLock lock(&mu_);
    series_[split.ended().name()] = split.ended();
    series_[split.following().name()] = split.following();
  }
  return split;
}

absl::StatusOr<Series> Scheduling::GetSeries(const std::string& name) const {
  RAKOR_RETURN_IF_ERROR(RegionOfSeries("name", name).status());
  absl::ReaderMutexLock lock(&mu_);
  auto it = series_.find(name);
  if (it == series_.end()) return errors::SeriesNotFound(name);
  return it->second;
}

std::vector<Series> Scheduling::ListSeries(const std::string& region, const std::string& after,
                                           int limit) const {
  absl::ReaderMutexLock lock(&mu_);
  std::vector<Series> out;
  for (auto it = after.empty() ? series_.begin() : series_.upper_bound(after);
       it != series_.end() && static_cast<int>(out.size()) < limit; ++it) {
    if (region.empty() || absl::StartsWith(it->first, region + "/")) out.push_back(it->second);
  }
  return out;
}

std::string Scheduling::PositionOf(const Occurrence& o) {
  // Fixed-width start first, so that positions sort as the list does.
  return absl::StrFormat("%020d|%s", TimestampMicros(o.start_time()) + (int64_t{1} << 62),
                         o.name());
}

absl::Status Scheduling::ForEachHeldLocked(const std::string& region, absl::Time from,
                                           absl::Time to, size_t per_series,
                                           const HeldVisitor& visit) const {
  const std::string of_region = region.empty() ? "" : region + "/";
  for (auto it = series_.lower_bound(of_region);
       it != series_.end() && absl::StartsWith(it->first, of_region); ++it) {
    const auto& [name, s] = *it;
    const absl::TimeZone zone = ZoneOf(s);
    RAKOR_ASSIGN_OR_RETURN(Recurrence recurrence, RecurrenceOf(s));
    Moves moves;  // this series' occurrences moved by hand
    const std::string prefix = name + "/occurrences/";
    for (auto r = records_.lower_bound(prefix);
         r != records_.end() && absl::StartsWith(r->first, prefix); ++r) {
      absl::CivilSecond original;
      if (!r->second.reschedules().empty() &&
          absl::ParseCivilTime(r->second.original_start_local(), &original)) {
        moves[original] = FromProto(r->second.reschedules().rbegin()->to_time());
      }
    }
    RAKOR_ASSIGN_OR_RETURN(
        std::vector<HeldOccurrence> held,
        Occurrences(
            recurrence, zone, CalendarLocked(name.substr(0, name.find("/series/"))), PolicyOf(s),
            from, to, per_series, moves,
            [&, &name = name](const Recurrence& r, absl::CivilSecond a, absl::CivilSecond b,
                              size_t limit) { return expansions_.Expand(name, r, a, b, limit); }));
    absl::CivilSecond end_before = absl::CivilSecond::max();
    if (!s.end_before_local().empty()) absl::ParseCivilTime(s.end_before_local(), &end_before);
    for (const HeldOccurrence& h : held) {
      if (h.original >= end_before) continue;  // the following series' (SplitSeries)
      const std::string occurrence = OccurrenceName(name, h.original);
      auto record = records_.find(occurrence);
      visit(s, zone, h, occurrence, record != records_.end() ? &record->second : nullptr);
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Occurrence>> Scheduling::ExpandLocked(const std::string& region,
                                                                 absl::Time from, absl::Time to,
                                                                 size_t per_series) const {
  std::vector<Occurrence> all;
  RAKOR_RETURN_IF_ERROR(ForEachHeldLocked(
      region, from, to, per_series,
      [&](const Series& s, absl::TimeZone zone, const HeldOccurrence& h, const std::string& name,
          const Occurrence* record) {
        Occurrence& o = all.emplace_back();
        if (record != nullptr) o = *record;
        o.set_name(name);
        o.set_sequence(o.sequence() + s.sequence());  // the record counts its own changes
        o.set_series(s.name());
        // A held meeting keeps what it was (SaveRecord); the others are the series'.
        if (o.title().empty()) o.set_title(s.title());
        *o.mutable_start_time() = ToProto(h.start);
        *o.mutable_end_time() = ToProto(h.start + absl::Seconds(s.duration().seconds()));
        o.set_original_start_local(FormatLocal(h.original));
        o.set_start_display(absl::FormatTime("%Y-%m-%d %H:%M %Z", h.start, zone));
        o.set_moved_from_day_off(h.moved_from_day_off);
        if (o.chair().empty()) o.set_chair(s.chair());
        if (o.legal_basis().empty()) o.set_legal_basis(s.legal_basis());
        if (o.form() == v1::MEETING_FORM_UNSPECIFIED) o.set_form(s.form());
        if (o.place().empty()) o.set_place(s.place());
        if (o.status() == v1::OCCURRENCE_STATUS_UNSPECIFIED) o.set_status(v1::SCHEDULED);
      }));
  return all;
}

absl::StatusOr<std::vector<Occurrence>> Scheduling::ListOccurrences(
    const std::string& region, absl::Time from, absl::Time to,
    const std::map<std::string, std::string>& filter, const std::string& after, int limit) const {
  absl::ReaderMutexLock lock(&mu_);
  // Enough of each series to fill a page wherever the position is.
  RAKOR_ASSIGN_OR_RETURN(std::vector<Occurrence> expanded,
                         ExpandLocked(region, from, to, limits::kMaxPageSize * 4));
  const auto wanted = [&](const Occurrence& o) {
    for (const auto& [field, value] : filter) {
      if (field == "series" && o.series() != value) return false;
      if (field == "chair" && o.chair() != value) return false;
      if (field == "form" && v1::MeetingForm_Name(o.form()) != value) return false;
      if (field == "status" && v1::OccurrenceStatus_Name(o.status()) != value) return false;
    }
    return true;
  };
  std::vector<Occurrence> all;
  for (Occurrence& o : expanded) {
    if (wanted(o)) all.push_back(Published(std::move(o)));
  }
  std::sort(all.begin(), all.end(),
            [](const Occurrence& a, const Occurrence& b) { return PositionOf(a) < PositionOf(b); });
  std::vector<Occurrence> page;
  for (Occurrence& o : all) {
    if (!after.empty() && PositionOf(o) <= after) continue;
    if (static_cast<int>(page.size()) == limit) break;
    page.push_back(std::move(o));
  }
  return page;
}

absl::StatusOr<Occurrence> Scheduling::FindOccurrence(const std::string& name) const {
  RAKOR_ASSIGN_OR_RETURN(OccurrenceId id, ParseOccurrenceName("occurrence", name));
  const std::string& series_name = id.series;
  const std::string& region = id.region;
  const absl::CivilSecond original = id.original;
  absl::ReaderMutexLock lock(&mu_);
  auto series = series_.find(series_name);
  if (series == series_.end()) return errors::SeriesNotFound(series_name);
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(series->second.time_zone(), &zone)) {
    return absl::InternalError("a stored series has an unknown zone");
  }
  // Wherever a day off moved it, it is held within the month around its original.
  const absl::Time around = absl::FromCivil(original, zone);
  RAKOR_ASSIGN_OR_RETURN(
      std::vector<Occurrence> near,
      ExpandLocked(region, around - absl::Hours(24 * 40), around + absl::Hours(24 * 40), 1000));
  for (Occurrence& o : near) {
    if (o.name() == name) return o;
  }
  return errors::OccurrenceNotFound(name);
}

absl::Status Scheduling::SaveRecord(const Occurrence& listed, const std::string& actor) {
  const std::string region = listed.name().substr(0, listed.name().find("/series/"));
  const absl::Time now = StoredPrecision(clock_->Now());
  Occurrence record = listed;
  {
    // The record keeps the occurrence's own changes; the series' are added when
    // listed. What the meeting is (title, chair, form, basis) is kept once it is
    // held, so that a later change of the series does not rewrite it; before, it
    // follows the series, and so does a place that is the series' own.
    absl::ReaderMutexLock lock(&mu_);
    const Series& s = series_.at(listed.series());
    record.set_sequence(listed.sequence() - s.sequence());
    if (record.status() != v1::HELD) {
      record.clear_title();
      record.clear_chair();
      record.clear_legal_basis();
      record.clear_form();
    }
    if (record.place() == s.place()) record.clear_place();
  }
  RAKOR_RETURN_IF_ERROR(db_->Write([&](storage::Transaction& txn) {
    PayloadRepository::Upsert(txn, PayloadRepository::Table::kOccurrenceRecords, record.name(),
                              region, record.SerializeAsString());
    Change change = NewChange(Change::UPDATED, record.name(), now, actor);
    *change.mutable_occurrence() = record;
    storage::AppendChange(txn, region, change);
    return absl::OkStatus();
  }));
  absl::MutexLock lock(&mu_);
  records_[record.name()] = record;
  return absl::OkStatus();
}

absl::StatusOr<Occurrence> Scheduling::RecordAttendance(
    const std::string& name, const std::vector<v1::Attendance>& attendance,
    const std::string& actor) {
  constexpr int kMaxAttendance = 1000;
  if (attendance.empty()) return errors::RequiredField("attendance");
  if (attendance.size() > kMaxAttendance) return errors::TooMany("attendance", kMaxAttendance);
  RAKOR_ASSIGN_OR_RETURN(const Occurrence found, FindOccurrence(name));
  const absl::Time now = clock_->Now();
  if (FromProto(found.start_time()) > now + absl::Hours(1)) {
    return errors::NotYetBegun(name);
  }
  const std::string region = name.substr(0, name.find("/series/"));
  std::set<std::string> seen;
  for (size_t i = 0; i < attendance.size(); ++i) {
    const v1::Attendance& a = attendance[i];
    const std::string field = absl::StrCat("attendance[", i, "]");
    if (RegionOfUnit(a.unit()) != region) {
      return errors::InvalidField(absl::StrCat(field, ".unit"),
                                  absl::StrCat("must be a unit of ", region));
    }
    if (!seen.insert(a.unit()).second) {
      return errors::InvalidField(absl::StrCat(field, ".unit"), "is listed twice");
    }
    if (a.status() == v1::ATTENDANCE_STATUS_UNSPECIFIED ||
        !v1::AttendanceStatus_IsValid(a.status())) {
      return errors::RequiredField(absl::StrCat(field, ".status"));
    }
    if (a.status() == v1::REPRESENTED) {
      RAKOR_RETURN_IF_ERROR(
          errors::RequireText(absl::StrCat(field, ".representative"), a.representative()));
    }
  }
  for (const v1::Attendance& a : attendance) {
    RAKOR_RETURN_IF_ERROR(directory_->CheckUnit(a.unit(), FromProto(found.start_time())));
  }
  absl::MutexLock write(&write_mu_);
  // As it is now, under the writer lock: minutes accepted meanwhile are kept.
  RAKOR_ASSIGN_OR_RETURN(Occurrence occurrence, FindOccurrence(name));
  if (occurrence.status() == v1::CANCELLED) return errors::Cancelled(name);
  occurrence.set_status(v1::HELD);
  for (const v1::Attendance& a : attendance) UpsertAttendance(occurrence, a);
  RAKOR_RETURN_IF_ERROR(SaveRecord(occurrence, actor));
  return Published(occurrence);
}

absl::StatusOr<Occurrence> Scheduling::RescheduleOccurrence(
    const std::string& name, std::optional<absl::Time> start, const std::string& place,
    const std::string& reason, const std::string& actor, bool refuse_conflicts) {
  RAKOR_RETURN_IF_ERROR(errors::RequireText("reason", reason));
  if (!start.has_value() && place.empty()) {
    return errors::InvalidField("start_time", "or place must be given: nothing would change");
  }
  if (!place.empty()) RAKOR_RETURN_IF_ERROR(errors::RequireText("place", place));
  std::vector<v1::Conflict> conflicts;
  if (start.has_value()) {
    // Checked before the writer lock: the registry is asked.
    RAKOR_ASSIGN_OR_RETURN(const Occurrence before, FindOccurrence(name));
    RAKOR_ASSIGN_OR_RETURN(const auto series, SeriesAndZone(before.series()));
    const std::string region = RegionOfUnit(series.first.chair());
    RAKOR_ASSIGN_OR_RETURN(const std::vector<DirectoryUnit> units,
                           directory_->UnitsOf(region, *start));
    const absl::Duration length = FromProto(before.end_time()) - FromProto(before.start_time());
    conflicts = ConflictsOf(series.first, series.second, {{*start, *start + length}}, name, units);
    if (refuse_conflicts && !conflicts.empty()) return errors::Conflicts(name, conflicts);
  }
  absl::MutexLock write(&write_mu_);
  RAKOR_ASSIGN_OR_RETURN(Occurrence occurrence, FindOccurrence(name));
  if (occurrence.status() == v1::CANCELLED) return errors::Cancelled(name);
  if (occurrence.status() == v1::HELD) return errors::AlreadyHeld(name);
  const absl::Time now = StoredPrecision(clock_->Now());
  if (start.has_value()) {
    absl::TimeZone zone;
    absl::CivilSecond original;
    {
      absl::ReaderMutexLock lock(&mu_);
      absl::LoadTimeZone(series_.at(occurrence.series()).time_zone(), &zone);
    }
    absl::ParseCivilTime(occurrence.original_start_local(), &original);
    const absl::Duration away = *start - absl::FromCivil(original, zone);
    if (absl::AbsDuration(away) > absl::Hours(24 * kMaxMoveDays)) {
      return errors::InvalidField("start_time",
                                  absl::StrCat("must be within ", kMaxMoveDays,
                                               " days of the occurrence's original start; further, "
                                               "cancel it and create an incidental meeting"));
    }
    v1::Reschedule& move = *occurrence.add_reschedules();
    *move.mutable_from_time() = occurrence.start_time();
    *move.mutable_to_time() = ToProto(StoredPrecision(*start));
    move.set_reason(reason);
    *move.mutable_change_time() = ToProto(now);
  }
  if (!place.empty()) occurrence.set_place(place);
  occurrence.set_sequence(occurrence.sequence() + 1);
  RAKOR_RETURN_IF_ERROR(SaveRecord(occurrence, actor));
  RAKOR_ASSIGN_OR_RETURN(Occurrence moved, FindOccurrence(name));
  moved = Published(std::move(moved));
  for (v1::Conflict& c : conflicts) *moved.add_conflicts() = std::move(c);
  return moved;
}

absl::StatusOr<std::pair<Series, absl::TimeZone>> Scheduling::SeriesAndZone(
    const std::string& name) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = series_.find(name);
  if (it == series_.end()) return errors::SeriesNotFound(name);
  return std::make_pair(it->second, ZoneOf(it->second));
}

absl::StatusOr<Occurrence> Scheduling::CancelOccurrence(const std::string& name,
                                                        const std::string& reason,
                                                        const std::string& actor) {
  RAKOR_RETURN_IF_ERROR(errors::RequireText("reason", reason));
  absl::MutexLock write(&write_mu_);
  RAKOR_ASSIGN_OR_RETURN(Occurrence occurrence, FindOccurrence(name));
  if (occurrence.status() == v1::CANCELLED) return Published(occurrence);  // a retry
  if (occurrence.status() == v1::HELD) return errors::AlreadyHeld(name);
  occurrence.set_status(v1::CANCELLED);
  occurrence.set_cancel_reason(reason);
  occurrence.set_sequence(occurrence.sequence() + 1);
  RAKOR_RETURN_IF_ERROR(SaveRecord(occurrence, actor));
  return Published(occurrence);
}

absl::StatusOr<Occurrence> Scheduling::MarkMinutesAccepted(
    const std::string& name, const std::string& minutes, absl::Time accept_time,
    const std::vector<v1::FollowUp>& open_follow_ups, const std::string& actor) {
  RAKOR_RETURN_IF_ERROR(errors::RequireText("minutes", minutes));
  // A document of the meeting's region, and nothing else: a reporting replica older
  // than MarkFollowUpDone reads that message as this one (fields 1-3 line up) and
  // would otherwise record a follow-up's name as the minutes.
  RAKOR_ASSIGN_OR_RETURN(const OccurrenceId id, ParseOccurrenceName("occurrence", name));
  if (!IsDocumentOf(id.region, minutes)) {
    return errors::InvalidField("minutes", absl::StrCat("must be a document of the meeting's "
                                                        "region: ",
                                                        id.region, "/documents/{document}"));
  }
  constexpr int kMaxFollowUps = 100;
  if (open_follow_ups.size() > kMaxFollowUps) {
    return errors::TooMany("open_follow_ups", kMaxFollowUps);
  }
  for (size_t i = 0; i < open_follow_ups.size(); ++i) {
    RAKOR_RETURN_IF_ERROR(errors::RequireText(absl::StrCat("open_follow_ups[", i, "].what"),
                                              open_follow_ups[i].what()));
  }
  absl::MutexLock write(&write_mu_);
  RAKOR_ASSIGN_OR_RETURN(Occurrence occurrence, FindOccurrence(name));
  if (occurrence.has_minutes_accept_time())
    return Published(occurrence);  // a retry: nothing changes
  if (occurrence.status() != v1::HELD) return errors::NotHeld(name);
  occurrence.set_minutes(minutes);
  *occurrence.mutable_minutes_accept_time() = ToProto(StoredPrecision(accept_time));
  for (v1::FollowUp f : open_follow_ups) {
    f.set_minutes(minutes);
    *occurrence.add_follow_ups() = std::move(f);
  }
  RAKOR_RETURN_IF_ERROR(SaveRecord(occurrence, actor));
  return Published(occurrence);
}

absl::StatusOr<Occurrence> Scheduling::MarkFollowUpDone(const std::string& name,
                                                        const std::string& follow_up,
                                                        absl::Time done_time,
                                                        const std::string& actor) {
  RAKOR_RETURN_IF_ERROR(errors::RequireText("follow_up", follow_up));
  absl::MutexLock write(&write_mu_);
  RAKOR_ASSIGN_OR_RETURN(Occurrence occurrence, FindOccurrence(name));
  if (!occurrence.has_minutes_accept_time()) return errors::MinutesNotAccepted(name);
  // Follow-ups recorded before they had names are found by their place: the
  // minutes' open follow-ups, all of them when accepted, numbered from 1.
  const int place = FollowUpPlace(occurrence.minutes(), follow_up);
  for (int i = 0; i < occurrence.follow_ups_size(); ++i) {
    v1::FollowUp& f = *occurrence.mutable_follow_ups(i);
    if (f.name() != follow_up && !(f.name().empty() && i + 1 == place)) continue;
    if (f.has_done_time()) return Published(occurrence);  // a retry: nothing changes
    *f.mutable_done_time() = ToProto(StoredPrecision(done_time));
    RAKOR_RETURN_IF_ERROR(SaveRecord(occurrence, actor));
    return Published(occurrence);
  }
  return errors::FollowUpNotFound(name, follow_up);
}

absl::Status Scheduling::FillInvitations(Occurrence& occurrence) {
  RAKOR_ASSIGN_OR_RETURN(const auto series, SeriesAndZone(occurrence.series()));
  RAKOR_ASSIGN_OR_RETURN(
      const std::vector<DirectoryUnit> units,
      directory_->UnitsOf(RegionOfUnit(series.first.chair()), FromProto(occurrence.start_time())));
  std::vector<v1::Invitation> invitations =
      InvitationsWithAnswers(series.first.invitees(), units, occurrence.invitations());
  occurrence.clear_invitations();
  for (v1::Invitation& i : invitations) *occurrence.add_invitations() = std::move(i);
  return absl::OkStatus();
}

absl::StatusOr<Occurrence> Scheduling::GetOccurrence(const std::string& name) {
  RAKOR_ASSIGN_OR_RETURN(Occurrence occurrence, FindOccurrence(name));
  occurrence.clear_check_in_code();
  {
    // The last earlier meeting of the series with accepted minutes leaves the
    // follow-up actions still open to this one (records are ordered by original start).
    absl::ReaderMutexLock lock(&mu_);
    const std::string prefix = occurrence.series() + "/occurrences/";
    for (auto r = records_.lower_bound(name); r != records_.begin();) {
      --r;
      if (!absl::StartsWith(r->first, prefix)) break;
      if (!r->second.has_minutes_accept_time()) continue;
      for (const v1::FollowUp& f : r->second.follow_ups()) {
        if (!f.has_done_time()) *occurrence.add_carried_follow_ups() = f;
      }
      break;
    }
  }
  RAKOR_RETURN_IF_ERROR(FillInvitations(occurrence));
  return occurrence;
}

absl::StatusOr<Occurrence> Scheduling::RespondToInvitation(const std::string& name,
                                                           const v1::Invitation& answer,
                                                           const std::string& actor) {
  if (answer.unit().empty()) return errors::RequiredField("unit");
  if (answer.response() == v1::RESPONSE_STATUS_UNSPECIFIED ||
      !v1::ResponseStatus_IsValid(answer.response())) {
    return errors::RequiredField("response");
  }
  if (answer.response() == v1::DELEGATED) {
    RAKOR_RETURN_IF_ERROR(errors::RequireText("delegate_name", answer.delegate_name()));
  } else if (!answer.delegate_name().empty() || !answer.delegate_email().empty()) {
    return errors::InvalidField("delegate_name", "is given only with the response DELEGATED");
  }
  if (answer.delegate_position().size() > limits::kMaxTextBytes) {
    return errors::TooLong("delegate_position", limits::kMaxTextBytes);
  }
  if (!answer.delegate_email().empty() && !LooksLikeEmail(answer.delegate_email())) {
    return errors::InvalidField("delegate_email", "must be an e-mail address (name@domain)");
  }
  RAKOR_ASSIGN_OR_RETURN(const Occurrence found, FindOccurrence(name));
  if (found.status() == v1::CANCELLED) return errors::Cancelled(name);
  RAKOR_ASSIGN_OR_RETURN(const auto series, SeriesAndZone(found.series()));
  RAKOR_ASSIGN_OR_RETURN(
      const std::vector<DirectoryUnit> units,
      directory_->UnitsOf(RegionOfUnit(series.first.chair()), FromProto(found.start_time())));
  const std::vector<v1::Invitation> invited = ResolveInvitees(series.first.invitees(), units);
  if (std::none_of(invited.begin(), invited.end(),
                   [&](const v1::Invitation& i) { return i.unit() == answer.unit(); })) {
    return errors::NotInvited("unit", answer.unit(), name);
  }
  absl::MutexLock write(&write_mu_);
  RAKOR_ASSIGN_OR_RETURN(Occurrence record, FindOccurrence(name));
  if (record.status() == v1::CANCELLED) return errors::Cancelled(name);  // meanwhile
  v1::Invitation stored;
  stored.set_unit(answer.unit());
  stored.set_response(answer.response());
  stored.set_delegate_name(answer.delegate_name());
  stored.set_delegate_position(answer.delegate_position());
  stored.set_delegate_email(answer.delegate_email());
  *stored.mutable_response_time() = ToProto(StoredPrecision(clock_->Now()));
  auto same =
      std::find_if(record.mutable_invitations()->begin(), record.mutable_invitations()->end(),
                   [&](const v1::Invitation& i) { return i.unit() == answer.unit(); });
  if (same != record.mutable_invitations()->end()) {
    *same = stored;
  } else {
    *record.add_invitations() = stored;
  }
  RAKOR_RETURN_IF_ERROR(SaveRecord(record, actor));
  // The invitations as resolved above, with the answers now recorded.
  Occurrence out = Published(record);
  for (v1::Invitation& i :
       InvitationsWithAnswers(series.first.invitees(), units, record.invitations())) {
    *out.add_invitations() = std::move(i);
  }
  return out;
}

absl::StatusOr<Occurrence> Scheduling::IssueCheckInCode(const std::string& name,
                                                        const std::string& actor) {
  absl::MutexLock write(&write_mu_);
  RAKOR_ASSIGN_OR_RETURN(Occurrence occurrence, FindOccurrence(name));
  if (occurrence.status() == v1::CANCELLED) return errors::Cancelled(name);
  if (clock_->Now() >= FromProto(occurrence.end_time())) return errors::CheckInClosed(name);
  occurrence.set_check_in_code(absl::StrFormat("%06d", absl::Uniform(bitgen_, 0, 1000000)));
  // Shown for the caller; CheckIn goes by the meeting's end as it is then.
  *occurrence.mutable_check_in_expire_time() = occurrence.end_time();
  RAKOR_RETURN_IF_ERROR(SaveRecord(occurrence, actor));
  occurrence.clear_invitations();
  return occurrence;
}

absl::StatusOr<Occurrence> Scheduling::CheckIn(const std::string& name, const std::string& unit,
                                               const std::string& code, v1::AttendanceStatus status,
                                               const std::string& actor) {
  if (status == v1::ATTENDANCE_STATUS_UNSPECIFIED) status = v1::PRESENT_IN_PERSON;
  if (status != v1::PRESENT_IN_PERSON && status != v1::PRESENT_ONLINE) {
    return errors::InvalidField("status", "must be PRESENT_IN_PERSON or PRESENT_ONLINE");
  }
  if (unit.empty()) return errors::RequiredField("unit");
  if (code.empty()) return errors::RequiredField("code");
  RAKOR_ASSIGN_OR_RETURN(const Occurrence invited, GetOccurrence(name));
  if (invited.status() == v1::CANCELLED) return errors::Cancelled(name);
  if (unit != invited.chair() &&
      std::none_of(invited.invitations().begin(), invited.invitations().end(),
                   [&](const v1::Invitation& i) { return i.unit() == unit; })) {
    return errors::NotInvited("unit", unit, name);
  }
  absl::MutexLock write(&write_mu_);
  RAKOR_ASSIGN_OR_RETURN(Occurrence occurrence, FindOccurrence(name));
  if (occurrence.status() == v1::CANCELLED) return errors::Cancelled(name);  // meanwhile
  const absl::Time now = clock_->Now();
  if (occurrence.check_in_code().empty() ||
      now < FromProto(occurrence.start_time()) - kCheckInOpensBefore ||
      now >= FromProto(occurrence.end_time())) {
    return errors::CheckInClosed(name);
  }
  if (code != occurrence.check_in_code()) return errors::WrongCheckInCode("code");
  v1::Attendance present;
  present.set_unit(unit);
  present.set_status(status);
  UpsertAttendance(occurrence, present);
  occurrence.set_status(v1::HELD);
  RAKOR_RETURN_IF_ERROR(SaveRecord(occurrence, actor));
  return Published(occurrence);
}

absl::StatusOr<Scheduling::FreeTime> Scheduling::FindFreeSlots(
    const std::string& region, const std::vector<std::string>& units, absl::Duration duration,
    absl::Time earliest, int max_slots, int search_days) {
  RAKOR_RETURN_IF_ERROR(ParseRegion("parent", region, false).status());
  if (units.empty()) return errors::RequiredField("units");
  if (units.size() > static_cast<size_t>(kMaxSelectors))
    return errors::TooMany("units", kMaxSelectors);
  if (duration <= absl::ZeroDuration() || duration > kMaxDuration) {
    return errors::InvalidField("duration", "must be more than 0 and at most 12 hours");
  }
  RAKOR_ASSIGN_OR_RETURN(const std::string zone_name, directory_->TimeZoneOf(region));
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(zone_name, &zone)) {
    return absl::InternalError(
        absl::StrCat("the registry's zone ", zone_name, " is not known here"));
  }
  RAKOR_ASSIGN_OR_RETURN(const std::vector<DirectoryUnit> known,
                         directory_->UnitsOf(region, earliest));
  for (size_t i = 0; i < units.size(); ++i) {
    if (std::none_of(known.begin(), known.end(),
                     [&](const DirectoryUnit& u) { return u.name == units[i]; })) {
      return errors::UnknownUnit(absl::StrCat("units[", i, "]"), units[i]);
    }
  }
  const std::set<std::string> needed(units.begin(), units.end());
  absl::ReaderMutexLock lock(&mu_);
  // Enough calendar days for `search_days` working days around any holidays.
  RAKOR_ASSIGN_OR_RETURN(const std::vector<Occurrence> others,
                         ExpandLocked(region, earliest - kMaxDuration,
                                      earliest + absl::Hours(24 * (2 * search_days + 30)), 5000));
  std::vector<Interval> busy;
  std::map<std::string, std::set<std::string>> participants;
  for (const Occurrence& o : others) {
    if (o.status() == v1::CANCELLED) continue;
    auto theirs = participants.find(o.series());
    if (theirs == participants.end()) {
      theirs = participants.emplace(o.series(), RequiredParticipants(series_.at(o.series()), known))
                   .first;
    }
    if (std::any_of(theirs->second.begin(), theirs->second.end(),
                    [&](const std::string& u) { return needed.contains(u); })) {
      busy.push_back({FromProto(o.start_time()), FromProto(o.end_time())});
    }
  }
  return FreeTime{zone, FreeSlots(busy, duration, earliest, max_slots, search_days, zone,
                                  CalendarLocked(region), HoursLocked(region))};
}

absl::Status Scheduling::AddComplianceRule(const v1::ComplianceRule& rule,
                                           const std::string& actor) {
  RAKOR_ASSIGN_OR_RETURN(const RuleId id, ParseRuleName("name", rule.name()));
  const std::string& region = id.region;
  if (rule.min_count() < 1) return errors::InvalidField("min_count", "must be at least 1");
  if (rule.period() == v1::ComplianceRule::PERIOD_UNSPECIFIED ||
      !v1::ComplianceRule::Period_IsValid(rule.period())) {
    return errors::RequiredField("period");
  }
  if (rule.form() == v1::MEETING_FORM_UNSPECIFIED) return errors::RequiredField("form");
  if (!absl::StrContains(rule.citation(), " Pasal ")) {
    return errors::InvalidField("citation", "must cite an article, as \"Temanggung Pasal 18\"");
  }
  if (!rule.chair().empty() && RegionOfUnit(rule.chair()) != region) {
    return errors::InvalidField("chair", absl::StrCat("must be a unit of ", region));
  }
  absl::CivilDay start_date;
  if (!rule.start_date().empty() && !absl::ParseCivilTime(rule.start_date(), &start_date)) {
    return errors::InvalidField("start_date", "must be a date, as 2026-01-01");
  }
  {
    absl::ReaderMutexLock lock(&mu_);
    if (rules_.contains(rule.name())) return absl::OkStatus();
  }
  v1::ComplianceRule stored = rule;
  RAKOR_ASSIGN_OR_RETURN(*stored.mutable_time_zone(), directory_->TimeZoneOf(region));
  if (stored.start_date().empty()) {
    // From today: the months before rakor was in use are not judged as missed.
    absl::TimeZone zone;
    if (!absl::LoadTimeZone(stored.time_zone(), &zone)) {
      return absl::InternalError("the registry named an unknown time zone");
    }
    stored.set_start_date(absl::FormatCivilTime(absl::ToCivilDay(clock_->Now(), zone)));
  }
  absl::MutexLock write(&write_mu_);
  const absl::Time now = StoredPrecision(clock_->Now());
  RAKOR_RETURN_IF_ERROR(db_->Write([&](storage::Transaction& txn) {
    PayloadRepository::Upsert(txn, PayloadRepository::Table::kComplianceRules, stored.name(),
                              region, stored.SerializeAsString());
    Change change = NewChange(Change::CREATED, rule.name(), now, actor);
    *change.mutable_compliance_rule() = stored;
    storage::AppendChange(txn, region, change);
    return absl::OkStatus();
  }));
  absl::MutexLock lock(&mu_);
  rules_[stored.name()] = stored;
  return absl::OkStatus();
}

absl::StatusOr<v1::ComplianceReport> Scheduling::GetCompliance(const std::string& region,
                                                               const std::string& first,
                                                               const std::string& last) const {
  absl::CivilMonth first_month, last_month;
  if (!absl::ParseCivilTime(first, &first_month)) {
    return errors::InvalidField("first_month", "must be a month, as 2026-01");
  }
  if (!absl::ParseCivilTime(last, &last_month)) {
    return errors::InvalidField("last_month", "must be a month, as 2026-12");
  }
  if (last_month < first_month)
    return errors::InvalidField("last_month", "must not be before first_month");
  if (last_month - first_month >= 120) {
    return errors::InvalidField("last_month", "must be within ten years of first_month");
  }
  const absl::Time now = clock_->Now();
  v1::ComplianceReport report;
  absl::ReaderMutexLock lock(&mu_);
  for (const auto& [name, rule] : rules_) {
    // Stored rules were validated when added.
    const std::string rule_region = ParseRuleName("name", name)->region;
    if (!region.empty() && rule_region != region) continue;
    absl::TimeZone zone;
    if (!absl::LoadTimeZone(rule.time_zone(), &zone)) {
      return absl::InternalError("a stored compliance rule has an unknown zone");
    }
    absl::Time from, to;
    PeriodSpan(rule, zone, first_month, last_month, &from, &to);
    // Straight from what is held and recorded: no occurrence is built to be counted.
    std::vector<CountedMeeting> meetings;
    RAKOR_RETURN_IF_ERROR(ForEachHeldLocked(
        rule_region, from, to, 20000,
        [&](const Series& s, absl::TimeZone, const HeldOccurrence& h, const std::string& name,
            const Occurrence* record) {
          if (record != nullptr && record->status() == v1::CANCELLED) return;
          const bool held = record != nullptr && record->status() == v1::HELD;
          meetings.push_back({name, h.start, held ? record->form() : s.form(),
                              held ? record->chair() : s.chair(), held,
                              record != nullptr && record->has_minutes_accept_time()});
        }));
    v1::RuleCompliance& rc = *report.add_rules();
    *rc.mutable_rule() = rule;
    for (auto& p : Evaluate(rule, zone, first_month, last_month, meetings, now)) {
      *rc.add_periods() = std::move(p);
    }
  }
  return report;
}

const WorkingCalendar& Scheduling::CalendarLocked(const std::string& region) const {
  auto calendar = calendars_.find(region);
  return calendar != calendars_.end() ? calendar->second : WeekendsOnly();
}

WorkingHours Scheduling::HoursLocked(const std::string& region) const {
  WorkingHours hours;
  auto set = hours_.find(region);
  if (set == hours_.end()) return hours;
  // Stored hours were validated when set.
  hours.start = *ParseClock("start", set->second.start());
  hours.end = *ParseClock("end", set->second.end());
  hours.friday_break_start = *ParseClock("friday_break_start", set->second.friday_break_start());
  hours.friday_break_end = *ParseClock("friday_break_end", set->second.friday_break_end());
  return hours;
}

absl::StatusOr<v1::WorkingHours> Scheduling::GetWorkingHours(const std::string& name) {
  RAKOR_ASSIGN_OR_RETURN(const std::string region, RegionOfWorkingHours("name", name));
  {
    absl::ReaderMutexLock lock(&mu_);
    if (auto set = hours_.find(region); set != hours_.end()) return set->second;
  }
  RAKOR_RETURN_IF_ERROR(directory_->TimeZoneOf(region).status());  // the region exists
  const WorkingHours defaults;
  v1::WorkingHours hours;
  hours.set_name(name);
  hours.set_start(FormatClock(defaults.start));
  hours.set_end(FormatClock(defaults.end));
  hours.set_friday_break_start(FormatClock(defaults.friday_break_start));
  hours.set_friday_break_end(FormatClock(defaults.friday_break_end));
  hours.set_source("rakor's default: 07:30-16:00, Friday 11:30-13:00 kept for prayer");
  hours.set_etag(storage::EtagForRevision(0));
  return hours;
}

absl::StatusOr<v1::WorkingHours> Scheduling::UpdateWorkingHours(
    const v1::WorkingHours& patch, const google::protobuf::FieldMask& mask,
    const std::string& actor) {
  RAKOR_ASSIGN_OR_RETURN(const std::string region,
                         RegionOfWorkingHours("working_hours.name", patch.name()));
  RAKOR_ASSIGN_OR_RETURN(const v1::WorkingHours current, GetWorkingHours(patch.name()));
  if (!patch.etag().empty() && patch.etag() != current.etag()) {
    return errors::StaleEtag(current.name(), patch.etag(), current.etag());
  }
  v1::WorkingHours updated = current;
  RAKOR_RETURN_IF_ERROR(ApplyFieldMask(
      errors::kDomain, patch, mask,
      {"start", "end", "friday_break_start", "friday_break_end", "source"}, &updated));
  updated.DiscardUnknownFields();
  WorkingHours parsed;
  RAKOR_ASSIGN_OR_RETURN(parsed.start, ParseClock("working_hours.start", updated.start()));
  RAKOR_ASSIGN_OR_RETURN(parsed.end, ParseClock("working_hours.end", updated.end()));
  RAKOR_ASSIGN_OR_RETURN(parsed.friday_break_start, ParseClock("working_hours.friday_break_start",
                                                               updated.friday_break_start()));
  RAKOR_ASSIGN_OR_RETURN(parsed.friday_break_end,
                         ParseClock("working_hours.friday_break_end", updated.friday_break_end()));
  RAKOR_RETURN_IF_ERROR(ValidateWorkingHours(parsed));
  RAKOR_RETURN_IF_ERROR(errors::RequireText("working_hours.source", updated.source()));
  absl::MutexLock write(&write_mu_);
  {
    absl::ReaderMutexLock lock(&mu_);
    auto set = hours_.find(region);
    const std::string now_etag =
        set == hours_.end() ? storage::EtagForRevision(0) : set->second.etag();
    if (now_etag != current.etag())
      return errors::StaleEtag(current.name(), current.etag(), now_etag);
  }
  const absl::Time now = StoredPrecision(clock_->Now());
  updated.set_etag(NextEtag(current.etag()));
  *updated.mutable_update_time() = ToProto(now);
  RAKOR_RETURN_IF_ERROR(db_->Write([&](storage::Transaction& txn) {
    PayloadRepository::Upsert(txn, PayloadRepository::Table::kWorkingHours, updated.name(), region,
                              updated.SerializeAsString());
    Change change = NewChange(Change::UPDATED, updated.name(), now, actor);
    *change.mutable_working_hours() = updated;
    storage::AppendChange(txn, region, change);
    return absl::OkStatus();
  }));
  absl::MutexLock lock(&mu_);
  hours_[region] = updated;
  return updated;
}

absl::StatusOr<Scheduling::Imported> Scheduling::ImportDaysOff(const std::string& region,
                                                               const std::string& ics,
                                                               const std::string& source,
                                                               const std::string& actor) {
  RAKOR_RETURN_IF_ERROR(ParseRegion("parent", region, false).status());
  RAKOR_RETURN_IF_ERROR(errors::RequireText("source", source));
  constexpr size_t kMaxIcsBytes = 1 << 20;
  if (ics.size() > kMaxIcsBytes) return errors::TooLong("ics", kMaxIcsBytes);
  RAKOR_ASSIGN_OR_RETURN(std::vector<DayOff> days, ParseHolidayCalendar("ics", ics));
  RAKOR_RETURN_IF_ERROR(directory_->TimeZoneOf(region).status());  // the region exists
  (void)actor;
  absl::MutexLock write(&write_mu_);
  Imported imported;
  std::vector<DayOff> added;
  RAKOR_RETURN_IF_ERROR(db_->Write([&](storage::Transaction& txn) -> absl::Status {
    imported = {};
    added.clear();
    for (const DayOff& d : days) {
      if (DayOffRepository::Add(txn, {region, absl::FormatCivilTime(d.day), d.name, source})) {
        ++imported.added;
        added.push_back(d);
      } else {
        ++imported.already_known;
      }
    }
    return absl::OkStatus();
  }));
  absl::MutexLock lock(&mu_);
  for (const DayOff& d : added) calendars_[region].Add(d);
  return imported;
}

absl::StatusOr<Scheduling::DaysOffBetween> Scheduling::ListDaysOff(const std::string& region,
                                                                   const std::string& first,
                                                                   const std::string& last) const {
  RAKOR_RETURN_IF_ERROR(ParseRegion("parent", region, false).status());
  absl::CivilDay from, to;
  if (!absl::ParseCivilTime(first, &from)) {
    return errors::InvalidField("start_date", "must be a date, as 2026-12-01");
  }
  if (!absl::ParseCivilTime(last, &to)) {
    return errors::InvalidField("end_date", "must be a date, as 2026-12-31");
  }
  constexpr int kMaxDays = 400;
  if (to < from || to - from > kMaxDays) {
    return errors::InvalidField("end_date",
                                absl::StrCat("must be from start_date to ", kMaxDays, " days on"));
  }
  DaysOffBetween out;
  RAKOR_ASSIGN_OR_RETURN(out.zone, directory_->TimeZoneOf(region));  // and the region exists
  absl::ReaderMutexLock lock(&mu_);
  out.days = CalendarLocked(region).DaysOff(from, to);
  return out;
}

}  // namespace rakor::scheduling
