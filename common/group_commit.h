// Group commit: writers that arrive while one commits wait, and the next commit
// takes all of them, so that one durable commit (one fsync) serves many writes.
// Which writer commits is whoever finds no commit under way when its turn comes;
// the others return once the commit holding their write is done. What a write is
// and how a batch commits are the caller's (Registry::Write, Reporting::Apply).
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <limits>
#include <vector>

#include "absl/cleanup/cleanup.h"
#include "absl/synchronization/mutex.h"

namespace rakor {

template <typename Write>
class GroupCommit {
 public:
  using Commit = std::function<void(const std::vector<Write*>& batch)>;

  explicit GroupCommit(size_t max_batch = std::numeric_limits<size_t>::max())
      : max_batch_(max_batch) {}

  // Queues `write` and returns once a batch holding it has been through `commit`,
  // on this thread or another. Batches commit one at a time, in the order queued.
  void Join(Write* write, const Commit& commit) {
    Waiter me{write};
    absl::MutexLock lock(&mu_);
    queue_.push_back(&me);
    auto my_turn = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return me.done || !committing_; };
    while (true) {
      mu_.Await(absl::Condition(&my_turn));
      if (me.done) return;
      // No commit under way: this thread commits everyone queued, itself among them
      // unless the queue is longer than a batch (then it goes round again).
      committing_ = true;
      std::vector<Waiter*> waiters;
      std::vector<Write*> batch;
      while (!queue_.empty() && batch.size() < max_batch_) {
        waiters.push_back(queue_.front());
        batch.push_back(queue_.front()->write);
        queue_.pop_front();
      }
      mu_.Unlock();
      // Whatever happens in the commit, the next writer may commit after it.
      absl::Cleanup handed_on = [&]() ABSL_NO_THREAD_SAFETY_ANALYSIS {
        mu_.Lock();
        for (Waiter* w : waiters) w->done = true;
        committing_ = false;
      };
      commit(batch);
    }
  }

  // Writes queued for a commit that has not begun.
  size_t waiting() const {
    absl::MutexLock lock(&mu_);
    return queue_.size();
  }

 private:
  struct Waiter {
    Write* write;
    bool done = false;
  };

  const size_t max_batch_;
  mutable absl::Mutex mu_;
  std::deque<Waiter*> queue_ ABSL_GUARDED_BY(mu_);
  bool committing_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace rakor
