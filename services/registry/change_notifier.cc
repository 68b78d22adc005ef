#include "services/registry/change_notifier.h"

#include <vector>

namespace rakor::registry {

uint64_t ChangeNotifier::WaitForChangeAfter(int64_t seen_sequence, Waiter waiter) {
  absl::MutexLock lock(&mu_);
  if (last_sequence_ > seen_sequence) return 0;
  const uint64_t id = next_id_++;
  waiters_.emplace(id, std::move(waiter));
  return id;
}

void ChangeNotifier::Cancel(uint64_t id) {
  absl::MutexLock lock(&mu_);
  waiters_.erase(id);
}

void ChangeNotifier::Published(int64_t sequence) {
  std::map<uint64_t, Waiter> ready;
  {
    absl::MutexLock lock(&mu_);
    if (sequence > last_sequence_) last_sequence_ = sequence;
    ready.swap(waiters_);
  }
  // Called outside the lock: a waiter may register again.
  for (auto& [id, waiter] : ready) waiter();
}

}  // namespace rakor::registry
