#include "services/registry/handlers/watch_changes.h"

#include <algorithm>
#include <memory>

#include "absl/synchronization/mutex.h"
#include "services/common/grpc_status.h"
#include "services/common/rpc_log.h"
#include "services/registry/errors.h"
#include "services/registry/names.h"

namespace rakor::registry::handlers {
namespace {

using rakor::registry::v1::WatchChangesResponse;

constexpr int kBatch = 256;

// Refuses a malformed request.
class RefusedWatch final : public grpc::ServerWriteReactor<WatchChangesResponse> {
 public:
  RefusedWatch(const absl::Status& status, std::string peer) {
    LogRpc("WatchChanges", status, absl::ZeroDuration(), peer);
    Finish(ToGrpcStatus(status));
  }
  void OnDone() override { delete this; }
};

class WatchReactor final : public grpc::ServerWriteReactor<WatchChangesResponse> {
 public:
  WatchReactor(Registry* registry, std::string region, int64_t after, std::string peer)
      : registry_(registry), state_(std::make_shared<State>()), peer_(std::move(peer)) {
    state_->reactor = this;
    region_ = std::move(region);
    cursor_ = after;
    absl::MutexLock lock(&state_->mu);
    SendNextLocked();
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&state_->mu);
    if (!ok) {
      FinishLocked(absl::CancelledError("client went away"));
      return;
    }
    writing_ = false;
    SendNextLocked();
  }

  void OnCancel() override {
    absl::MutexLock lock(&state_->mu);
    FinishLocked(absl::CancelledError("cancelled"));
  }

  void OnDone() override {
    {
      absl::MutexLock lock(&state_->mu);
      state_->reactor = nullptr;  // a late wake-up finds nobody
    }
    registry_->notifier().Cancel(waiter_);
    LogRpc("WatchChanges", final_status_, absl::Now() - start_, peer_);
    delete this;
  }

 private:
  // Shared with the notifier's waiter, which may fire after this reactor is gone.
  struct State {
    absl::Mutex mu;
    WatchReactor* reactor = nullptr;
  };

  void FinishLocked(const absl::Status& status) {
    if (finished_) return;
    finished_ = true;
    final_status_ = status;
    Finish(ToGrpcStatus(status));
  }

  // Writes the next batch, the caught-up marker, or waits for a commit.
  void SendNextLocked() {
    if (finished_ || writing_) return;
    while (true) {
      auto page = registry_->ChangesAfter(region_, cursor_, kBatch);
      if (!page.ok()) {
        FinishLocked(page.status());
        return;
      }
      response_.Clear();
      if (!page->changes.empty()) {
        for (auto& change : page->changes) *response_.add_changes() = std::move(change);
        cursor_ = response_.changes(response_.changes_size() - 1).sequence();
        break;
      }
      // Nothing for this region up to the last commit anywhere: wait for a later one.
      cursor_ = std::max(cursor_, page->last_sequence);
      if (!caught_up_sent_) {
        response_.set_caught_up(true);
        caught_up_sent_ = true;
        break;
      }
      std::shared_ptr<State> state = state_;
      waiter_ = registry_->notifier().WaitForChangeAfter(cursor_, [state] {
        absl::MutexLock lock(&state->mu);
        if (state->reactor != nullptr) state->reactor->SendNextLocked();
      });
      if (waiter_ != 0) return;  // else something committed meanwhile: read again
    }
    writing_ = true;
    StartWrite(&response_);
  }

  Registry* registry_;
  std::shared_ptr<State> state_;
  std::string region_;
  int64_t cursor_ = 0;
  bool caught_up_sent_ = false;
  bool writing_ = false;
  bool finished_ = false;
  uint64_t waiter_ = 0;
  WatchChangesResponse response_;
  const absl::Time start_ = absl::Now();
  std::string peer_;
  absl::Status final_status_;
};

}  // namespace

grpc::ServerWriteReactor<WatchChangesResponse>* WatchChanges(
    Registry* registry, const rakor::registry::v1::WatchChangesRequest* request,
    std::string peer) {
  auto region = ParseRegionOrWildcard("parent", request->parent());
  if (!region.ok()) return new RefusedWatch(region.status(), peer);
  if (request->start_after_sequence() < 0) {
    return new RefusedWatch(
        errors::InvalidField("start_after_sequence", "must not be negative"), peer);
  }
  if (!region->empty()) {
    if (auto known = registry->snapshot()->GetRegion(*region); !known.ok()) {
      return new RefusedWatch(known.status(), peer);
    }
  }
  return new WatchReactor(registry, *region, request->start_after_sequence(), std::move(peer));
}

}  // namespace rakor::registry::handlers
