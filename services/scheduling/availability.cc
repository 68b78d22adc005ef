#include "services/scheduling/availability.h"

#include "absl/strings/str_format.h"

namespace rakor::scheduling {
namespace {

constexpr int kGridMinutes = 30;

std::string Clock(int minutes) { return absl::StrFormat("%02d:%02d", minutes / 60, minutes % 60); }

}  // namespace

OutsideWorkingTime CheckWorkingTime(const Interval& meeting, absl::TimeZone zone,
                                    const WorkingCalendar& calendar, const WorkingHours& hours) {
  const absl::CivilMinute start = absl::ToCivilMinute(meeting.start, zone);
  const absl::CivilDay day(start);
  if (!calendar.IsWorkingDay(day)) return {true, "day off: " + calendar.WhyNotWorking(day)};
  // Minutes after that day's midnight (past 24 * 60 if the meeting ends after it).
  const int from = static_cast<int>(start - absl::CivilMinute(day));
  const int to = static_cast<int>(absl::ToCivilMinute(meeting.end, zone) - absl::CivilMinute(day));
  if (from < hours.start || to > hours.end) {
    return {false, absl::StrFormat("outside working hours %s-%s", Clock(hours.start),
                                   Clock(hours.end))};
  }
  if (absl::GetWeekday(day) == absl::Weekday::friday && from < hours.friday_break_end &&
      hours.friday_break_start < to) {
    return {false, absl::StrFormat("during Friday prayer %s-%s", Clock(hours.friday_break_start),
                                   Clock(hours.friday_break_end))};
  }
  return {};
}

std::vector<Interval> FreeSlots(const std::vector<Interval>& busy, absl::Duration duration,
                                absl::Time earliest, int max_slots, int search_days,
                                absl::TimeZone zone, const WorkingCalendar& calendar,
                                const WorkingHours& hours) {
  std::vector<Interval> slots;
  absl::CivilDay day(absl::ToCivilDay(earliest, zone));
  for (int looked = 0; looked < search_days && static_cast<int>(slots.size()) < max_slots;
       ++day) {
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
