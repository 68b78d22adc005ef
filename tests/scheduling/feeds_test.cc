// Tier 2: the calendar feeds over real HTTP, read back by libical and by Python's
// icalendar package as a calendar application would subscribe to them.
#include <httplib.h>

#include <cstdio>
#include <fstream>

#include "libical/ical.h"
#include "services/scheduling/feed_server.h"
#include "tests/support/scheduling_server.h"

namespace rakor::scheduling {
namespace {

using ::rakor::testing::IsOk;
using ::testing::HasSubstr;
using ::testing::Not;

class Feeds : public SchedulingService {
 protected:
  void SetUp() override {
    SchedulingService::SetUp();
    Seed();
    auto started = FeedServer::Start(scheduling_.get(), "127.0.0.1", 0);
    ASSERT_THAT(started, IsOk());
    feeds_ = *std::move(started);
  }
  void TearDown() override {
    feeds_.reset();
    SchedulingService::TearDown();
  }

  httplib::Result Fetch(const std::string& path) {
    httplib::Client client("127.0.0.1", feeds_->port());
    return client.Get(path);
  }

  // The UIDs and STATUS of each VEVENT, as libical reads the feed.
  static std::map<std::string, std::string> Events(const std::string& ics) {
    std::map<std::string, std::string> events;
    icalcomponent* calendar = icalparser_parse_string(ics.c_str());
    for (icalcomponent* e = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
         e != nullptr; e = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
      events[icalcomponent_get_uid(e)] = icalproperty_status_to_string(icalcomponent_get_status(e));
    }
    icalcomponent_free(calendar);
    return events;
  }

  std::unique_ptr<FeedServer> feeds_;
};

TEST_P(Feeds, ARegionsFeedIsPublicStableAndReadByCalendarLibraries) {
  auto first = Fetch("/regions/temanggung/calendar.ics");
  ASSERT_TRUE(first) << httplib::to_string(first.error());
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_THAT(first->get_header_value("Content-Type"), HasSubstr("text/calendar"));
  const std::string& ics = first->body;
  EXPECT_THAT(ics, HasSubstr("METHOD:PUBLISH"));
  EXPECT_THAT(ics, HasSubstr("X-WR-CALNAME:Rapat koordinasi regions/temanggung"));
  EXPECT_THAT(ics, HasSubstr("TZID:Asia/Jakarta"));
  EXPECT_THAT(ics, Not(HasSubstr("ATTENDEE")));  // who is invited and their answers stay private
  const auto events = Events(ics);
  // Three months back and a year ahead of 23 November 2026.
  EXPECT_TRUE(events.contains(
      "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20260907T090000@rakor"));
  EXPECT_TRUE(events.contains(
      "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20271101T090000@rakor"));
  EXPECT_FALSE(events.contains(
      "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20260706T090000@rakor"));

  auto again = Fetch("/regions/temanggung/calendar.ics");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->body, ics) << "a second sync must give the same bytes";

  // Python's icalendar reads the same events.
  const std::string file = rakor::testing::TempPath("feed.ics");
  std::ofstream(file) << ics;
  FILE* pipe = popen(("/usr/bin/python3 -c 'import icalendar,sys; "
                      "c=icalendar.Calendar.from_ical(open(sys.argv[1],\"rb\").read()); "
                      "print(len(c.walk(\"VEVENT\")))' " +
                      file)
                         .c_str(),
                     "r");
  char count[32] = {0};
  ASSERT_NE(fgets(count, sizeof count, pipe), nullptr);
  pclose(pipe);
  EXPECT_EQ(std::atoi(count), static_cast<int>(events.size()));

  EXPECT_EQ(Fetch("/regions/atlantis/calendar.ics")->status, 404);
}

TEST_P(Feeds, AUnitsFeedHasItsMeetingsAndACancellationReachesSubscribers) {
  const std::string path = "/regions/temanggung/units/dinas-kesehatan/calendar.ics";
  auto region = Fetch("/regions/temanggung/calendar.ics");
  auto unit = Fetch(path);
  ASSERT_TRUE(region && unit);
  ASSERT_EQ(unit->status, 200) << unit->body;
  const auto all = Events(region->body);
  const auto mine = Events(unit->body);
  ASSERT_FALSE(mine.empty());
  for (const auto& [uid, status] : mine) EXPECT_TRUE(all.contains(uid)) << uid;
  const std::string december =
      "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20261207T090000";
  ASSERT_TRUE(mine.contains(december + "@rakor"));
  EXPECT_EQ(mine.at(december + "@rakor"), "CONFIRMED");

  v1::CancelOccurrenceRequest cancel;
  cancel.set_occurrence(december);
  cancel.set_reason("Bupati berhalangan");
  v1::Occurrence cancelled;
  ASSERT_THAT(scheduling_stub_->CancelOccurrence(Ctx().get(), cancel, &cancelled), IsOk());
  auto after = Fetch(path);
  ASSERT_TRUE(after);
  EXPECT_EQ(Events(after->body).at(december + "@rakor"), "CANCELLED");
  EXPECT_THAT(after->body, HasSubstr("Dibatalkan: Bupati berhalangan"));
  EXPECT_EQ(Fetch("/regions/temanggung/units/dinas-yang-tidak-ada/calendar.ics")->status, 404);
}

INSTANTIATE_TEST_SUITE_P(SQLite, Feeds, ::testing::Values("sqlite"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace rakor::scheduling
