// Threads for handlers that wait. A callback-API handler runs on one of gRPC's few
// event-engine threads and must not block it: a scheduling handler waiting on the
// registry, or a reporting handler waiting on scheduling that waits on the
// registry, would each hold one, and a few such calls at once stall every server
// in the process. A write waiting for its durable commit would hold one too, and
// with only a couple of writers in flight there would be no batch to commit
// together. Such handlers run here instead.
#pragma once

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace rakor {

class BlockingPool {
 public:
  explicit BlockingPool(int threads);
  ~BlockingPool();  // runs what is queued, then joins
  void Run(std::function<void()> task);

  // The process's pool for handlers that call other services or wait for a commit
  // (64 threads: each waits on the network or the disk, not on a core).
  static BlockingPool& ForWaitingHandlers();

 private:
  absl::Mutex mu_;
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace rakor
