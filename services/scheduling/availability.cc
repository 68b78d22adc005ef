#include "services/scheduling/availability.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "services/scheduling/errors.h"

namespace rakor::scheduling {
namespace {

constexpr int kGridMinutes = 30;

}  // namespace

std::string FormatClock(int minutes) {
  return absl::StrFormat("%02d:%02d", minutes / 60, minutes % 60);
}

absl::StatusOr<int> ParseClock(absl::string_view field, absl::string_view text) {
  int h = 0, m = 0;
  if (text.size() != 5 || text[2] != ':' || !absl::SimpleAtoi(text.substr(0, 2), &h) ||
      !absl::SimpleAtoi(text.substr(3, 2), &m) || h > 23 || m > 59 || h < 0 || m < 0) {
    return errors::InvalidField(field, "must be a time of day, as 07:30");
  }
  return h * 60 + m;
}

absl::Status ValidateWorkingHours(const WorkingHours& hours) {
  if (hours.end <= hours.start) {
    return errors::InvalidField("working_hours.end", "must be after working_hours.start");
  }
  if (hours.friday_break_end < hours.friday_break_start) {
    return errors::InvalidField("working_hours.friday_break_end",
                                "must not be before working_hours.friday_break_start");
  }
  const bool no_break = hours.friday_break_start == hours.friday_break_end;
  if (!no_break && (hours.friday_break_start < hours.start || hours.friday_break_end > hours.end)) {
    return errors::InvalidField("working_hours.friday_break_start",
                                "the break must lie within the working hours");
  }
  return absl::OkStatus();
}

OutsideWorkingTime CheckWorkingTime(const Interval& meeting, absl::TimeZone zone,
                                    const WorkingCalendar& calendar, const WorkingHours& hours) {
  const absl::CivilMinute start = absl::ToCivilMinute(meeting.start, zone);
  const absl::CivilDay day(start);
  if (!calendar.IsWorkingDay(day)) return {true, "day off: " + calendar.WhyNotWorking(day)};
  // Minutes after that day's midnight (past 24 * 60 if the meeting ends after it).
  const int from = static_cast<int>(start - absl::CivilMinute(day));
  // Rounded up: a meeting ending at 16:00:30 ends after 16:00.
  const absl::Duration until_end = meeting.end - absl::FromCivil(absl::CivilMinute(day), zone);
  const int to = static_cast<int>(absl::Ceil(until_end, absl::Minutes(1)) / absl::Minutes(1));
  if (from < hours.start || to > hours.end) {
    return {false, absl::StrFormat("outside working hours %s-%s", FormatClock(hours.start),
                                   FormatClock(hours.end))};
  }
  if (absl::GetWeekday(day) == absl::Weekday::friday &&
      hours.friday_break_start < hours.friday_break_end && from < hours.friday_break_end &&
      hours.friday_break_start < to) {
    return {false,
            absl::StrFormat("during Friday prayer %s-%s", FormatClock(hours.friday_break_start),
                            FormatClock(hours.friday_break_end))};
  }
  return {};
}

std::vector<Interval> FreeSlots(const std::vector<Interval>& busy, absl::Duration duration,
                                absl::Time earliest, int max_slots, int search_days,
                                absl::TimeZone zone, const WorkingCalendar& calendar,
                                const WorkingHours& hours) {
  std::vector<Interval> slots;
  absl::CivilDay day(absl::ToCivilDay(earliest, zone));
  for (int looked = 0; looked < search_days && static_cast<int>(slots.size()) < max_slots; ++day) {
    if (!calendar.IsWorkingDay(day)) continue;
    ++looked;
    for (int minute = hours.start; static_cast<int>(slots.size()) < max_slots;
         minute += kGridMinutes) {
      const Interval slot{absl::FromCivil(absl::CivilMinute(day) + minute, zone),
                          absl::FromCivil(absl::CivilMinute(day) + minute, zone) + duration};
      if (slot.end > absl::FromCivil(absl::CivilMinute(day) + hours.end, zone)) break;
      if (slot.start < earliest) continue;
      if (!CheckWorkingTime(slot, zone, calendar, hours).why.empty()) continue;
      bool free = true;
      for (const Interval& b : busy) free = free && !slot.Overlaps(b);
      if (free) slots.push_back(slot);
    }
  }
  return slots;
}

}  // namespace rakor::scheduling
