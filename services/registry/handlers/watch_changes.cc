#include "services/registry/handlers/watch_changes.h"

#include <memory>

#include "absl/synchronization/mutex.h"
#include "services/common/grpc_status.h"
#include "services/registry/errors.h"
#include "services/registry/names.h"

namespace rakor::registry::handlers {
namespace {

using rakor::registry::v1::WatchChangesResponse;

constexpr int kBatch = 256;

// Refuses a malformed request.
class RefusedWatch final : public grpc::ServerWriteReactor<WatchChangesResponse> {
 public:
  explicit RefusedWatch(const absl::Status& status) { Finish(ToGrpcStatus(status)); }
  void OnDone() override { delete this; }
};

class WatchReactor final : public grpc::ServerWriteReactor<WatchChangesResponse> {
 public:
  WatchReactor(Registry* registry, std::string region, int64_t after)
      : registry_(registry), state_(std::make_shared<State>()) {
    state_->reactor = this;
    region_ = std::move(region);
    cursor_ = after;
    absl::MutexLock lock(&state_->mu);
    SendNextLocked();
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&state_->mu);
    if (!ok) {
      FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "client went away"));
      return;
    }
    writing_ = false;
    SendNextLocked();
  }

  void OnCancel() override {
    absl::MutexLock lock(&state_->mu);
    FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled"));
  }

  void OnDone() override {
    {
      absl::MutexLock lock(&state_->mu);
      state_->reactor = nullptr;  // a late wake-up finds nobody
    }
    registry_->notifier().Cancel(waiter_);
    delete this;
  }

 private:
  // Shared with the notifier's waiter, which may fire after this reactor is gone.
  struct State {
    absl::Mutex mu;
    WatchReactor* reactor = nullptr;
  };

  void FinishLocked(const grpc::Status& status) {
    if (finished_) return;
    finished_ = true;
    Finish(status);
  }

  // Writes the next batch, the caught-up marker, or waits for a commit.
  void SendNextLocked() {
    if (finished_ || writing_) return;
    while (true) {
      auto changes = registry_->ChangesAfter(region_, cursor_, kBatch);
      if (!changes.ok()) {
        FinishLocked(ToGrpcStatus(changes.status()));
        return;
      }
      response_.Clear();
      if (!changes->empty()) {
        for (auto& change : *changes) *response_.add_changes() = std::move(change);
        cursor_ = response_.changes(response_.changes_size() - 1).sequence();
        break;
      }
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
};

}  // namespace

grpc::ServerWriteReactor<WatchChangesResponse>* WatchChanges(
    Registry* registry, const rakor::registry::v1::WatchChangesRequest* request) {
  auto region = ParseRegionOrWildcard("parent", request->parent());
  if (!region.ok()) return new RefusedWatch(region.status());
  if (request->start_after_sequence() < 0) {
    return new RefusedWatch(
        errors::InvalidField("start_after_sequence", "must not be negative"));
  }
  if (!region->empty()) {
    if (auto known = registry->snapshot()->GetRegion(*region); !known.ok()) {
      return new RefusedWatch(known.status());
    }
  }
  return new WatchReactor(registry, *region, request->start_after_sequence());
}

}  // namespace rakor::registry::handlers
