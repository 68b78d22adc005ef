#include "services/common/blocking_pool.h"

namespace rakor {

BlockingPool::BlockingPool(int threads) {
  for (int i = 0; i < threads; ++i) {
    threads_.emplace_back([this] {
      while (true) {
        std::function<void()> task;
        {
          absl::MutexLock lock(&mu_);
          mu_.Await(absl::Condition(
              +[](BlockingPool* p) ABSL_EXCLUSIVE_LOCKS_REQUIRED(p->mu_) {
                return p->stopping_ || !p->queue_.empty();
              },
              this));
          if (queue_.empty()) return;  // stopping, and nothing left
          task = std::move(queue_.front());
          queue_.pop_front();
        }
        task();
      }
    });
  }
}

BlockingPool::~BlockingPool() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (std::thread& t : threads_) t.join();
}

void BlockingPool::Run(std::function<void()> task) {
  absl::MutexLock lock(&mu_);
  queue_.push_back(std::move(task));
}

BlockingPool& BlockingPool::ForWaitingHandlers() {
  static BlockingPool* const pool = new BlockingPool(64);  // lives as long as the process
  return *pool;
}

}  // namespace rakor
