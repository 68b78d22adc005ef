#include "services/scheduling/scheduling.h"

#include <algorithm>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/limits.h"
#include "common/status_macros.h"
#include "common/time.h"
#include "services/scheduling/compliance.h"
#include "services/scheduling/errors.h"
#include "services/scheduling/names.h"
#include "services/scheduling/occurrences.h"
#include "storage/change_log.h"
#include "storage/etag.h"
#include "storage/request_log.h"
#include "storage/scheduling/schema.h"
#include "storage/scheduling/series_repository.h"

namespace rakor::scheduling {
namespace {

using rakor::scheduling::v1::Change;
using rakor::scheduling::v1::Occurrence;
using storage::scheduling::DayOffRepository;
using storage::scheduling::PayloadRepository;
using storage::scheduling::SeriesRepository;

constexpr int kMaxDatesPerList = 366;
constexpr absl::Duration kMaxDuration = absl::Hours(12);

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

absl::Status RequireText(absl::string_view field, const std::string& value) {
  if (value.empty()) return errors::RequiredField(field);
  if (value.size() > limits::kMaxTextBytes) return errors::TooLong(field, limits::kMaxTextBytes);
  return absl::OkStatus();
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
    for (const auto& d : DayOffRepository::LoadAll(txn)) {
      absl::CivilDay day;
      if (absl::ParseCivilTime(d.day, &day)) scheduling->calendars_[d.region].Add({day, d.name});
    }
    return absl::OkStatus();
  }));
  return scheduling;
}

absl::Status Scheduling::Validate(const std::string& region, Series& s) {
  RAKOR_RETURN_IF_ERROR(RequireText("series.title", s.title()));
  if (s.chair().empty()) return errors::RequiredField("series.chair");
  if (RegionOfUnit(s.chair()) != region) return errors::ChairInAnotherRegion(s.chair(), region);
  if (s.form() == v1::MEETING_FORM_UNSPECIFIED || !v1::MeetingForm_IsValid(s.form())) {
    return errors::RequiredField("series.form");
  }
  if (s.mode() == v1::MEETING_MODE_UNSPECIFIED || !v1::MeetingMode_IsValid(s.mode())) {
    return errors::RequiredField("series.mode");
  }
  if (s.mode() != v1::ELECTRONIC) RAKOR_RETURN_IF_ERROR(RequireText("series.place", s.place()));
  if (s.mode() != v1::IN_PERSON) {
    RAKOR_RETURN_IF_ERROR(RequireText("series.link", s.link()));
    if (!absl::StartsWith(s.link(), "https://")) {
      return errors::InvalidField("series.link", "must be an https:// address");
    }
  }
  RAKOR_RETURN_IF_ERROR(RequireText("series.legal_basis", s.legal_basis()));
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
    RAKOR_RETURN_IF_ERROR(RequireText("series.reason", s.reason()));  // insidental
  } else {
    if (s.rrule().size() > limits::kMaxTextBytes) {
      return errors::TooLong("series.rrule", limits::kMaxTextBytes);
    }
    RAKOR_RETURN_IF_ERROR(ValidateRrule("series.rrule", s.rrule()));
  }
  RAKOR_RETURN_IF_ERROR(RecurrenceOf(s).status());
  return absl::OkStatus();
}

