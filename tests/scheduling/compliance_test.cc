// Compliance judged period by period in the region's zone, on evidence.
#include "services/scheduling/compliance.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/proto_matchers.h"

namespace rakor::scheduling {
namespace {

namespace v1 = rakor::scheduling::v1;
using ::testing::ElementsAre;

absl::TimeZone Wib() {
  absl::TimeZone zone;
  absl::LoadTimeZone("Asia/Jakarta", &zone);
  return zone;
}

const v1::ComplianceRule kMonthly = rakor::testing::ParseTextProto<v1::ComplianceRule>(R"pb(
  name: "regions/temanggung/complianceRules/rakor"
  citation: "Temanggung Pasal 18"
  min_count: 1
  form: RAPAT_KOORDINASI
  chair: "regions/temanggung/units/bupati"
  period: MONTH
)pb");

CountedMeeting Meeting(const std::string& name, absl::CivilSecond local, bool held, bool minutes) {
  return {name,
          absl::FromCivil(local, Wib()),
          v1::RAPAT_KOORDINASI,
          "regions/temanggung/units/bupati",
          held,
          minutes};
}

std::vector<v1::ComplianceStatus> Statuses(const std::vector<v1::PeriodCompliance>& periods) {
  std::vector<v1::ComplianceStatus> out;
  for (const auto& p : periods) out.push_back(p.status());
  return out;
}

TEST(Compliance, MonthsAreTheRegionsNotUtcs) {
  // 23:30 WIB on 31 January is January's; 01:00 WIB on 1 March (still 28 February
  // in UTC) is March's.
  const std::vector<CountedMeeting> meetings = {
      Meeting("jan", absl::CivilSecond(2026, 1, 31, 23, 30, 0), true, true),
      Meeting("mar", absl::CivilSecond(2026, 3, 1, 1, 0, 0), true, true)};
  const auto periods =
      Evaluate(kMonthly, Wib(), absl::CivilMonth(2026, 1), absl::CivilMonth(2026, 3), meetings,
               absl::FromCivil(absl::CivilDay(2026, 6, 1), Wib()));
  ASSERT_EQ(periods.size(), 3u);
  EXPECT_THAT(periods[0].occurrences(), ElementsAre("jan"));
  EXPECT_TRUE(periods[1].occurrences().empty());
  EXPECT_THAT(periods[2].occurrences(), ElementsAre("mar"));
  EXPECT_THAT(Statuses(periods), ElementsAre(v1::MET, v1::MISSED, v1::MET));
  EXPECT_EQ(periods[1].period(), "2026-02");
}

TEST(Compliance, EachStatusOnItsEvidence) {
  const absl::Time now = absl::FromCivil(absl::CivilSecond(2026, 4, 10, 12, 0, 0), Wib());
  const std::vector<CountedMeeting> meetings = {
      Meeting("jan", absl::CivilSecond(2026, 1, 5, 9, 0, 0), true, true),      // minutes accepted
      Meeting("feb", absl::CivilSecond(2026, 2, 2, 9, 0, 0), true, false),     // minutes pending
      Meeting("mar", absl::CivilSecond(2026, 3, 2, 9, 0, 0), false, false),    // not held
      Meeting("apr", absl::CivilSecond(2026, 4, 20, 9, 0, 0), false, false)};  // still to come
  EXPECT_THAT(
      Statuses(Evaluate(kMonthly, Wib(), absl::CivilMonth(2026, 1), absl::CivilMonth(2026, 5),
                        meetings, now)),
      ElementsAre(v1::MET, v1::HELD_MINUTES_PENDING, v1::MISSED, v1::AT_RISK, v1::NOT_YET_DUE));
}

TEST(Compliance, APeriodUnderWayIsAtRiskUntilItEndsUnmet) {
  // November's meeting passed without being held, and nothing else is scheduled.
  const std::vector<CountedMeeting> meetings = {
      Meeting("nov", absl::CivilSecond(2026, 11, 2, 9, 0, 0), false, false)};
  auto status_at = [&](absl::CivilSecond when) {
    return Evaluate(kMonthly, Wib(), absl::CivilMonth(2026, 11), absl::CivilMonth(2026, 11),
                    meetings, absl::FromCivil(when, Wib()))[0]
        .status();
  };
  EXPECT_EQ(status_at(absl::CivilSecond(2026, 11, 30, 23, 59, 0)), v1::AT_RISK);
  EXPECT_EQ(status_at(absl::CivilSecond(2026, 12, 1, 0, 0, 0)), v1::MISSED);
}

TEST(Compliance, BeforeTheRecordsBeginAnEmptyPeriodIsNotTrackedButEvidenceStillCounts) {
  // rakor took over Temanggung's meetings on 16 February: January's meeting was
  // brought along; February began before that day, March after it.
  v1::ComplianceRule rule = kMonthly;
  rule.set_start_date("2026-02-16");
  const std::vector<CountedMeeting> meetings = {
      Meeting("jan", absl::CivilSecond(2026, 1, 5, 9, 0, 0), true, true)};
  EXPECT_THAT(Statuses(Evaluate(rule, Wib(), absl::CivilMonth(2025, 12), absl::CivilMonth(2026, 4),
                                meetings, absl::FromCivil(absl::CivilDay(2026, 4, 10), Wib()))),
              ElementsAre(v1::NOT_TRACKED, v1::MET, v1::NOT_TRACKED, v1::MISSED, v1::AT_RISK));
  // While the first, partial month is under way it is not at risk either: no alert
  // for a month rakor saw only the end of.
  EXPECT_THAT(Statuses(Evaluate(rule, Wib(), absl::CivilMonth(2026, 2), absl::CivilMonth(2026, 2),
                                {}, absl::FromCivil(absl::CivilDay(2026, 2, 25), Wib()))),
              ElementsAre(v1::NOT_TRACKED));
}

TEST(Compliance, OnlyMeetingsOfTheRulesFormAndChairCount) {
  std::vector<CountedMeeting> meetings = {
      Meeting("other-form", absl::CivilSecond(2026, 1, 5, 9, 0, 0), true, true),
      Meeting("other-chair", absl::CivilSecond(2026, 1, 6, 9, 0, 0), true, true)};
  meetings[0].form = v1::KONSULTASI;
  meetings[1].chair = "regions/temanggung/units/sekretariat-daerah";
  EXPECT_THAT(
      Statuses(Evaluate(kMonthly, Wib(), absl::CivilMonth(2026, 1), absl::CivilMonth(2026, 1),
                        meetings, absl::FromCivil(absl::CivilDay(2026, 3, 1), Wib()))),
      ElementsAre(v1::MISSED));
}

TEST(Compliance, QuartersAndYearsAreNamedAndBounded) {
  v1::ComplianceRule quarterly = kMonthly;
  quarterly.set_period(v1::ComplianceRule::QUARTER);
  const auto periods =
      Evaluate(quarterly, Wib(), absl::CivilMonth(2026, 2), absl::CivilMonth(2026, 7), {},
               absl::FromCivil(absl::CivilDay(2027, 1, 1), Wib()));
  ASSERT_EQ(periods.size(), 3u);
  EXPECT_EQ(periods[0].period(), "2026-Q1");
  EXPECT_EQ(periods[2].period(), "2026-Q3");
  v1::ComplianceRule yearly = kMonthly;
  yearly.set_period(v1::ComplianceRule::YEAR);
  EXPECT_EQ(Evaluate(yearly, Wib(), absl::CivilMonth(2026, 2), absl::CivilMonth(2026, 7), {},
                     absl::FromCivil(absl::CivilDay(2027, 1, 1), Wib()))[0]
                .period(),
            "2026");
}

}  // namespace
}  // namespace rakor::scheduling
