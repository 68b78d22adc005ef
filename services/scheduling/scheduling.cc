#include "services/scheduling/scheduling.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/limits.h"
#include "common/status_macros.h"
#include "common/time.h"
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
  if (key.request_id.size() > limits::kMaxRequestIdBytes) {
    return errors::TooLong("request_id", limits::kMaxRequestIdBytes);
  }
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
    replayed = false;
    if (!key.request_id.empty()) {
      if (auto recorded = storage::RequestLog::Find(txn, key.request_id)) {
        if (recorded->request != key.request || !created.ParseFromString(recorded->response)) {
          return rakor::errors::RequestIdReused(errors::kDomain, key.request_id);
        }
        replayed = true;
        return absl::OkStatus();
      }
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
    Change change;
    change.set_type(Change::CREATED);
    change.set_resource(created.name());
    *change.mutable_change_time() = ToProto(now);
    change.set_actor(actor);
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
  absl::MutexLock lock(&mu_);
  auto it = series_.find(name);
  if (it == series_.end()) return errors::SeriesNotFound(name);
  return it->second;
}

std::vector<Series> Scheduling::ListSeries(const std::string& region, const std::string& after,
                                           int limit) const {
  absl::MutexLock lock(&mu_);
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

absl::StatusOr<std::vector<Occurrence>> Scheduling::ListOccurrences(
    const std::string& region, absl::Time from, absl::Time to, const std::string& after,
    int limit) const {
  std::vector<Occurrence> all;
  absl::MutexLock lock(&mu_);
  static const WorkingCalendar kWeekendsOnly;
  for (const auto& [name, s] : series_) {
    if (!region.empty() && !absl::StartsWith(name, region + "/")) continue;
    absl::TimeZone zone;
    if (!absl::LoadTimeZone(s.time_zone(), &zone)) continue;  // checked when created
    RAKOR_ASSIGN_OR_RETURN(Recurrence recurrence, RecurrenceOf(s));
    const std::string series_region = name.substr(0, name.find("/series/"));
    auto calendar = calendars_.find(series_region);
    // Enough of each series to fill a page wherever the position is.
    const size_t per_series = limits::kMaxPageSize * 4;
    RAKOR_ASSIGN_OR_RETURN(
        std::vector<HeldOccurrence> held,
        Occurrences(recurrence, zone, calendar != calendars_.end() ? calendar->second : kWeekendsOnly,
                    PolicyOf(s), from, to, per_series));
    for (const HeldOccurrence& h : held) {
      Occurrence& o = all.emplace_back();
      o.set_name(OccurrenceName(name, h.original));
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
    }
  }
  std::sort(all.begin(), all.end(), [](const Occurrence& a, const Occurrence& b) {
    return PositionOf(a) < PositionOf(b);
  });
  std::vector<Occurrence> page;
  for (Occurrence& o : all) {
    if (!after.empty() && PositionOf(o) <= after) continue;
    if (static_cast<int>(page.size()) == limit) break;
    page.push_back(std::move(o));
  }
  return page;
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
