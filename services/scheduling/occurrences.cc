#include "services/scheduling/occurrences.h"

#include <algorithm>

namespace rakor::scheduling {
namespace {

// How far a day-off policy or an exception may move an occurrence across the
// range's edges: longer than the longest run of days off (Idul Fitri with its cuti
// bersama and weekends) and than kMaxMoveDays.
constexpr int kMarginDays = kMaxMoveDays + 1;

}  // namespace

absl::StatusOr<std::vector<HeldOccurrence>> Occurrences(
    const Recurrence& recurrence, absl::TimeZone zone, const WorkingCalendar& calendar,
    DayOffPolicy policy, absl::Time from, absl::Time to, size_t limit, const Moves& moves,
    const Expander& expand) {
  const absl::CivilSecond local_from =
      absl::CivilSecond(absl::CivilDay(absl::ToCivilSecond(from, zone)) - kMarginDays);
  const absl::CivilSecond local_to =
      absl::CivilSecond(absl::CivilDay(absl::ToCivilSecond(to, zone)) + kMarginDays);
  // Enough originals for `limit` held in range after those before it and skipped.
  absl::StatusOr<std::vector<absl::CivilSecond>> originals =
      expand(recurrence, local_from, local_to, limit + 2 * kMarginDays + 64);
  if (!originals.ok()) return originals.status();
  std::vector<HeldOccurrence> out;
  for (absl::CivilSecond original : *originals) {
    if (auto moved = moves.find(original); moved != moves.end()) {
      if (moved->second >= from && moved->second < to) out.push_back({original, moved->second, ""});
      continue;
    }
    const absl::CivilDay due(original);
    const std::optional<absl::CivilDay> held = calendar.Adjust(due, policy);
    if (!held.has_value()) continue;
    const absl::CivilSecond local_start =
        absl::CivilSecond(*held) + (original - absl::CivilSecond(due));
    const absl::Time start = absl::FromCivil(local_start, zone);
    if (start < from || start >= to) continue;
    out.push_back({original, start, *held != due ? calendar.WhyNotWorking(due) : ""});
  }
  std::stable_sort(out.begin(), out.end(), [](const HeldOccurrence& a, const HeldOccurrence& b) {
    return a.start < b.start;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace rakor::scheduling
