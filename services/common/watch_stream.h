// The server side of every service's WatchChanges, written once: streams of one
// region's committed changes (or every region's) fed from a ChangeFeed in memory.
//
// Commit and delivery are apart. A write publishes to the feed and returns; one
// fan-out thread per hub then starts the next write of every idle stream, building
// each distinct response once for all streams at the same point of the same region. A stream whose
// last write is still in flight is skipped: it picks up where it is when that write completes (on
// gRPC's callback thread), so a stream that does not read holds at most one response and never
// holds back a writer or another stream. A stream behind what the feed holds in memory reads the
// database through `backfill`, which must not take the writer lock.
//
// Guarantees, documented for clients in the service's proto:
// - Changes arrive in sequence order, each once per stream, for one region and
//   across regions (the sequence is global to the service).
// - Every response carries `sequence`: the stream has every change of its region up
//   to it. Resuming with start_after_sequence = the last one received loses
//   nothing (at-least-once across reconnects; a client may see a change again only
//   if it resumes from an earlier sequence).
// - When nothing changes, a progress response (no changes, the latest sequence) at
//   least every `progress_interval`.
// - A stream whose write has not completed for `stall_timeout` ends with
//   RESOURCE_EXHAUSTED, reason WATCH_TOO_SLOW; at shutdown, every stream ends with
//   UNAVAILABLE, reason SERVER_STOPPING. Both carry `resume_after_sequence` in the
//   ErrorInfo metadata. A stream whose client does not take even the status is
//   reset (CANCELLED) after `status_grace`.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/change_feed.h"
#include "common/error_details.h"
#include "common/errors.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/server_callback.h"
#include "services/common/grpc_status.h"
#include "services/common/rpc_record.h"

namespace rakor {

struct WatchOptions {
  int batch = 256;  // changes per response at most
  absl::Duration progress_interval = absl::Seconds(10);
  absl::Duration stall_timeout = absl::Seconds(30);
  // How long a stream ended by the server may take to accept its status before it
  // is reset.
  absl::Duration status_grace = absl::Seconds(1);
  // Refuse a start after the last sequence this process knows. Off where replicas
  // share a database: a client may bring a sequence from a replica ahead of this one.
  bool refuse_sequence_ahead = true;
};

// A server-streaming RPC refused before it starts, logged like a unary call.
template <typename Response>
grpc::ServerWriteReactor<Response>* RefuseStream(absl::string_view method,
                                                 const absl::Status& status,
                                                 const grpc::CallbackServerContext& call) {
  class Refused final : public grpc::ServerWriteReactor<Response> {
   public:
    explicit Refused(const absl::Status& status) { this->Finish(ToGrpcStatus(status)); }
    void OnDone() override { delete this; }
  };
  RecordRpc(method, status, absl::ZeroDuration(), call.peer());
  return new Refused(status);
}

// `Response` has `repeated Change changes`, `bool caught_up` and `int64 sequence`.
template <typename Change, typename Response>
class WatchHub {
 public:
  using Page = typename ChangeFeed<Change>::Page;
  // Changes after a sequence from the database, for a stream behind the feed.
  using Backfill =
      std::function<absl::StatusOr<Page>(const std::string& region, int64_t after, int limit)>;

  // `method` names the streams in the RPC log; `error_domain` is the ErrorInfo
  // domain of the statuses they end with.
  WatchHub(std::string method, std::string error_domain, const ChangeFeed<Change>* feed,
           Backfill backfill, WatchOptions options)
      : method_(std::move(method)),
        error_domain_(std::move(error_domain)),
        feed_(feed),
        backfill_(std::move(backfill)),
        options_(options) {
    listener_ = feed_->AddListener([this] {
      absl::MutexLock lock(&mu_);
      news_ = true;
    });
    fan_out_ = std::thread([this] { FanOut(); });
  }

  ~WatchHub() {
    Close();
    {
      absl::MutexLock lock(&mu_);
      stopping_ = true;
    }
    fan_out_.join();
    feed_->RemoveListener(listener_);
  }

  WatchHub(const WatchHub&) = delete;
  WatchHub& operator=(const WatchHub&) = delete;