absl::StatusOr<Series> Scheduling::CreateSeries(const std::string& region,
                                                const std::string& series_id,
                                                const Series& requested, const RequestKey& key,
                                                const std::string& actor) {
  RAKOR_RETURN_IF_ERROR(ParseRegion("parent", region, false).status());
  RAKOR_RETURN_IF_ERROR(ValidateId("series_id", series_id));
  Series series = requested;
  series.DiscardUnknownFields();  // store only what the API defines
  RAKOR_RETURN_IF_ERROR(Validate(region, series));
  // The registry is asked before the writer lock is taken: a slow registry holds
  // up no other write.
  RAKOR_ASSIGN_OR_RETURN(std::string zone, directory_->TimeZoneOf(region));
  const absl::Time now = StoredPrecision(clock_->Now());
  RAKOR_RETURN_IF_ERROR(directory_->CheckUnit(series.chair(), now));

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
  return created;
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

absl::StatusOr<std::vector<Occurrence>> Scheduling::ExpandLocked(const std::string& region,
                                                                 absl::Time from, absl::Time to,
                                                                 size_t per_series) const {
  static const WorkingCalendar kWeekendsOnly;
  std::vector<Occurrence> all;
  for (const auto& [name, s] : series_) {
    if (!region.empty() && !absl::StartsWith(name, region + "/")) continue;
    absl::TimeZone zone;
    if (!absl::LoadTimeZone(s.time_zone(), &zone)) continue;  // checked when created
    RAKOR_ASSIGN_OR_RETURN(Recurrence recurrence, RecurrenceOf(s));
    const std::string series_region = name.substr(0, name.find("/series/"));
    auto calendar = calendars_.find(series_region);
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
        Occurrences(recurrence, zone,
                    calendar != calendars_.end() ? calendar->second : kWeekendsOnly, PolicyOf(s),
                    from, to, per_series, moves));
    for (const HeldOccurrence& h : held) {
      Occurrence& o = all.emplace_back();
      o.set_name(OccurrenceName(name, h.original));
      if (auto record = records_.find(o.name()); record != records_.end()) o = record->second;
      o.set_series(name);
      o.set_title(s.title());
      *o.mutable_start_time() = ToProto(h.start);
      *o.mutable_end_time() = ToProto(h.start + absl::Seconds(s.duration().seconds()));
      o.set_original_start_local(FormatLocal(h.original));
      o.set_start_display(absl::FormatTime("%Y-%m-%d %H:%M %Z", h.start, zone));
      o.set_moved_from_day_off(h.moved_from_day_off);
      o.set_chair(s.chair());
      o.set_legal_basis(s.legal_basis());
      o.set_form(s.form());
      if (o.place().empty()) o.set_place(s.place());
      if (o.status() == v1::OCCURRENCE_STATUS_UNSPECIFIED) o.set_status(v1::SCHEDULED);
    }
  }
  return all;
}

absl::StatusOr<std::vector<Occurrence>> Scheduling::ListOccurrences(const std::string& region,
                                                                    absl::Time from, absl::Time to,
                                                                    const std::string& after,
                                                                    int limit) const {
  absl::ReaderMutexLock lock(&mu_);
  // Enough of each series to fill a page wherever the position is.
  RAKOR_ASSIGN_OR_RETURN(std::vector<Occurrence> all,
                         ExpandLocked(region, from, to, limits::kMaxPageSize * 4));
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

absl::Status Scheduling::SaveRecord(const Occurrence& record, const std::string& actor) {
  const std::string region = record.name().substr(0, record.name().find("/series/"));
  const absl::Time now = StoredPrecision(clock_->Now());
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
          RequireText(absl::StrCat(field, ".representative"), a.representative()));
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
  occurrence.clear_attendance();
  for (const v1::Attendance& a : attendance) *occurrence.add_attendance() = a;
  RAKOR_RETURN_IF_ERROR(SaveRecord(occurrence, actor));
  return occurrence;
}

absl::StatusOr<Occurrence> Scheduling::RescheduleOccurrence(const std::string& name,
                                                            std::optional<absl::Time> start,
                                                            const std::string& place,
                                                            const std::string& reason,
                                                            const std::string& actor) {
  RAKOR_RETURN_IF_ERROR(RequireText("reason", reason));
  if (!start.has_value() && place.empty()) {
    return errors::InvalidField("start_time", "or place must be given: nothing would change");
  }
  if (!place.empty()) RAKOR_RETURN_IF_ERROR(RequireText("place", place));
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
  return FindOccurrence(name);
}

