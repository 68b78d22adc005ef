// Recurrence, working days and occurrences of periodic coordination meetings:
// RFC 5545 rules expanded by libical in the region's zone, days off from an
// iCalendar file, and what a series does with an occurrence on a day off.
#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/scheduling/occurrences.h"
#include "tests/support/status_matchers.h"

namespace rakor::scheduling {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

absl::TimeZone Zone(const char* name) {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone(name, &zone)) << name;
  return zone;
}

std::vector<absl::CivilDay> Days(const std::vector<absl::CivilSecond>& starts) {
  return {starts.begin(), starts.end()};
}

std::vector<absl::CivilDay> ExpandDays(const std::string& rrule, absl::CivilSecond start,
                                       absl::CivilSecond to) {
  auto starts = Expand({start, rrule, {}, {}}, start, to, 100);
  EXPECT_THAT(starts, IsOk());
  return starts.ok() ? Days(*starts) : std::vector<absl::CivilDay>{};
}

WorkingCalendar FixtureCalendar() {
  std::ifstream in(std::string(RAKOR_SOURCE_DIR) + "/tests/data/holidays-fixture.ics");
  std::stringstream text;
  text << in.rdbuf();
  auto days = ParseHolidayCalendar("calendar", text.str());
  EXPECT_THAT(days, IsOk());
  WorkingCalendar calendar;
  if (days.ok()) {
    for (const DayOff& d : *days) calendar.Add(d);
  }
  return calendar;
}

TEST(Recurrence, TheFirstMondayAt0900WitaIs0100Z) {
  // Soppeng is in Asia/Makassar (WITA, UTC+8).
  const Recurrence monthly{
      absl::CivilSecond(2026, 1, 5, 9, 0, 0), "FREQ=MONTHLY;BYDAY=1MO", {}, {}};
  auto held = Occurrences(monthly, Zone("Asia/Makassar"), WorkingCalendar(), DayOffPolicy::kKeep,
                          absl::FromCivil(absl::CivilDay(2026, 1, 1), absl::UTCTimeZone()),
                          absl::FromCivil(absl::CivilDay(2026, 4, 1), absl::UTCTimeZone()), 10);
  ASSERT_THAT(held, IsOk());
  std::vector<std::string> utc;
  for (const HeldOccurrence& o : *held)
    utc.push_back(absl::FormatTime("%Y-%m-%dT%H:%MZ", o.start, absl::UTCTimeZone()));
  EXPECT_THAT(utc, ElementsAre("2026-01-05T01:00Z", "2026-02-02T01:00Z", "2026-03-02T01:00Z"));
}

TEST(Recurrence, TheLastDayAndThe31stOfTheMonth) {
  const absl::CivilSecond jan(2028, 1, 31, 9, 0, 0);
  EXPECT_THAT(ExpandDays("FREQ=MONTHLY;BYMONTHDAY=-1", jan, absl::CivilSecond(2028, 5, 1)),
              ElementsAre(absl::CivilDay(2028, 1, 31), absl::CivilDay(2028, 2, 29),
                          absl::CivilDay(2028, 3, 31), absl::CivilDay(2028, 4, 30)));
  // RFC 5545: a month without a 31st has no occurrence, rather than a moved one.
  EXPECT_THAT(ExpandDays("FREQ=MONTHLY;BYMONTHDAY=31", jan, absl::CivilSecond(2028, 6, 1)),
              ElementsAre(absl::CivilDay(2028, 1, 31), absl::CivilDay(2028, 3, 31),
                          absl::CivilDay(2028, 5, 31)));
}

TEST(Recurrence, TheLastWeekdayOfTheMonth) {
  EXPECT_THAT(ExpandDays("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
                         absl::CivilSecond(2026, 1, 30, 13, 0, 0), absl::CivilSecond(2026, 6, 1)),
              ElementsAre(absl::CivilDay(2026, 1, 30), absl::CivilDay(2026, 2, 27),
                          absl::CivilDay(2026, 3, 31), absl::CivilDay(2026, 4, 30),
                          absl::CivilDay(2026, 5, 29)));
}

TEST(Recurrence, ExdatesTakeOutAndRdatesAdd) {
  const Recurrence r{absl::CivilSecond(2026, 1, 5, 9, 0, 0),
                     "FREQ=MONTHLY;BYDAY=1MO",
                     {absl::CivilSecond(2026, 2, 2, 9, 0, 0)},
                     {absl::CivilSecond(2026, 2, 10, 14, 0, 0)}};
  auto starts = Expand(r, r.start, absl::CivilSecond(2026, 3, 31), 10);
  ASSERT_THAT(starts, IsOk());
  EXPECT_THAT(*starts, ElementsAre(absl::CivilSecond(2026, 1, 5, 9, 0, 0),
                                   absl::CivilSecond(2026, 2, 10, 14, 0, 0),
                                   absl::CivilSecond(2026, 3, 2, 9, 0, 0)));
}

TEST(Recurrence, AnEndlessSeriesIsListedARangeAtATime) {
  const Recurrence weekly{absl::CivilSecond(2020, 1, 6, 8, 0, 0), "FREQ=WEEKLY;BYDAY=MO", {}, {}};
  auto starts = Expand(weekly, absl::CivilSecond(2036, 1, 1), absl::CivilSecond(2036, 2, 1), 3);
  ASSERT_THAT(starts, IsOk());
  EXPECT_THAT(Days(*starts), ElementsAre(absl::CivilDay(2036, 1, 7), absl::CivilDay(2036, 1, 14),
                                         absl::CivilDay(2036, 1, 21)));
}

