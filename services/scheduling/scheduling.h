// The scheduling service's domain core: every series in memory, each region's
// calendar of days off, and every write, committed with its change record and
// request id in one transaction before it is answered. Knows nothing of gRPC.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/random/random.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/clock.h"
#include "common/request_key.h"
#include "google/protobuf/field_mask.pb.h"
#include "rakor/scheduling/v1/resources.pb.h"
#include "rakor/scheduling/v1/scheduling_service.pb.h"
#include "services/scheduling/availability.h"
#include "services/scheduling/expansion_cache.h"
#include "services/scheduling/occurrences.h"
#include "services/scheduling/region_directory.h"
#include "services/scheduling/working_days.h"
#include "storage/database.h"

namespace rakor::scheduling {

using rakor::scheduling::v1::Series;

class Scheduling {
 public:
  // `database`: a SQLite file or a postgresql:// URI, as the registry's.
  static absl::StatusOr<std::unique_ptr<Scheduling>> Open(const std::string& database,
                                                          const Clock* clock,
                                                          RegionDirectory* directory);

  const Clock& clock() const { return *clock_; }
  // NOT_FOUND unless the registry knows `region` (regions/{region}) or `unit` now.
  absl::Status CheckRegion(const std::string& region) const {
    return directory_->TimeZoneOf(region).status();
  }
  absl::Status CheckUnit(const std::string& unit) const {
    return directory_->CheckUnit(unit, clock_->Now());
  }

  // The created series carries the conflicts of its first meetings, or, with
  // `refuse_conflicts`, is refused if there are any.
  absl::StatusOr<Series> CreateSeries(const std::string& region, const std::string& series_id,
                                      const Series& requested, const RequestKey& key,
                                      const std::string& actor, bool refuse_conflicts = false);
  // Changes the fields of `patch` named by `mask` (what a meeting is, not when).
  absl::StatusOr<Series> UpdateSeries(const Series& patch, const google::protobuf::FieldMask& mask,
                                      const std::string& actor);
  // Ends the series of `occurrence` before it and starts `new_series_id` there:
  // the old series with the fields of `patch` named by `mask`.
  absl::StatusOr<rakor::scheduling::v1::SplitSeriesResponse> SplitSeries(
      const std::string& occurrence, const std::string& new_series_id, const Series& patch,
      const google::protobuf::FieldMask& mask, const RequestKey& key, const std::string& actor);
  absl::StatusOr<Series> GetSeries(const std::string& name) const;
  // Series of `region` ("" for every region) after the name `after`, at most `limit`.
  std::vector<Series> ListSeries(const std::string& region, const std::string& after,
                                 int limit) const;
  // Every occurrence held in [from, to) of `region`'s series ("" for every region)
  // whose fields equal `filter`'s (series, chair, form, status), ordered by start
  // and name, after the position `after` ("" for the first).
  absl::StatusOr<std::vector<rakor::scheduling::v1::Occurrence>> ListOccurrences(
      const std::string& region, absl::Time from, absl::Time to,
      const std::map<std::string, std::string>& filter, const std::string& after, int limit) const;
  // One occurrence, with its invitations as of its start and their answers.
  absl::StatusOr<rakor::scheduling::v1::Occurrence> GetOccurrence(const std::string& name);
  // An invited unit's answer (`answer`: unit, response, delegate).
  absl::StatusOr<rakor::scheduling::v1::Occurrence> RespondToInvitation(
      const std::string& occurrence, const rakor::scheduling::v1::Invitation& answer,
      const std::string& actor);
  // A fresh check-in code for the occurrence, valid until it ends.
  absl::StatusOr<rakor::scheduling::v1::Occurrence> IssueCheckInCode(const std::string& occurrence,
                                                                     const std::string& actor);
  // `unit` records its own presence with the code, within the check-in window.
  absl::StatusOr<rakor::scheduling::v1::Occurrence> CheckIn(
      const std::string& occurrence, const std::string& unit, const std::string& code,
      rakor::scheduling::v1::AttendanceStatus status, const std::string& actor);
  // The first free working-time slots of `region` for `units` (see FreeSlots), and
  // the region's zone they are shown in.
  struct FreeTime {
    absl::TimeZone zone;
    std::vector<Interval> slots;
  };
  absl::StatusOr<FreeTime> FindFreeSlots(const std::string& region,
                                         const std::vector<std::string>& units,
                                         absl::Duration duration, absl::Time earliest,
                                         int max_slots, int search_days);
  // Where an occurrence stands in that order, for page tokens.
  static std::string PositionOf(const rakor::scheduling::v1::Occurrence& occurrence);

  // An exception for one occurrence: a new start (within kMaxMoveDays of its
  // original) and/or place, with a reason, kept in its history; the series stays.
  absl::StatusOr<rakor::scheduling::v1::Occurrence> RescheduleOccurrence(
      const std::string& name, std::optional<absl::Time> start, const std::string& place,
      const std::string& reason, const std::string& actor, bool refuse_conflicts = false);
  // Cancels one occurrence with a reason; cancelling again changes nothing.
  absl::StatusOr<rakor::scheduling::v1::Occurrence> CancelOccurrence(const std::string& name,
                                                                     const std::string& reason,
                                                                     const std::string& actor);
  // Records `attendance` of the occurrence `name`, which is then held; each unit
  // must be one of the region's. Not before the meeting has begun.
  absl::StatusOr<rakor::scheduling::v1::Occurrence> RecordAttendance(
      const std::string& name, const std::vector<rakor::scheduling::v1::Attendance>& attendance,
      const std::string& actor);
  // Marks the held occurrence's minutes accepted, with the follow-up actions they
  // leave open; again changes nothing.
  absl::StatusOr<rakor::scheduling::v1::Occurrence> MarkMinutesAccepted(
      const std::string& name, const std::string& minutes, absl::Time accept_time,
      const std::vector<rakor::scheduling::v1::FollowUp>& open_follow_ups,
      const std::string& actor);
  // Marks the follow-up `follow_up` (FollowUp.name) of the occurrence's accepted
  // minutes done; again changes nothing.
  absl::StatusOr<rakor::scheduling::v1::Occurrence> MarkFollowUpDone(const std::string& name,
                                                                     const std::string& follow_up,
                                                                     absl::Time done_time,
                                                                     const std::string& actor);
  // Compliance per rule and period over the months [first, last] (YYYY-MM).
  absl::StatusOr<rakor::scheduling::v1::ComplianceReport> GetCompliance(
      const std::string& region, const std::string& first, const std::string& last) const;
  // A seeded rule; an existing one of the same name is left as it is.
  absl::Status AddComplianceRule(const rakor::scheduling::v1::ComplianceRule& rule,
                                 const std::string& actor);

