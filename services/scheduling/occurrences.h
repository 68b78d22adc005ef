// The occurrences of a series as a calendar lists them (Google Calendar's
// singleEvents): its recurrence expanded in the region's zone, each occurrence on
// a day off moved, kept or skipped by the series' policy, and turned into an
// instant. Each keeps its original start (RECURRENCE-ID), its stable identity.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/scheduling/recurrence.h"
#include "services/scheduling/working_days.h"

namespace rakor::scheduling {

struct HeldOccurrence {
  absl::CivilSecond original;      // RECURRENCE-ID, in the region's zone
  absl::Time start;                // when it is held
  std::string moved_from_day_off;  // the day off it fell on, if it was moved
};

// Starts set by hand for single occurrences (exceptions), by original start. An
// exception moves an occurrence at most kMaxMoveDays from its original start.
using Moves = std::map<absl::CivilSecond, absl::Time>;
inline constexpr int kMaxMoveDays = 30;

// The occurrences held in [from, to), in order, at most `limit`.
// How the original starts are found: Expand, or a cache of it.
using Expander = std::function<absl::StatusOr<std::vector<absl::CivilSecond>>(
    const Recurrence&, absl::CivilSecond, absl::CivilSecond, size_t)>;

absl::StatusOr<std::vector<HeldOccurrence>> Occurrences(
    const Recurrence& recurrence, absl::TimeZone zone, const WorkingCalendar& calendar,
    DayOffPolicy policy, absl::Time from, absl::Time to, size_t limit, const Moves& moves = {},
    const Expander& expand = Expand);

}  // namespace rakor::scheduling