absl::StatusOr<Occurrence> Scheduling::CancelOccurrence(const std::string& name,
                                                        const std::string& reason,
                                                        const std::string& actor) {
  RAKOR_RETURN_IF_ERROR(RequireText("reason", reason));
  absl::MutexLock write(&write_mu_);
  RAKOR_ASSIGN_OR_RETURN(Occurrence occurrence, FindOccurrence(name));
  if (occurrence.status() == v1::CANCELLED) return occurrence;  // a retry
  if (occurrence.status() == v1::HELD) return errors::AlreadyHeld(name);
  occurrence.set_status(v1::CANCELLED);
  occurrence.set_cancel_reason(reason);
  occurrence.set_sequence(occurrence.sequence() + 1);
  RAKOR_RETURN_IF_ERROR(SaveRecord(occurrence, actor));
  return occurrence;
}

absl::StatusOr<Occurrence> Scheduling::MarkMinutesAccepted(const std::string& name,
                                                           const std::string& minutes,
                                                           absl::Time accept_time,
                                                           const std::string& actor) {
  RAKOR_RETURN_IF_ERROR(RequireText("minutes", minutes));
  absl::MutexLock write(&write_mu_);
  RAKOR_ASSIGN_OR_RETURN(Occurrence occurrence, FindOccurrence(name));
  if (occurrence.has_minutes_accept_time()) return occurrence;  // a retry: nothing changes
  if (occurrence.status() != v1::HELD) return errors::NotHeld(name);
  occurrence.set_minutes(minutes);
  *occurrence.mutable_minutes_accept_time() = ToProto(StoredPrecision(accept_time));
  RAKOR_RETURN_IF_ERROR(SaveRecord(occurrence, actor));
  return occurrence;
}

absl::Status Scheduling::AddComplianceRule(const v1::ComplianceRule& rule,
                                           const std::string& actor) {
  const size_t at = rule.name().find("/complianceRules/");
  if (at == std::string::npos) {
    return errors::MalformedName("name", rule.name(), "regions/{region}/complianceRules/{rule}");
  }
  const std::string region = rule.name().substr(0, at);
  RAKOR_RETURN_IF_ERROR(ParseRegion("name", region, false).status());
  RAKOR_RETURN_IF_ERROR(ValidateId("name", rule.name().substr(at + 17)));
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
  {
    absl::ReaderMutexLock lock(&mu_);
    if (rules_.contains(rule.name())) return absl::OkStatus();
  }
  v1::ComplianceRule stored = rule;
  RAKOR_ASSIGN_OR_RETURN(*stored.mutable_time_zone(), directory_->TimeZoneOf(region));
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
    const std::string rule_region = name.substr(0, name.find("/complianceRules/"));
    if (!region.empty() && rule_region != region) continue;
    absl::TimeZone zone;
    if (!absl::LoadTimeZone(rule.time_zone(), &zone)) {
      return absl::InternalError("a stored compliance rule has an unknown zone");
    }
    absl::Time from, to;
    PeriodSpan(rule, zone, first_month, last_month, &from, &to);
    RAKOR_ASSIGN_OR_RETURN(std::vector<Occurrence> occurrences,
                           ExpandLocked(rule_region, from, to, 20000));
    std::vector<CountedMeeting> meetings;
    for (const Occurrence& o : occurrences) {
      if (o.status() == v1::CANCELLED) continue;
      meetings.push_back({o.name(), FromProto(o.start_time()), o.form(), o.chair(),
                          o.status() == v1::HELD, o.has_minutes_accept_time()});
    }
    v1::RuleCompliance& rc = *report.add_rules();
    *rc.mutable_rule() = rule;
    for (auto& p : Evaluate(rule, zone, first_month, last_month, meetings, now)) {
      *rc.add_periods() = std::move(p);
    }
  }
  return report;
}

absl::StatusOr<Scheduling::Imported> Scheduling::ImportDaysOff(const std::string& region,
                                                               const std::string& ics,
                                                               const std::string& source,
                                                               const std::string& actor) {
  RAKOR_RETURN_IF_ERROR(ParseRegion("parent", region, false).status());
  RAKOR_RETURN_IF_ERROR(RequireText("source", source));
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

}  // namespace rakor::scheduling
