// Recurrence of periodic coordination meetings (Temanggung Pasal 17 ayat (3), Pasal
// 18; Banjar Pasal 18 ayat (4)-(6)), as RFC 5545 states it and libical expands it:
// never by hand. A series' DTSTART is a civil time in its region's IANA zone, and
// so are its EXDATEs and RDATEs and each occurrence's RECURRENCE-ID (its original
// start): 09:00 WITA stays 09:00 WITA in every month. The zone turns civil times
// into instants only at the edge (services/scheduling/occurrences.h).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace rakor::scheduling {

struct Recurrence {
  absl::CivilSecond start;                 // DTSTART, in the region's zone
  std::string rrule;                       // e.g. "FREQ=MONTHLY;BYDAY=1MO"; empty: a single meeting
  std::vector<absl::CivilSecond> exdates;  // original starts taken out
  std::vector<absl::CivilSecond> rdates;   // starts added
};

// Whether `rrule` is an RFC 5545 recurrence rule libical accepts; INVALID_ARGUMENT
// naming `field` if not.
absl::Status ValidateRrule(absl::string_view field, const std::string& rrule);

// The original starts of `recurrence` in [from, to), in order, at most `limit`:
// DTSTART and the rule's dates, plus RDATEs, less EXDATEs.
absl::StatusOr<std::vector<absl::CivilSecond>> Expand(const Recurrence& recurrence,
                                                      absl::CivilSecond from, absl::CivilSecond to,
                                                      size_t limit);

}  // namespace rakor::scheduling
