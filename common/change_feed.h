// The committed changes a service's watchers follow, held in memory: the most
// recent `capacity` changes of every region, and the last committed sequence.
// A write publishes here after its transaction commits and returns; watchers read
// from here, never from the database under the writer lock (the shape of etcd's
// watchable store and the Kubernetes watch cache). A watcher behind what memory
// holds reads the database instead (Read answers nullopt).
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace rakor {

template <typename Change>
class ChangeFeed {
 public:
  struct Entry {
    int64_t sequence = 0;
    std::string region;  // the region the change belongs to
    std::shared_ptr<const Change> change;
  };
  // Changes after a sequence, and the sequence the reader is current to: the last
  // change's when the page is full, else the last committed one.
  struct Page {
    std::vector<std::shared_ptr<const Change>> changes;
    int64_t through = 0;
  };

  // `last_sequence`: what the database holds at start; memory starts empty above it.
  ChangeFeed(size_t capacity, int64_t last_sequence)
      : capacity_(std::max<size_t>(capacity, 1)), last_sequence_(last_sequence) {}

  // Records committed changes, in sequence order, and tells the listeners.
  // The caller holds its writer lock, so calls come in sequence order.
  void Publish(std::vector<Entry> entries) {
    absl::MutexLock lock(&mu_);
    for (Entry& e : entries) {
      last_sequence_ = std::max(last_sequence_, e.sequence);
      tail_.push_back(std::move(e));
    }
    while (tail_.size() > capacity_) {
      // Whoever is at or after the dropped change must now read the database.
      oldest_readable_ = tail_.front().sequence;
      tail_.pop_front();
    }
    // Listeners are few (one per watch hub) and only set a flag.
    for (const auto& [id, listener] : listeners_) listener();
  }

  int64_t last_sequence() const {
    absl::MutexLock lock(&mu_);
    return last_sequence_;
  }

  // Up to `limit` changes of `region` ("" for all) after `after`; nullopt when
  // memory no longer holds every change after `after`.
  std::optional<Page> Read(const std::string& region, int64_t after, size_t limit) const {
    absl::MutexLock lock(&mu_);
    if (after < oldest_readable_) return std::nullopt;
    Page page;
    page.through = std::max(after, last_sequence_);
    auto it = std::upper_bound(tail_.begin(), tail_.end(), after,
                               [](int64_t s, const Entry& e) { return s < e.sequence; });
    for (; it != tail_.end(); ++it) {
      if (!region.empty() && it->region != region) continue;
      page.changes.push_back(it->change);
      if (page.changes.size() == limit) {
        page.through = it->sequence;
        break;
      }
    }
    return page;
  }

  // Calls `listener` after every Publish, on the publishing thread under the feed's
  // lock: it must only note that there is news, never read the feed (and the writer
  // is waiting).
  // Returns an id for RemoveListener.
  int AddListener(std::function<void()> listener) const {
    absl::MutexLock lock(&mu_);
    listeners_.emplace_back(next_listener_, std::move(listener));
    return next_listener_++;
  }
  void RemoveListener(int id) const {
    absl::MutexLock lock(&mu_);
    std::erase_if(listeners_, [id](const auto& l) { return l.first == id; });
  }

 private:
  const size_t capacity_;
  mutable absl::Mutex mu_;
  std::deque<Entry> tail_ ABSL_GUARDED_BY(mu_);
  int64_t last_sequence_ ABSL_GUARDED_BY(mu_);
  // The smallest `after` that Read can answer from memory: everything after the last
  // change dropped is still here. At start, memory holds nothing older.
  int64_t oldest_readable_ ABSL_GUARDED_BY(mu_) = last_sequence_;
  // Listening does not change what the feed holds.
  mutable std::vector<std::pair<int, std::function<void()>>> listeners_ ABSL_GUARDED_BY(mu_);
  mutable int next_listener_ ABSL_GUARDED_BY(mu_) = 1;
};

}  // namespace rakor
