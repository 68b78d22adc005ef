// A region's working days: weekends, national holidays, cuti bersama (the joint
// leave days fixed each year) and its own regional days off, and what a series
// does with an occurrence that falls on a day off (move it to the next or the
// previous working day, keep it, or skip it). Holidays come from iCalendar files,
// the form public holiday calendars are published in.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace rakor::scheduling {

enum class DayOffPolicy { kKeep, kNextWorkingDay, kPreviousWorkingDay, kSkip };

struct DayOff {
  absl::CivilDay day;
  std::string name;  // "Hari Lahir Pancasila", "Cuti Bersama Idul Fitri", ...
};

class WorkingCalendar {
 public:
  explicit WorkingCalendar(std::set<absl::Weekday> weekend = {absl::Weekday::saturday,
                                                              absl::Weekday::sunday})
      : weekend_(std::move(weekend)) {}

  void Add(const DayOff& day_off) { days_off_[day_off.day] = day_off.name; }

  bool IsWorkingDay(absl::CivilDay day) const {
    return !weekend_.contains(absl::GetWeekday(day)) && !days_off_.contains(day);
  }
  // Why `day` is not a working day ("" if it is one): the day off's name or "weekend".
  std::string WhyNotWorking(absl::CivilDay day) const;

  // The day a meeting due on `day` is held under `policy`; none if it is skipped.
  // At most a year away: a calendar with no working day says so by skipping.
  std::optional<absl::CivilDay> Adjust(absl::CivilDay day, DayOffPolicy policy) const;

  // The days off from `first` to `last`, both included, in order.
  std::vector<DayOff> DaysOff(absl::CivilDay first, absl::CivilDay last) const;

 private:
  std::set<absl::Weekday> weekend_;
  std::map<absl::CivilDay, std::string> days_off_;
};

// The days off an iCalendar file lists: each VEVENT's all-day dates, from DTSTART
// up to but not including DTEND (one day if there is no DTEND), named by SUMMARY.
// INVALID_ARGUMENT naming `field` if the file is not iCalendar or an event has no
// date.
absl::StatusOr<std::vector<DayOff>> ParseHolidayCalendar(absl::string_view field,
                                                         absl::string_view ics);

}  // namespace rakor::scheduling
