// Expansions of series' recurrences kept a calendar year at a time. A series'
// recurrence never changes once created (a change of timing starts a new series:
// SplitSeries), so a year once expanded stays true; and libical's iterator is
// costly to set up (it initialises ICU calendars), while compliance and listing
// read the same years of every series again and again.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "services/scheduling/recurrence.h"

namespace rakor::scheduling {

class ExpansionCache {
 public:
  // Expand(recurrence, from, to, limit) for the series `key`, whose recurrence is
  // always `recurrence`.
  absl::StatusOr<std::vector<absl::CivilSecond>> Expand(const std::string& key,
                                                        const Recurrence& recurrence,
                                                        absl::CivilSecond from,
                                                        absl::CivilSecond to, size_t limit);

 private:
  using Year = std::shared_ptr<const std::vector<absl::CivilSecond>>;
  // A year with more starts (a rule finer than daily) is expanded each time instead.
  static constexpr size_t kMaxPerYear = 1000;
  // Years kept; past this the cache starts afresh (memory stays bounded).
  static constexpr size_t kMaxYears = 100000;

  absl::Mutex mu_;
  std::map<std::pair<std::string, int64_t>, Year> years_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rakor::scheduling
