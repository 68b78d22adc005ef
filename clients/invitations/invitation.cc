#include "clients/invitations/invitation.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/time.h"
#include "libical/ical.h"

namespace rakor::invitations {
namespace {

namespace sv1 = rakor::scheduling::v1;

using Component = std::unique_ptr<icalcomponent, void (*)(icalcomponent*)>;

icalparameter_partstat PartstatOf(sv1::ResponseStatus r) {
  switch (r) {
    case sv1::ACCEPTED:
      return ICAL_PARTSTAT_ACCEPTED;
    case sv1::DECLINED:
      return ICAL_PARTSTAT_DECLINED;
    case sv1::TENTATIVE:
      return ICAL_PARTSTAT_TENTATIVE;
    case sv1::DELEGATED:
      return ICAL_PARTSTAT_DELEGATED;
    default:
      return ICAL_PARTSTAT_NEEDSACTION;
  }
}

std::string Mailto(const std::string& address) { return "mailto:" + address; }

icaltimetype InZone(const google::protobuf::Timestamp& t, icaltimezone* zone) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(t.seconds()), 0, zone);
}

}  // namespace

namespace {

// The zone under its plain IANA name ("Asia/Jakarta"), which calendar clients
// recognise, rather than libical's "/freeassociation.sourceforge.net/..." TZID,
// with only the observances from `from` on: the rules in force for the meetings,
// not the zone's history back to 1867 (RFC 5545 section 3.6.5 asks only that they
// cover every DTSTART).
icalcomponent* TimezoneComponent(icaltimezone* zone, const std::string& name, absl::Time from) {
  icalcomponent* vtimezone = icalcomponent_new_clone(icaltimezone_get_component(zone));
  icalproperty_set_tzid(icalcomponent_get_first_property(vtimezone, ICAL_TZID_PROPERTY),
                        name.c_str());
  icaltimezone_truncate_vtimezone(
      vtimezone,
      icaltime_from_timet_with_zone(static_cast<time_t>(absl::ToUnixSeconds(from)), 0,
                                    icaltimezone_get_utc_timezone()),
      icaltime_null_time(), /*ms_compatible=*/0);
  return vtimezone;
}

void AddAttendees(const Meeting& m, icalcomponent* event) {
  icalproperty* organizer = icalproperty_new_organizer(Mailto(m.organizer_email).c_str());
  if (!m.organizer_name.empty()) {
    icalproperty_add_parameter(organizer, icalparameter_new_cn(m.organizer_name.c_str()));
  }
  icalcomponent_add_property(event, organizer);
  for (const sv1::Invitation& i : m.occurrence.invitations()) {
    if (i.contact_email().empty()) continue;  // reached by letter, not by calendar
    icalproperty* attendee = icalproperty_new_attendee(Mailto(i.contact_email()).c_str());
    icalproperty_add_parameter(attendee, icalparameter_new_cn(i.display_name().c_str()));
    icalproperty_add_parameter(
        attendee,
        icalparameter_new_role(i.required() ? ICAL_ROLE_REQPARTICIPANT : ICAL_ROLE_OPTPARTICIPANT));
    icalproperty_add_parameter(attendee, icalparameter_new_partstat(PartstatOf(i.response())));
    icalproperty_add_parameter(attendee, icalparameter_new_rsvp(ICAL_RSVP_TRUE));
    const bool delegated = i.response() == sv1::DELEGATED && !i.delegate_email().empty();
    if (delegated) {
      icalproperty_add_parameter(attendee,
                                 icalparameter_new_delegatedto(Mailto(i.delegate_email()).c_str()));
    }
    icalcomponent_add_property(event, attendee);
    if (delegated) {
      icalproperty* deputy = icalproperty_new_attendee(Mailto(i.delegate_email()).c_str());
      icalproperty_add_parameter(deputy, icalparameter_new_cn(i.delegate_name().c_str()));
      icalproperty_add_parameter(deputy, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
      icalproperty_add_parameter(deputy, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
      icalproperty_add_parameter(
          deputy, icalparameter_new_delegatedfrom(Mailto(i.contact_email()).c_str()));
      icalcomponent_add_property(event, deputy);
    }
  }
}

// The VEVENT of one occurrence, stamped `stamp`.
icalcomponent* EventOf(const Meeting& m, icaltimezone* zone, icaltimetype stamp) {
  const sv1::Occurrence& o = m.occurrence;
  const bool cancelled = o.status() == sv1::CANCELLED;
  icalcomponent* event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  // The occurrence's name is its identity for good: moves and cancellations of it
  // go out under the same UID with a higher SEQUENCE.
  icalcomponent_add_property(event, icalproperty_new_uid(absl::StrCat(o.name(), "@rakor").c_str()));
  icalcomponent_add_property(event, icalproperty_new_sequence(o.sequence()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(stamp));
  icalproperty* start = icalproperty_new_dtstart(InZone(o.start_time(), zone));
  icalproperty_add_parameter(start, icalparameter_new_tzid(m.time_zone.c_str()));
  icalcomponent_add_property(event, start);
  icalproperty* end = icalproperty_new_dtend(InZone(o.end_time(), zone));
  icalproperty_add_parameter(end, icalparameter_new_tzid(m.time_zone.c_str()));
  icalcomponent_add_property(event, end);
  icalcomponent_add_property(event, icalproperty_new_summary(o.title().c_str()));
  if (!o.place().empty()) {
    icalcomponent_add_property(event, icalproperty_new_location(o.place().c_str()));
  }
  if (!m.link.empty()) icalcomponent_add_property(event, icalproperty_new_url(m.link.c_str()));
  std::string description = absl::StrCat("Dasar hukum: ", o.legal_basis());
  if (!m.agenda.empty()) absl::StrAppend(&description, "\nAcara: ", m.agenda);
  if (cancelled) absl::StrAppend(&description, "\nDibatalkan: ", o.cancel_reason());
  icalcomponent_add_property(event, icalproperty_new_description(description.c_str()));
  icalcomponent_add_property(
      event, icalproperty_new_status(cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
  return event;
}

Component NewCalendar() {
  Component calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT), icalcomponent_free);
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(),
                             icalproperty_new_prodid("-//rakor//rapat koordinasi//ID"));
  return calendar;
}

std::string TextOf(icalcomponent* calendar) {
  char* text = icalcomponent_as_ical_string_r(calendar);
  std::string out(text);
  std::free(text);
  return out;
}

}  // namespace

absl::StatusOr<std::string> InvitationIcs(const Meeting& m) {
  icaltimezone* zone = icaltimezone_get_builtin_timezone(m.time_zone.c_str());
  if (zone == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("time zone ", m.time_zone, " is unknown"));
  }
  if (m.organizer_email.empty()) {
    return absl::FailedPreconditionError(
        "the chair (the organizer) has no contact_email in the registry: set it first "
        "(rakor address UNIT ADDRESS)");
  }
  Component calendar = NewCalendar();
  icalcomponent_add_property(
      calendar.get(),
      icalproperty_new_method(m.occurrence.status() == sv1::CANCELLED ? ICAL_METHOD_CANCEL
                                                                      : ICAL_METHOD_REQUEST));
  icalcomponent_add_component(
      calendar.get(), TimezoneComponent(zone, m.time_zone, FromProto(m.occurrence.start_time())));
  icalcomponent* event =
      EventOf(m, zone, icaltime_current_time_with_zone(icaltimezone_get_utc_timezone()));
  AddAttendees(m, event);
  icalcomponent_add_component(calendar.get(), event);
  return TextOf(calendar.get());
}

absl::StatusOr<std::string> FeedIcs(const std::string& calendar_name,
                                    const std::vector<Meeting>& meetings) {
  Component calendar = NewCalendar();
  icalcomponent_add_property(calendar.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalproperty* name = icalproperty_new_x(calendar_name.c_str());
  icalproperty_set_x_name(name, "X-WR-CALNAME");
  icalcomponent_add_property(calendar.get(), name);
  std::map<std::string, absl::Time> earliest;  // per zone, where its observances begin
  for (const Meeting& m : meetings) {
    const absl::Time start = FromProto(m.occurrence.start_time());
    auto [it, added] = earliest.emplace(m.time_zone, start);
    if (!added) it->second = std::min(it->second, start);
  }
  std::set<std::string> zones;
  for (const Meeting& m : meetings) {
    icaltimezone* zone = icaltimezone_get_builtin_timezone(m.time_zone.c_str());
    if (zone == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("time zone ", m.time_zone, " is unknown"));
    }
    if (zones.insert(m.time_zone).second) {
      icalcomponent_add_component(calendar.get(),
                                  TimezoneComponent(zone, m.time_zone, earliest[m.time_zone]));
    }
    // Stamped with when the meeting was last revised, not with now: the same
    // schedule gives the same bytes however often a calendar syncs.
    icalcomponent_add_component(
        calendar.get(),
        EventOf(m, zone,
                icaltime_from_timet_with_zone(static_cast<time_t>(absl::ToUnixSeconds(m.revised)),
                                              0, icaltimezone_get_utc_timezone())));
  }
  return TextOf(calendar.get());
}

absl::StatusOr<Reply> ParseReply(const std::string& ics) {
  auto fail = [](const char* why) {
    return absl::InvalidArgumentError(absl::StrCat("reply: ", why));
  };
  std::unique_ptr<icalcomponent, void (*)(icalcomponent*)> calendar(
      icalparser_parse_string(ics.c_str()), icalcomponent_free);
  if (calendar == nullptr || icalcomponent_isa(calendar.get()) != ICAL_VCALENDAR_COMPONENT) {
    return fail("is not an iCalendar file");
  }
  if (icalcomponent_get_method(calendar.get()) != ICAL_METHOD_REPLY) {
    return fail("is not an iCalendar REPLY (METHOD:REPLY)");
  }
  icalcomponent* event = icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
  if (event == nullptr) return fail("has no VEVENT");
  const char* uid = icalcomponent_get_uid(event);
  const absl::string_view suffix = "@rakor";
  if (uid == nullptr || !absl::EndsWith(uid, suffix)) return fail("UID is not a rakor meeting's");
  Reply reply;
  reply.occurrence = std::string(absl::string_view(uid).substr(0, strlen(uid) - suffix.size()));
  icalproperty* attendee = icalcomponent_get_first_property(event, ICAL_ATTENDEE_PROPERTY);
  if (attendee == nullptr) return fail("has no ATTENDEE");
  if (icalcomponent_get_next_property(event, ICAL_ATTENDEE_PROPERTY) != nullptr) {
    return fail("answers for more than one ATTENDEE");
  }
  auto address = [](const char* value) {
    std::string v = value == nullptr ? "" : value;
    if (absl::StartsWithIgnoreCase(v, "mailto:")) v = v.substr(7);
    return v;
  };
  reply.attendee_email = address(icalproperty_get_attendee(attendee));
  icalparameter* partstat = icalproperty_get_first_parameter(attendee, ICAL_PARTSTAT_PARAMETER);
  switch (partstat == nullptr ? ICAL_PARTSTAT_NONE : icalparameter_get_partstat(partstat)) {
    case ICAL_PARTSTAT_ACCEPTED:
      reply.response = sv1::ACCEPTED;
      break;
    case ICAL_PARTSTAT_DECLINED:
      reply.response = sv1::DECLINED;
      break;
    case ICAL_PARTSTAT_TENTATIVE:
      reply.response = sv1::TENTATIVE;
      break;
    case ICAL_PARTSTAT_DELEGATED:
      reply.response = sv1::DELEGATED;
      break;
    default:
      return fail("ATTENDEE has no PARTSTAT of ACCEPTED, DECLINED, TENTATIVE or DELEGATED");
  }
  if (reply.response == sv1::DELEGATED) {
    icalparameter* to = icalproperty_get_first_parameter(attendee, ICAL_DELEGATEDTO_PARAMETER);
    if (to == nullptr) return fail("DELEGATED without DELEGATED-TO");
    reply.delegate_email = address(icalparameter_get_delegatedto(to));
    // A REPLY names the deputy by address only; that is also the name recorded.
    reply.delegate_name = reply.delegate_email;
  }
  return reply;
}

}  // namespace rakor::invitations
