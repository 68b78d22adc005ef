#include "services/common/caller_limits.h"

#include <atomic>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/limits.h"
#include "services/common/metrics.h"

namespace rakor {
namespace {

std::atomic<int> g_limit{limits::kDefaultCallsPerCaller};

struct InFlight {
  absl::Mutex mu;
  absl::flat_hash_map<std::string, int> calls ABSL_GUARDED_BY(mu);
};

InFlight& Calls() {
  static auto* in_flight = new InFlight;
  return *in_flight;
}

// "ipv4:127.0.0.1:5000" -> "ipv4:127.0.0.1": a client's connections share a limit.
absl::string_view Host(absl::string_view peer) {
  const size_t colon = peer.rfind(':');
  return colon == absl::string_view::npos ? peer : peer.substr(0, colon);
}

}  // namespace

void SetCallsPerCaller(int calls) { g_limit = calls < 1 ? 1 : calls; }

absl::StatusOr<CallerSlot> TakeCallerSlot(absl::string_view method, const Caller& caller,
                                          absl::string_view peer) {
  // A rakor service on its own account is bounded by its own pool (64 threads):
  // refusing it would fail its users' calls, which it makes for them.
  if (caller.role == Role::kService) return CallerSlot();
  std::string key = caller.ToString();
  // Callers without a unit are many behind one name: each replica of a service,
  // each member of the public. Their address tells them apart.
  if (caller.unit.empty()) {
    absl::StrAppend(&key, "@", Host(peer));
  }
  const int limit = g_limit;
  bool taken = false;
  {
    InFlight& in_flight = Calls();
    absl::MutexLock lock(&in_flight.mu);
    int& calls = in_flight.calls[key];
    taken = calls < limit;
    if (taken) ++calls;
  }
  if (!taken) {
    CountRefusal(method, absl::StatusCode::kResourceExhausted, RoleName(caller.role));
    return absl::ResourceExhaustedError(
        absl::StrCat(caller.ToString(), " already has ", limit,
                     " calls in flight on this server, the most one caller may have; retry "
                     "after one finishes"));
  }
  return CallerSlot(nullptr, [key = std::move(key)](const void*) {
    InFlight& in_flight = Calls();
    absl::MutexLock lock(&in_flight.mu);
    auto it = in_flight.calls.find(key);
    if (--it->second == 0) in_flight.calls.erase(it);
  });
}

}  // namespace rakor