  // A stream of `region`'s changes ("" for every region) after sequence `after`,
  // which the request carries in `field`.
  grpc::ServerWriteReactor<Response>* Open(grpc::CallbackServerContext* call, std::string region,
                                           absl::string_view field, int64_t after) {
    if (const int64_t last = feed_->last_sequence();
        options_.refuse_sequence_ahead && after > last) {
      return RefuseStream<Response>(
          method_, errors::SequenceAhead(error_domain_, field, after, last), *call);
    }
    auto watch = std::make_shared<Watch>();
    watch->call = call;
    watch->region = std::move(region);
    watch->cursor = after;
    watch->delivered = after;
    watch->peer = RpcLogEnabled() ? call->peer() : "";
    auto* reactor = new Reactor(this, watch);
    watch->reactor = reactor;
    bool closed = false;
    {
      absl::MutexLock lock(&mu_);
      closed = closed_;
      if (!closed) watches_.emplace(watch.get(), watch);
    }
    if (closed) {
      End(*watch, Stopping(after));
    } else {
      Send(*watch);
    }
    return reactor;
  }

  // Ends every open stream with UNAVAILABLE and the sequence to resume from, and
  // refuses new ones alike: call when the server begins to shut down.
  void Close() {
    std::vector<std::shared_ptr<Watch>> open;
    {
      absl::MutexLock lock(&mu_);
      closed_ = true;
      for (auto& [ptr, watch] : watches_) open.push_back(watch);
    }
    for (auto& watch : open) {
      int64_t resume = 0;
      {
        absl::MutexLock lock(&watch->mu);
        resume = watch->delivered;
      }
      End(*watch, Stopping(resume));
    }
  }

  size_t open_streams() const {
    absl::MutexLock lock(&mu_);
    return watches_.size();
  }

 private:
  class Reactor;

  // One stream's state, shared by its reactor and the fan-out thread; outlives the
  // reactor so that a late visit finds `reactor` null.
  struct Watch {
    absl::Mutex mu;
    Reactor* reactor ABSL_GUARDED_BY(mu) = nullptr;
    grpc::CallbackServerContext* call = nullptr;
    std::string region;
    std::string peer;
    int64_t cursor ABSL_GUARDED_BY(mu) = 0;     // up to here is sent or being sent
    int64_t delivered ABSL_GUARDED_BY(mu) = 0;  // up to here the writes completed
    bool caught_up_sent ABSL_GUARDED_BY(mu) = false;
    bool writing ABSL_GUARDED_BY(mu) = false;
    bool finished ABSL_GUARDED_BY(mu) = false;
    int calls_out ABSL_GUARDED_BY(mu) = 0;  // Finish/TryCancel running outside `mu`
    absl::Time write_started ABSL_GUARDED_BY(mu);
    absl::Time last_sent ABSL_GUARDED_BY(mu);
    absl::Time finished_at ABSL_GUARDED_BY(mu);
    int64_t in_flight_sequence ABSL_GUARDED_BY(mu) = 0;
    std::shared_ptr<const Response> in_flight ABSL_GUARDED_BY(mu);
    absl::Status status ABSL_GUARDED_BY(mu);
    const absl::Time start = absl::Now();
  };

  class Reactor final : public grpc::ServerWriteReactor<Response> {
   public:
    Reactor(WatchHub* hub, std::shared_ptr<Watch> watch) : hub_(hub), watch_(std::move(watch)) {}

    void OnWriteDone(bool ok) override { hub_->WriteDone(*watch_, ok); }
    void OnCancel() override {
      hub_->End(*watch_, absl::CancelledError("cancelled by the client"));
    }
    void OnDone() override {
      absl::Status status;
      {
        absl::MutexLock lock(&watch_->mu);
        // Finish or TryCancel may still be returning on another thread.
        watch_->mu.Await(absl::Condition(
            +[](Watch* w) ABSL_NO_THREAD_SAFETY_ANALYSIS { return w->calls_out == 0; },
            watch_.get()));
        watch_->reactor = nullptr;
        status = watch_->status;
      }
      hub_->Forget(watch_.get());
      RecordRpc(hub_->method_, status, absl::Now() - watch_->start, watch_->peer);
      delete this;
    }

   private:
    WatchHub* hub_;
    std::shared_ptr<Watch> watch_;
  };

