// Invitations as calendar clients read them: parsed back with libical, the cases
// clients are known to get wrong (the zone, a reschedule's UID and SEQUENCE, a
// cancellation, a deputy).
#include "clients/invitations/invitation.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libical/ical.h"
#include "tests/support/proto_matchers.h"
#include "tests/support/status_matchers.h"

namespace rakor::invitations {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::ParseTextProto;
using ::testing::HasSubstr;
using ::testing::Not;
namespace sv1 = rakor::scheduling::v1;

// The December Temanggung rakor: 09:00 WIB is 02:00Z.
Meeting December() {
  Meeting m;
  m.occurrence = ParseTextProto<sv1::Occurrence>(R"pb(
    name: "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20261207T090000"
    title: "Rapat Koordinasi Tingkat Kabupaten"
    start_time { seconds: 1796608800 }
    end_time { seconds: 1796616000 }
    legal_basis: "Temanggung Pasal 18"
    place: "Ruang Rapat Sekretariat Daerah"
    status: SCHEDULED
    invitations {
      unit: "regions/temanggung/units/dinas-kesehatan"
      display_name: "Dinas Kesehatan"
      contact_email: "dinkes@temanggungkab.go.id"
      required: true
      response: DELEGATED
      delegate_name: "dr. Siti Rahayu"
      delegate_email: "siti@temanggungkab.go.id"
    }
    invitations {
      unit: "regions/temanggung/units/dinas-sosial"
      display_name: "Dinas Sosial"
      contact_email: "dinsos@temanggungkab.go.id"
      response: ACCEPTED
    }
    invitations { unit: "regions/temanggung/units/kecamatan-bulu" display_name: "Kecamatan Bulu" }
  )pb");
  m.time_zone = "Asia/Jakarta";
  m.organizer_email = "setda@temanggungkab.go.id";
  m.organizer_name = "Sekretariat Daerah";
  m.agenda = "Permasalahan umum penyelenggaraan pemerintahan daerah";
  return m;
}

struct Parsed {
  std::unique_ptr<icalcomponent, void (*)(icalcomponent*)> calendar{nullptr, icalcomponent_free};
  icalcomponent* event = nullptr;
};

Parsed Parse(const std::string& ics) {
  Parsed p;
  p.calendar.reset(icalparser_parse_string(ics.c_str()));
  if (p.calendar != nullptr) {
    p.event = icalcomponent_get_first_component(p.calendar.get(), ICAL_VEVENT_COMPONENT);
  }
  return p;
}

TEST(Invitation, ARequestCarriesTheZoneItsUidAndEveryInvitedAddress) {
  const auto ics = InvitationIcs(December());
  ASSERT_THAT(ics, IsOk());
  EXPECT_THAT(*ics, HasSubstr("\r\n"));  // RFC 5545 line ends
  const Parsed p = Parse(*ics);
  ASSERT_NE(p.event, nullptr) << *ics;
  EXPECT_EQ(icalcomponent_get_method(p.calendar.get()), ICAL_METHOD_REQUEST);
  // The VTIMEZONE is there, and DTSTART names it: 09:00 local in Asia/Jakarta.
  icalcomponent* vtimezone =
      icalcomponent_get_first_component(p.calendar.get(), ICAL_VTIMEZONE_COMPONENT);
  ASSERT_NE(vtimezone, nullptr);
  EXPECT_STREQ(
      icalproperty_get_tzid(icalcomponent_get_first_property(vtimezone, ICAL_TZID_PROPERTY)),
      "Asia/Jakarta");
  icalproperty* start = icalcomponent_get_first_property(p.event, ICAL_DTSTART_PROPERTY);
  EXPECT_STREQ(icalparameter_get_tzid(icalproperty_get_first_parameter(start, ICAL_TZID_PARAMETER)),
               "Asia/Jakarta");
  const icaltimetype local = icalproperty_get_dtstart(start);
  EXPECT_EQ(local.hour, 9);
  EXPECT_EQ(local.day, 7);
  EXPECT_STREQ(icalcomponent_get_uid(p.event),
               "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/"
               "20261207T090000@rakor");
  EXPECT_THAT(icalcomponent_get_description(p.event), HasSubstr("Temanggung Pasal 18"));
  // Two addressed units and the deputy; the Kecamatan without an address is not.
  EXPECT_EQ(icalcomponent_count_properties(p.event, ICAL_ATTENDEE_PROPERTY), 3);
}

// The meeting's start as a calendar client computes it from the file's own
// VTIMEZONE (not libical's built-in zone), in Unix seconds.
int64_t StartThroughTheFilesZone(const Parsed& p, icalcomponent* event) {
  icaltimezone* zone = icaltimezone_new();
  icaltimezone_set_component(zone, icalcomponent_new_clone(icalcomponent_get_first_component(
                                       p.calendar.get(), ICAL_VTIMEZONE_COMPONENT)));
  const int64_t seconds = icaltime_as_timet_with_zone(
      icalproperty_get_dtstart(icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY)),
      zone);
  icaltimezone_free(zone, 1);
  return seconds;
}

int Observances(const Parsed& p) {
  icalcomponent* vtimezone =
      icalcomponent_get_first_component(p.calendar.get(), ICAL_VTIMEZONE_COMPONENT);
  return icalcomponent_count_components(vtimezone, ICAL_XSTANDARD_COMPONENT) +
         icalcomponent_count_components(vtimezone, ICAL_XDAYLIGHT_COMPONENT);
}

