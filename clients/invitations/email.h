// An invitation e-mail (RFC 5322 with MIME, composed by GMime): the letter as
// text/plain, the iCalendar message as text/calendar with its METHOD (what calendar
// clients act on) and again as an attached .ics file. CRLF line ends, ready for SMTP
// or an .eml file.
#pragma once

#include <string>

#include "absl/time/time.h"

namespace rakor::invitations {

struct Email {
  std::string from_name, from_address;
  std::string to_name, to_address;
  std::string subject;
  // Stable for one message to one recipient (the same on every retry), so that a
  // message sent twice after a crash is recognisably the same.
  std::string message_id;
  absl::Time date;
  std::string text;    // UTF-8
  std::string ics;     // the iCalendar text
  std::string method;  // its METHOD: REQUEST or CANCEL
};

std::string ComposeEmail(const Email& email);

}  // namespace rakor::invitations