  // The region's working hours; the defaults (WorkingHours{}) until set.
  absl::StatusOr<rakor::scheduling::v1::WorkingHours> GetWorkingHours(const std::string& name);
  absl::StatusOr<rakor::scheduling::v1::WorkingHours> UpdateWorkingHours(
      const rakor::scheduling::v1::WorkingHours& patch, const google::protobuf::FieldMask& mask,
      const std::string& actor);

  struct Imported {
    int added = 0;
    int already_known = 0;
  };
  absl::StatusOr<Imported> ImportDaysOff(const std::string& region, const std::string& ics,
                                         const std::string& source, const std::string& actor);
  struct DaysOffBetween {
    std::string zone;
    std::vector<DayOff> days;
  };
  // `region`'s days off from `first` to `last` (dates as 2026-12-01), both included.
  absl::StatusOr<DaysOffBetween> ListDaysOff(const std::string& region, const std::string& first,
                                             const std::string& last) const;

 private:
  Scheduling(std::unique_ptr<storage::Database> db, const Clock* clock, RegionDirectory* directory)
      : db_(std::move(db)), clock_(clock), directory_(directory) {}

  absl::Status Validate(const std::string& region, Series& series);
  // The chair and every unit the invitees name exist at `as_of`; the region's units.
  absl::StatusOr<std::vector<DirectoryUnit>> CheckUnits(const std::string& region,
                                                        const Series& series, absl::Time as_of);
  // The overlaps, for the chair and required invitees of `series`, of `meetings`
  // with the other meetings of its region (not `skip`, an occurrence or series),
  // and those outside working time; `units`: the region's.
  std::vector<rakor::scheduling::v1::Conflict> ConflictsOf(
      const Series& series, absl::TimeZone zone, const std::vector<Interval>& meetings,
      const std::string& skip, const std::vector<DirectoryUnit>& units) const
      ABSL_LOCKS_EXCLUDED(mu_);
  // `occurrence` with its invitations as of its start, each with its answer.
  absl::Status FillInvitations(rakor::scheduling::v1::Occurrence& occurrence);
  // Calls `visit` with each occurrence of `region`'s series ("" for every region)
  // held in [from, to) (at most `per_series` of each), its name and its record if
  // any, series by series.
  using HeldVisitor =
      std::function<void(const Series&, absl::TimeZone, const HeldOccurrence&,
                         const std::string& name, const rakor::scheduling::v1::Occurrence*)>;
  absl::Status ForEachHeldLocked(const std::string& region, absl::Time from, absl::Time to,
                                 size_t per_series, const HeldVisitor& visit) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // The occurrences of `region`'s series held in [from, to) with what was recorded
  // of them, in no particular order.
  absl::StatusOr<std::vector<rakor::scheduling::v1::Occurrence>> ExpandLocked(
      const std::string& region, absl::Time from, absl::Time to, size_t per_series) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // The occurrence `name` as listed (it must be one of its series').
  absl::StatusOr<rakor::scheduling::v1::Occurrence> FindOccurrence(const std::string& name) const
      ABSL_LOCKS_EXCLUDED(mu_);
  // Commits `record` (an occurrence's status, attendance and minutes) with its change.
  absl::Status SaveRecord(const rakor::scheduling::v1::Occurrence& record, const std::string& actor)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // The stored series `name` and its zone.
  absl::StatusOr<std::pair<Series, absl::TimeZone>> SeriesAndZone(const std::string& name) const
      ABSL_LOCKS_EXCLUDED(mu_);

  std::unique_ptr<storage::Database> db_;
  const Clock* clock_;
  RegionDirectory* directory_;
  absl::Mutex write_mu_;  // one write at a time; held while the state changes too
  absl::BitGen bitgen_ ABSL_GUARDED_BY(write_mu_);  // check-in codes
  mutable absl::Mutex mu_;
  std::map<std::string, Series> series_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, WorkingCalendar> calendars_ ABSL_GUARDED_BY(mu_);  // by region
  // What was recorded of occurrences, by occurrence name.
  std::map<std::string, rakor::scheduling::v1::Occurrence> records_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, rakor::scheduling::v1::ComplianceRule> rules_ ABSL_GUARDED_BY(mu_);
  mutable ExpansionCache expansions_;  // by series name
  // Regions' working hours as set, by region.
  std::map<std::string, rakor::scheduling::v1::WorkingHours> hours_ ABSL_GUARDED_BY(mu_);
  // `region`'s days off (weekends only if none were imported).
  const WorkingCalendar& CalendarLocked(const std::string& region) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // The hours `region` works (the defaults if not set).
  WorkingHours HoursLocked(const std::string& region) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
};

}  // namespace rakor::scheduling