TEST(Invitation, TheZoneCarriesTheRulesInForceNotItsHistoryAndStillPlacesTheMeeting) {
  const auto ics = InvitationIcs(December());
  ASSERT_THAT(ics, IsOk());
  const Parsed p = Parse(*ics);
  ASSERT_NE(p.event, nullptr) << *ics;
  EXPECT_EQ(Observances(p), 1) << *ics;  // WIB, not the offsets of 1867-1964
  EXPECT_THAT(*ics, Not(HasSubstr("BMT")));
  EXPECT_EQ(StartThroughTheFilesZone(p, p.event), 1796608800);  // 09:00 WIB is 02:00Z

  // A feed's zone begins at its earliest meeting, and places every one of them.
  Meeting november = December();
  november.occurrence.set_name(
      "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20261102T090000");
  november.occurrence.mutable_start_time()->set_seconds(1796608800 - 35 * 86400);
  november.occurrence.mutable_end_time()->set_seconds(1796616000 - 35 * 86400);
  const auto feed = FeedIcs("Rapat Temanggung", {December(), november});
  ASSERT_THAT(feed, IsOk());
  const Parsed f = Parse(*feed);
  ASSERT_NE(f.event, nullptr) << *feed;
  EXPECT_EQ(Observances(f), 1) << *feed;
  // (libical's component iterator is shared: collect the events before reading the zone.)
  std::vector<icalcomponent*> events;
  for (icalcomponent* e =
           icalcomponent_get_first_component(f.calendar.get(), ICAL_VEVENT_COMPONENT);
       e != nullptr;
       e = icalcomponent_get_next_component(f.calendar.get(), ICAL_VEVENT_COMPONENT)) {
    events.push_back(e);
  }
  std::vector<int64_t> starts;
  for (icalcomponent* e : events) starts.push_back(StartThroughTheFilesZone(f, e));
  EXPECT_THAT(starts, ::testing::UnorderedElementsAre(1796608800, 1796608800 - 35 * 86400));
}

TEST(Invitation, ADeputyIsDelegatedToAndTheOfficeStaysInvited) {
  const Parsed p = Parse(*InvitationIcs(December()));
  ASSERT_NE(p.event, nullptr);
  int delegated_to = 0, delegated_from = 0;
  for (icalproperty* a = icalcomponent_get_first_property(p.event, ICAL_ATTENDEE_PROPERTY);
       a != nullptr; a = icalcomponent_get_next_property(p.event, ICAL_ATTENDEE_PROPERTY)) {
    const std::string who = icalproperty_get_attendee(a);
    if (icalparameter* to = icalproperty_get_first_parameter(a, ICAL_DELEGATEDTO_PARAMETER)) {
      EXPECT_EQ(who, "mailto:dinkes@temanggungkab.go.id");
      EXPECT_STREQ(icalparameter_get_delegatedto(to), "mailto:siti@temanggungkab.go.id");
      ++delegated_to;
    }
    if (icalparameter* from = icalproperty_get_first_parameter(a, ICAL_DELEGATEDFROM_PARAMETER)) {
      EXPECT_EQ(who, "mailto:siti@temanggungkab.go.id");
      EXPECT_STREQ(icalparameter_get_delegatedfrom(from), "mailto:dinkes@temanggungkab.go.id");
      ++delegated_from;
    }
  }
  EXPECT_EQ(delegated_to, 1);
  EXPECT_EQ(delegated_from, 1);
}

TEST(Invitation, AMoveKeepsTheUidWithAHigherSequenceAndACancellationIsACancel) {
  const Parsed first = Parse(*InvitationIcs(December()));
  Meeting moved = December();
  moved.occurrence.set_sequence(1);
  moved.occurrence.mutable_start_time()->set_seconds(1796608800 + 2 * 86400);
  moved.occurrence.mutable_end_time()->set_seconds(1796616000 + 2 * 86400);
  const Parsed second = Parse(*InvitationIcs(moved));
  ASSERT_NE(second.event, nullptr);
  EXPECT_STREQ(icalcomponent_get_uid(second.event), icalcomponent_get_uid(first.event));
  EXPECT_EQ(icalproperty_get_sequence(
                icalcomponent_get_first_property(second.event, ICAL_SEQUENCE_PROPERTY)),
            1);
  Meeting cancelled = moved;
  cancelled.occurrence.set_status(sv1::CANCELLED);
  cancelled.occurrence.set_sequence(2);
  cancelled.occurrence.set_cancel_reason("Bupati bertugas ke luar daerah");
  const Parsed third = Parse(*InvitationIcs(cancelled));
  ASSERT_NE(third.event, nullptr);
  EXPECT_EQ(icalcomponent_get_method(third.calendar.get()), ICAL_METHOD_CANCEL);
  EXPECT_EQ(icalcomponent_get_status(third.event), ICAL_STATUS_CANCELLED);
  EXPECT_STREQ(icalcomponent_get_uid(third.event), icalcomponent_get_uid(first.event));
}

TEST(Invitation, AnUnknownZoneOrNoOrganizerIsRefused) {
  Meeting m = December();
  m.time_zone = "Asia/Atlantis";
  EXPECT_THAT(InvitationIcs(m), rakor::testing::StatusIs(absl::StatusCode::kInvalidArgument,
                                                         HasSubstr("Asia/Atlantis")));
  m = December();
  m.organizer_email.clear();
  EXPECT_THAT(InvitationIcs(m), rakor::testing::StatusIs(absl::StatusCode::kFailedPrecondition,
                                                         HasSubstr("contact_email")));
}

}  // namespace
}  // namespace rakor::invitations