  // A response and the sequence it takes its stream to.
  struct Built {
    std::shared_ptr<const Response> response;
    int64_t through = 0;
  };

  // Starts the stream's next write if it is idle and has something to say: the
  // next changes, the caught-up marker once, or a progress response when it has
  // been quiet for the progress interval.
  void Send(Watch& w) {
    absl::Status failed;
    {
      absl::MutexLock lock(&w.mu);
      if (w.finished || w.writing || w.reactor == nullptr) return;
      const absl::Time now = absl::Now();
      const bool marker_due = !w.caught_up_sent || now - w.last_sent >= options_.progress_interval;
      // Nothing committed past this stream's point, and nothing due: quiet, without
      // building a response (the common case as each write completes).
      if (!marker_due && w.cursor >= feed_->last_sequence()) return;
      Built built;
      if (absl::StatusOr<Built> next = Next(w.region, w.cursor, !w.caught_up_sent, marker_due);
          next.ok()) {
        built = *std::move(next);
      } else {
        failed = next.status();
      }
      if (failed.ok()) {
        if (built.response == nullptr) {
          w.cursor = built.through;  // nothing new for this region: stay quiet
          return;
        }
        if (built.response->caught_up()) w.caught_up_sent = true;
        w.cursor = built.through;
        w.writing = true;
        w.write_started = now;
        w.last_sent = now;
        w.in_flight = built.response;
        w.in_flight_sequence = built.through;
        // StartWrite never runs a reaction inline, so it is safe under `mu`.
        w.reactor->StartWrite(w.in_flight.get());
        return;
      }
    }
    End(w, failed);
  }

  // The response that takes a stream at `cursor` forward: its region's next
  // changes, or none with the latest sequence (marked caught up for a stream that
  // has not been told yet) if `marker_due`, else no response, only the sequence
  // (the other regions' changes a stream passes over cost no allocation).
  absl::StatusOr<Built> Next(const std::string& region, int64_t cursor, bool first_marker,
                             bool marker_due) {
    if (std::optional<Built> shared = cache_.Find(region, cursor)) return *std::move(shared);
    std::optional<Page> page = feed_->Read(region, cursor, options_.batch);
    if (!page.has_value()) {
      absl::StatusOr<Page> stored = backfill_(region, cursor, options_.batch);
      if (!stored.ok()) {
        return WithErrorInfo(
            absl::UnavailableError(absl::StrCat(
                "the change log could not be read; resume with start_after_sequence=", cursor)),
            "CHANGE_LOG_UNAVAILABLE", error_domain_,
            {{"resume_after_sequence", absl::StrCat(cursor)}});
      }
      page = *std::move(stored);
    }
    if (page->changes.empty() && !marker_due) return Built{nullptr, page->through};
    auto response = std::make_shared<Response>();
    for (const auto& change : page->changes) *response->add_changes() = *change;
    response->set_sequence(page->through);
    // A page short of the batch reached the latest sequence: the replay is over,
    // even if changes keep coming. Such a response is this stream's own.
    const bool last_of_replay =
        first_marker && static_cast<int>(page->changes.size()) < options_.batch;
    if (last_of_replay) response->set_caught_up(true);
    Built built{std::move(response), page->through};
    if (!page->changes.empty() && !last_of_replay) cache_.Add(region, cursor, built);
    return built;
  }

  void WriteDone(Watch& w, bool ok) {
    if (!ok) {
      End(w, absl::CancelledError("the client went away"));
      return;
    }
    {
      absl::MutexLock lock(&w.mu);
      w.writing = false;
      w.delivered = w.in_flight_sequence;
      w.in_flight.reset();
    }
    Send(w);
  }

  // Finishes the stream with `status` (once); gRPC calls OnDone when it is over.
  void End(Watch& w, const absl::Status& status) {
    Reactor* reactor = nullptr;
    {
      absl::MutexLock lock(&w.mu);
      if (w.finished || w.reactor == nullptr) return;
      w.finished = true;
      w.finished_at = absl::Now();
      w.status = status;
      reactor = w.reactor;
      ++w.calls_out;
    }
    // Outside `mu`: Finish may run OnDone inline, which takes `mu`.
    reactor->Finish(ToGrpcStatus(status));
    absl::MutexLock lock(&w.mu);
    --w.calls_out;
  }