TEST(Recurrence, AMalformedRuleIsRefusedNamingTheField) {
  for (const char* bad : {"FREQ=SOMETIMES", "BYDAY=MO", "FREQ=MONTHLY;BYDAY=XX", "nonsense"}) {
    EXPECT_THAT(ValidateRrule("series.rrule", bad),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("series.rrule")))
        << bad;
  }
  EXPECT_THAT(ValidateRrule("series.rrule", "FREQ=MONTHLY;BYDAY=1MO;COUNT=12"), IsOk());
}

TEST(WorkingDays, AHolidayCalendarIsReadFromICalendar) {
  std::ifstream in(std::string(RAKOR_SOURCE_DIR) + "/tests/data/holidays-fixture.ics");
  std::stringstream text;
  text << in.rdbuf();
  auto days = ParseHolidayCalendar("calendar", text.str());
  ASSERT_THAT(days, IsOk());
  ASSERT_EQ(days->size(), 4u);  // one day, one day, and two days of cuti bersama
  EXPECT_EQ((*days)[0].day, absl::CivilDay(2026, 6, 1));
  EXPECT_EQ((*days)[0].name, "Hari Lahir Pancasila");
  EXPECT_EQ((*days)[3].day, absl::CivilDay(2026, 7, 8));
  EXPECT_THAT(ParseHolidayCalendar("calendar", "not a calendar"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("calendar")));
}

TEST(WorkingDays, AHolidayOnTheFirstMondayMovesItToTuesday) {
  const WorkingCalendar calendar = FixtureCalendar();
  const Recurrence monthly{
      absl::CivilSecond(2026, 1, 5, 9, 0, 0), "FREQ=MONTHLY;BYDAY=1MO", {}, {}};
  const absl::TimeZone wib = Zone("Asia/Jakarta");
  auto held = Occurrences(monthly, wib, calendar, DayOffPolicy::kNextWorkingDay,
                          absl::FromCivil(absl::CivilDay(2026, 6, 1), wib),
                          absl::FromCivil(absl::CivilDay(2026, 7, 1), wib), 10);
  ASSERT_THAT(held, IsOk());
  ASSERT_EQ(held->size(), 1u);
  EXPECT_EQ(absl::ToCivilSecond((*held)[0].start, wib), absl::CivilSecond(2026, 6, 2, 9, 0, 0));
  EXPECT_EQ((*held)[0].original, absl::CivilSecond(2026, 6, 1, 9, 0, 0));  // its identity
  EXPECT_EQ((*held)[0].moved_from_day_off, "Hari Lahir Pancasila");
}

TEST(WorkingDays, CutiBersamaNextToAHolidayMovesTheMeetingPastBoth) {
  const WorkingCalendar calendar = FixtureCalendar();
  // Monday 6 July 2026 is a holiday, Tuesday and Wednesday cuti bersama.
  EXPECT_EQ(calendar.Adjust(absl::CivilDay(2026, 7, 6), DayOffPolicy::kNextWorkingDay),
            absl::CivilDay(2026, 7, 9));
  EXPECT_EQ(calendar.Adjust(absl::CivilDay(2026, 7, 8), DayOffPolicy::kPreviousWorkingDay),
            absl::CivilDay(2026, 7, 3));  // back over the weekend to Friday
  EXPECT_EQ(calendar.Adjust(absl::CivilDay(2026, 7, 7), DayOffPolicy::kKeep),
            absl::CivilDay(2026, 7, 7));
  EXPECT_EQ(calendar.Adjust(absl::CivilDay(2026, 7, 7), DayOffPolicy::kSkip), std::nullopt);
  EXPECT_EQ(calendar.Adjust(absl::CivilDay(2026, 7, 10), DayOffPolicy::kSkip),
            absl::CivilDay(2026, 7, 10));  // a working day stays
  EXPECT_EQ(calendar.WhyNotWorking(absl::CivilDay(2026, 7, 7)), "Fixture cuti bersama");
  EXPECT_EQ(calendar.WhyNotWorking(absl::CivilDay(2026, 7, 11)), "weekend");
}

TEST(WorkingDays, ASkippedOccurrenceIsNotListed) {
  const WorkingCalendar calendar = FixtureCalendar();
  const Recurrence monthly{
      absl::CivilSecond(2026, 1, 5, 9, 0, 0), "FREQ=MONTHLY;BYDAY=1MO", {}, {}};
  const absl::TimeZone wib = Zone("Asia/Jakarta");
  auto held = Occurrences(monthly, wib, calendar, DayOffPolicy::kSkip,
                          absl::FromCivil(absl::CivilDay(2026, 5, 1), wib),
                          absl::FromCivil(absl::CivilDay(2026, 8, 1), wib), 10);
  ASSERT_THAT(held, IsOk());
  std::vector<absl::CivilDay> days;
  for (const HeldOccurrence& o : *held)
    days.push_back(absl::CivilDay(absl::ToCivilSecond(o.start, wib)));
  EXPECT_THAT(days, ElementsAre(absl::CivilDay(2026, 5, 4)));  // 1 June and 6 July skipped
}

}  // namespace
}  // namespace rakor::scheduling
