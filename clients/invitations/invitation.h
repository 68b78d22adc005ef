// An occurrence as an RFC 5546 iCalendar message, made with libical (never by
// string concatenation): REQUEST for a meeting set or changed, CANCEL for one
// cancelled; the same UID for every message about one occurrence, and its SEQUENCE,
// so that calendar clients update or remove the event they already have. DTSTART
// and DTEND carry the region's TZID, and the VTIMEZONE is included. Usable by the
// CLI and by a service alike.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rakor/scheduling/v1/resources.pb.h"

namespace rakor::invitations {

struct Meeting {
  // With its invitations (GetOccurrence): one ATTENDEE per invited unit's contact
  // address; a delegated one adds its deputy (DELEGATED-FROM / DELEGATED-TO).
  rakor::scheduling::v1::Occurrence occurrence;
  std::string time_zone;        // the region's IANA zone, e.g. "Asia/Jakarta"
  std::string organizer_email;  // the chair's secretariat
  std::string organizer_name;
  std::string link;  // the electronic meeting's address, if any
  std::string agenda;
  // When it was last revised (the series' update), for a feed's DTSTAMP.
  absl::Time revised = absl::UnixEpoch();
};

// The iCalendar text (CRLF line ends, folded at 75 octets). INVALID_ARGUMENT if the
// zone is unknown to libical or there is no organizer address.
absl::StatusOr<std::string> InvitationIcs(const Meeting& meeting);

// A published calendar (METHOD:PUBLISH) of `meetings`, for subscription: one VEVENT
// per occurrence (cancelled ones with STATUS:CANCELLED, so that calendars remove
// them), without attendees or answers, which are not public. The same meetings give
// the same bytes.
absl::StatusOr<std::string> FeedIcs(const std::string& calendar_name,
                                    const std::vector<Meeting>& meetings);

// An attendee's answer in an iCalendar REPLY (RFC 5546 section 3.2.3), as a
// calendar client sends it back.
struct Reply {
  std::string occurrence;  // from the UID rakor gave the event
  std::string attendee_email;
  rakor::scheduling::v1::ResponseStatus response;
  std::string delegate_email;  // DELEGATED-TO, for DELEGATED
  std::string delegate_name;   // a REPLY names the deputy by address only: that address
};
// INVALID_ARGUMENT naming what is missing if `ics` is not a REPLY to a rakor event
// with one ATTENDEE and a PARTSTAT rakor knows.
absl::StatusOr<Reply> ParseReply(const std::string& ics);

}  // namespace rakor::invitations
