// When a region works, and when the people a meeting needs are free: working hours
// (default 07:30-16:00 local, Friday's midday prayer kept free) on working days,
// for conflicts and find-a-time.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/scheduling/working_days.h"

namespace rakor::scheduling {

// Minutes after local midnight.
struct WorkingHours {
  int start = 7 * 60 + 30;
  int end = 16 * 60;
  // Sholat Jumat: no meeting is set across it on a Friday.
  int friday_break_start = 11 * 60 + 30;
  int friday_break_end = 13 * 60;
};

// "07:30" -> 450; INVALID_ARGUMENT naming `field` if not a time of day HH:MM.
absl::StatusOr<int> ParseClock(absl::string_view field, absl::string_view text);
std::string FormatClock(int minutes);
// The hours are a day's span with the Friday break inside it (an empty break:
// start equal to end); INVALID_ARGUMENT naming the field that is not.
absl::Status ValidateWorkingHours(const WorkingHours& hours);

struct Interval {
  absl::Time start;
  absl::Time end;
  bool Overlaps(const Interval& other) const { return start < other.end && other.start < end; }
};

// Why [start, end) is not within working time in `zone` ("" if it is): a day off
// ("day off: Hari Raya Idul Fitri") or the hours ("outside working hours
// 07:30-16:00", "during Friday prayer").
struct OutsideWorkingTime {
  bool day_off = false;
  std::string why;
};
OutsideWorkingTime CheckWorkingTime(const Interval& meeting, absl::TimeZone zone,
                                    const WorkingCalendar& calendar, const WorkingHours& hours);

// The first `max_slots` meetings of `duration` starting at or after `earliest`,
// on a 30-minute grid, within working time on the next `search_days` working days,
// that overlap nothing in `busy`.
std::vector<Interval> FreeSlots(const std::vector<Interval>& busy, absl::Duration duration,
                                absl::Time earliest, int max_slots, int search_days,
                                absl::TimeZone zone, const WorkingCalendar& calendar,
                                const WorkingHours& hours);

}  // namespace rakor::scheduling
