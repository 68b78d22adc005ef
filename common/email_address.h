// The one rule for an e-mail address that rakor stores and later writes into mail
// headers and iCalendar properties: every service and the CLI check it alike.
#pragma once

#include "absl/strings/string_view.h"

namespace rakor {

// A plain address check: one '@' with something on each side, a dot in the
// domain, at most limits::kMaxEmailBytes, and nothing that could end a header or a
// list (no control characters, spaces, brackets, commas or semicolons).
bool LooksLikeEmail(absl::string_view email);

}  // namespace rakor
