#include "services/scheduling/working_days.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "libical/ical.h"

namespace rakor::scheduling {
namespace {

constexpr absl::string_view kDomain = "scheduling.rakor";
constexpr int kSearchDays = 366;

}  // namespace

std::string WorkingCalendar::WhyNotWorking(absl::CivilDay day) const {
  if (auto it = days_off_.find(day); it != days_off_.end()) return it->second;
  return weekend_.contains(absl::GetWeekday(day)) ? "weekend" : "";
}

std::vector<DayOff> WorkingCalendar::DaysOff(absl::CivilDay first, absl::CivilDay last) const {
  std::vector<DayOff> out;
  for (auto it = days_off_.lower_bound(first); it != days_off_.end() && it->first <= last; ++it) {
    out.push_back({it->first, it->second});
  }
  return out;
}

std::optional<absl::CivilDay> WorkingCalendar::Adjust(absl::CivilDay day,
                                                      DayOffPolicy policy) const {
  if (IsWorkingDay(day) || policy == DayOffPolicy::kKeep) return day;
  if (policy == DayOffPolicy::kSkip) return std::nullopt;
  const int step = policy == DayOffPolicy::kNextWorkingDay ? 1 : -1;
  for (int i = 1; i <= kSearchDays; ++i) {
    if (IsWorkingDay(day + i * step)) return day + i * step;
  }
  return std::nullopt;
}

absl::StatusOr<std::vector<DayOff>> ParseHolidayCalendar(absl::string_view field,
                                                         absl::string_view ics) {
  icalerror_set_errors_are_fatal(0);
  std::unique_ptr<icalcomponent, void (*)(icalcomponent*)> calendar(
      icalparser_parse_string(std::string(ics).c_str()), icalcomponent_free);
  if (calendar == nullptr || icalcomponent_isa(calendar.get()) != ICAL_VCALENDAR_COMPONENT) {
    return rakor::errors::InvalidField(kDomain, field, "is not an iCalendar (RFC 5545) file");
  }
  std::vector<DayOff> days;
  for (icalcomponent* event =
           icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
       event != nullptr;
       event = icalcomponent_get_next_component(calendar.get(), ICAL_VEVENT_COMPONENT)) {
    const char* summary = icalcomponent_get_summary(event);
    const std::string name = summary != nullptr ? summary : "";
    const icaltimetype start = icalcomponent_get_dtstart(event);
    if (icaltime_is_null_time(start) || icaltime_is_valid_time(start) == 0) {
      return rakor::errors::InvalidField(
          kDomain, field, absl::StrCat("the event \"", name.substr(0, 64), "\" has no DTSTART"));
    }
    const absl::CivilDay first(start.year, start.month, start.day);
    icaltimetype end = icalcomponent_get_dtend(event);
    absl::CivilDay last = first;  // inclusive
    if (!icaltime_is_null_time(end)) {
      last = absl::CivilDay(end.year, end.month, end.day) - (end.is_date ? 1 : 0);
    }
    if (last < first) last = first;
    if (last - first > kSearchDays) {
      return rakor::errors::InvalidField(
          kDomain, field, absl::StrCat("the event \"", name.substr(0, 64), "\" lasts over a year"));
    }
    for (absl::CivilDay d = first; d <= last; ++d) days.push_back({d, name});
  }
  return days;
}

}  // namespace rakor::scheduling
