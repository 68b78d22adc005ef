#include "services/scheduling/expansion_cache.h"

namespace rakor::scheduling {

absl::StatusOr<std::vector<absl::CivilSecond>> ExpansionCache::Expand(const std::string& key,
                                                                      const Recurrence& recurrence,
                                                                      absl::CivilSecond from,
                                                                      absl::CivilSecond to,
                                                                      size_t limit) {
  std::vector<absl::CivilSecond> out;
  if (to <= from) return out;
  for (int64_t y = from.year(); y <= (to - 1).year() && out.size() < limit; ++y) {
    Year year;
    {
      absl::MutexLock lock(&mu_);
      if (auto found = years_.find({key, y}); found != years_.end()) year = found->second;
    }
    if (year == nullptr) {
      absl::StatusOr<std::vector<absl::CivilSecond>> expanded = rakor::scheduling::Expand(
          recurrence, absl::CivilSecond(y, 1, 1), absl::CivilSecond(y + 1, 1, 1), kMaxPerYear + 1);
      if (!expanded.ok()) return expanded.status();
      if (expanded->size() > kMaxPerYear) {
        return rakor::scheduling::Expand(recurrence, from, to, limit);
      }
      year = std::make_shared<const std::vector<absl::CivilSecond>>(*std::move(expanded));
      absl::MutexLock lock(&mu_);
      if (years_.size() >= kMaxYears) years_.clear();
      years_[{key, y}] = year;
    }
    for (absl::CivilSecond t : *year) {
      if (t >= from && t < to && out.size() < limit) out.push_back(t);
    }
  }
  return out;
}

}  // namespace rakor::scheduling
