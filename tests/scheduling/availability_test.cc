// Working time and find-a-time: 07:30-16:00 local on working days, Friday's midday
// prayer kept free, slots on a 30-minute grid around the meetings already set.
#include "services/scheduling/availability.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rakor::scheduling {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

absl::TimeZone Makassar() {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("Asia/Makassar", &zone));
  return zone;
}

absl::Time Wita(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), Makassar());
}

Interval Meeting(absl::Time start, absl::Duration length) { return {start, start + length}; }

std::vector<std::string> Shown(const std::vector<Interval>& slots) {
  std::vector<std::string> out;
  for (const Interval& s : slots) {
    out.push_back(absl::FormatTime("%a %Y-%m-%d %H:%M", s.start, Makassar()));
  }
  return out;
}

WorkingCalendar WithHoliday(absl::CivilDay day) {
  WorkingCalendar calendar;
  calendar.Add({day, "Hari Lahir Pancasila"});
  return calendar;
}

// 2026-06-01 is a Monday (Hari Lahir Pancasila), 2026-06-05 a Friday.
TEST(WorkingTime, AMeetingWithinHoursOnAWorkingDayIsFine) {
  EXPECT_EQ(CheckWorkingTime(Meeting(Wita(2026, 6, 2, 9, 0), absl::Hours(2)), Makassar(),
                             WorkingCalendar(), WorkingHours{})
                .why,
            "");
  EXPECT_EQ(CheckWorkingTime(Meeting(Wita(2026, 6, 2, 7, 30), absl::Minutes(510)), Makassar(),
                             WorkingCalendar(), WorkingHours{})
                .why,
            "");  // the whole working day, 07:30-16:00
}

TEST(WorkingTime, BeforeOrAfterHoursIsOutside) {
  EXPECT_THAT(CheckWorkingTime(Meeting(Wita(2026, 6, 2, 7, 0), absl::Hours(1)), Makassar(),
                               WorkingCalendar(), WorkingHours{})
                  .why,
              HasSubstr("outside working hours 07:30-16:00"));
  EXPECT_THAT(CheckWorkingTime(Meeting(Wita(2026, 6, 2, 15, 30), absl::Hours(1)), Makassar(),
                               WorkingCalendar(), WorkingHours{})
                  .why,
              HasSubstr("outside working hours"));
}

TEST(WorkingTime, FridayPrayerIsKeptFree) {
  EXPECT_THAT(CheckWorkingTime(Meeting(Wita(2026, 6, 5, 11, 0), absl::Hours(1)), Makassar(),
                               WorkingCalendar(), WorkingHours{})
                  .why,
              HasSubstr("Friday prayer 11:30-13:00"));
  EXPECT_EQ(CheckWorkingTime(Meeting(Wita(2026, 6, 5, 10, 30), absl::Hours(1)), Makassar(),
                             WorkingCalendar(), WorkingHours{})
                .why,
            "");
  // Another weekday keeps its midday.
  EXPECT_EQ(CheckWorkingTime(Meeting(Wita(2026, 6, 4, 11, 0), absl::Hours(1)), Makassar(),
                             WorkingCalendar(), WorkingHours{})
                .why,
            "");
}

TEST(WorkingTime, AHolidayOrAWeekendIsADayOff) {
  const OutsideWorkingTime holiday =
      CheckWorkingTime(Meeting(Wita(2026, 6, 1, 9, 0), absl::Hours(1)), Makassar(),
                       WithHoliday(absl::CivilDay(2026, 6, 1)), WorkingHours{});
  EXPECT_TRUE(holiday.day_off);
  EXPECT_THAT(holiday.why, HasSubstr("Hari Lahir Pancasila"));
  EXPECT_TRUE(CheckWorkingTime(Meeting(Wita(2026, 6, 6, 9, 0), absl::Hours(1)), Makassar(),
                               WorkingCalendar(), WorkingHours{})
                  .day_off);
}

TEST(FreeSlots, TheFirstSlotsAfterTheBusyOnes) {
  const std::vector<Interval> busy = {Meeting(Wita(2026, 6, 2, 7, 30), absl::Hours(3))};
  EXPECT_THAT(Shown(FreeSlots(busy, absl::Hours(1), Wita(2026, 6, 2, 0, 0), 3, 10, Makassar(),
                              WorkingCalendar(), WorkingHours{})),
              ElementsAre("Tue 2026-06-02 10:30", "Tue 2026-06-02 11:00", "Tue 2026-06-02 11:30"));
}

TEST(FreeSlots, SkipDaysOffFridayPrayerAndTheEndOfTheDay) {
  // From Friday 09:00, with the morning taken until 10:00: 10:00 and 10:30 end by
  // the prayer, the next starts at 13:00; the last slot of a day ends at 16:00; then
  // the weekend and Monday's holiday are skipped.
  const std::vector<Interval> busy = {Meeting(Wita(2026, 5, 29, 9, 0), absl::Hours(1))};
  const auto slots = FreeSlots(busy, absl::Hours(1), Wita(2026, 5, 29, 9, 0), 12, 10, Makassar(),
                               WithHoliday(absl::CivilDay(2026, 6, 1)), WorkingHours{});
  EXPECT_THAT(Shown(slots),
              ElementsAre("Fri 2026-05-29 10:00", "Fri 2026-05-29 10:30", "Fri 2026-05-29 13:00",
                          "Fri 2026-05-29 13:30", "Fri 2026-05-29 14:00", "Fri 2026-05-29 14:30",
                          "Fri 2026-05-29 15:00", "Tue 2026-06-02 07:30", "Tue 2026-06-02 08:00",
                          "Tue 2026-06-02 08:30", "Tue 2026-06-02 09:00", "Tue 2026-06-02 09:30"));
}

TEST(FreeSlots, NoneWhenEveryDayIsTaken) {
  std::vector<Interval> busy;
  for (int d = 1; d <= 30; ++d) busy.push_back(Meeting(Wita(2026, 6, d, 0, 0), absl::Hours(24)));
  EXPECT_THAT(FreeSlots(busy, absl::Hours(1), Wita(2026, 6, 1, 0, 0), 3, 10, Makassar(),
                        WorkingCalendar(), WorkingHours{}),
              IsEmpty());
}

}  // namespace
}  // namespace rakor::scheduling
