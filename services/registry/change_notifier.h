// Wakes WatchChanges streams when a change commits.
#pragma once

#include <cstdint>
#include <functional>
#include <map>

#include "absl/synchronization/mutex.h"

namespace rakor::registry {

class ChangeNotifier {
 public:
  using Waiter = std::function<void()>;

  // Calls `waiter` once, on the committing thread, when a change after
  // `seen_sequence` commits. Returns an id for Cancel; or 0, registering nothing,
  // if such a change has already committed (read again instead).
  uint64_t WaitForChangeAfter(int64_t seen_sequence, Waiter waiter);
  // Forgets a waiter not yet called.
  void Cancel(uint64_t id);
  // Records that changes up to `sequence` have committed and calls the waiters.
  void Published(int64_t sequence);

 private:
  absl::Mutex mu_;
  int64_t last_sequence_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t next_id_ ABSL_GUARDED_BY(mu_) = 1;
  std::map<uint64_t, Waiter> waiters_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rakor::registry