  // A finished stream whose client does not take even the status is cut.
  void Cancel(Watch& w) {
    grpc::CallbackServerContext* call = nullptr;
    {
      absl::MutexLock lock(&w.mu);
      if (w.reactor == nullptr) return;
      call = w.call;
      ++w.calls_out;
    }
    call->TryCancel();
    absl::MutexLock lock(&w.mu);
    --w.calls_out;
  }

  void Forget(Watch* w) {
    absl::MutexLock lock(&mu_);
    watches_.erase(w);
  }

  absl::Status TooSlow(int64_t resume) const {
    return WithErrorInfo(
        absl::ResourceExhaustedError(absl::StrCat("the client took no changes for ",
                                                  absl::FormatDuration(options_.stall_timeout),
                                                  "; resume with start_after_sequence=", resume)),
        "WATCH_TOO_SLOW", error_domain_, {{"resume_after_sequence", absl::StrCat(resume)}});
  }

  absl::Status Stopping(int64_t resume) const {
    return WithErrorInfo(absl::UnavailableError(absl::StrCat(
                             "the server is stopping; resume with start_after_sequence=", resume)),
                         "SERVER_STOPPING", error_domain_,
                         {{"resume_after_sequence", absl::StrCat(resume)}});
  }

  // The fan-out thread: after each publish, and at least every tick for progress
  // responses and stalled streams, visits every stream once.
  void FanOut() {
    const absl::Duration tick = std::max(
        absl::Milliseconds(10), std::min(options_.progress_interval, options_.stall_timeout) / 4);
    while (true) {
      std::vector<std::shared_ptr<Watch>> open;
      {
        absl::MutexLock lock(&mu_);
        auto woken = [this]() ABSL_NO_THREAD_SAFETY_ANALYSIS { return news_ || stopping_; };
        mu_.AwaitWithTimeout(absl::Condition(&woken), tick);
        if (stopping_) return;
        news_ = false;
        open.reserve(watches_.size());
        for (auto& [ptr, watch] : watches_) open.push_back(watch);
      }
      const absl::Time now = absl::Now();
      for (auto& watch : open) {
        bool stalled = false, unresponsive = false;
        int64_t resume = 0;
        {
          absl::MutexLock lock(&watch->mu);
          stalled = !watch->finished && watch->writing &&
                    now - watch->write_started > options_.stall_timeout;
          unresponsive = watch->finished && now - watch->finished_at > options_.status_grace;
          resume = watch->delivered;
        }
        if (stalled) {
          End(*watch, TooSlow(resume));
        } else if (unresponsive) {
          Cancel(*watch);
        } else {
          Send(*watch);
        }
      }
    }
  }

  // The responses with changes built lately, by region and starting point: streams
  // at the same point of the same region (the common case: all caught up) share
  // one, so each change is read and copied once for all of them. Valid forever
  // (changes after a point do not change), kept while they are recent.
  class ResponseCache {
   public:
    std::optional<Built> Find(const std::string& region, int64_t cursor) {
      absl::MutexLock lock(&mu_);
      auto it = built_.find({cursor, region});
      if (it == built_.end()) return std::nullopt;
      return it->second;
    }
    void Add(const std::string& region, int64_t cursor, const Built& built) {
      absl::MutexLock lock(&mu_);
      built_.emplace(std::make_pair(cursor, region), built);
      while (built_.size() > kEntries) built_.erase(built_.begin());  // the oldest point
    }

   private:
    static constexpr size_t kEntries = 256;
    absl::Mutex mu_;
    std::map<std::pair<int64_t, std::string>, Built> built_ ABSL_GUARDED_BY(mu_);
  };

  const std::string method_;
  const std::string error_domain_;
  const ChangeFeed<Change>* feed_;
  const Backfill backfill_;
  const WatchOptions options_;
  int listener_ = 0;
  ResponseCache cache_;

  mutable absl::Mutex mu_;
  bool news_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  std::map<Watch*, std::shared_ptr<Watch>> watches_ ABSL_GUARDED_BY(mu_);
  std::thread fan_out_;
};

}  // namespace rakor
