// Prometheus metrics, exposed on each process's own HTTP port (prometheus-cpp):
// every finished RPC counted and timed by method and canonical code, and gauges a
// service computes when it is scraped (domain state, read as committed).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "prometheus/metric_family.h"
#include "prometheus/registry.h"

namespace rakor {

// Counts one finished RPC in rakor_rpc_requests_total and rakor_rpc_duration_seconds.
void CountRpc(absl::string_view method, absl::StatusCode code, absl::Duration latency);

// Counts a call refused before its handler ran, in rakor_rpc_refused_total{method,code,role}
// (PERMISSION_DENIED by the policy, UNAUTHENTICATED, RESOURCE_EXHAUSTED by a caller's
// limit): the figure an alert on probing or a misbehaving client watches.
void CountRefusal(absl::string_view method, absl::StatusCode code, absl::string_view role);

// The process's registry, for counters and histograms of its own.
prometheus::Registry& MetricsRegistry();

// The buckets of every latency histogram: 100 µs to 10 s.
const std::vector<double>& LatencyBuckets();

// Gauges worked out at scrape time: a family per name, a sample per label set.
class GaugeSet {
 public:
  void Add(const std::string& name, const std::string& help,
           const std::map<std::string, std::string>& labels, double value);
  std::vector<prometheus::MetricFamily> Families() &&;

 private:
  std::map<std::string, prometheus::MetricFamily> families_;
};

class MetricsServer {
 public:
  // Serves GET /metrics on `listen` (HOST:PORT; port 0 picks one).
  static absl::StatusOr<std::unique_ptr<MetricsServer>> Start(const std::string& listen);
  // Start for the binary `name`, saying where on stderr; none when `listen` is empty.
  static absl::StatusOr<std::unique_ptr<MetricsServer>> StartFor(const std::string& name,
                                                                 const std::string& listen);
  ~MetricsServer();
  int port() const { return port_; }
  // Adds gauges computed on each scrape; `compute` must be safe to call from the
  // HTTP server's threads until this server is destroyed.
  void AddGauges(std::function<GaugeSet()> compute);

 private:
  struct State;
  MetricsServer(std::unique_ptr<State> state, int port);
  std::unique_ptr<State> state_;
  int port_;
};

}  // namespace rakor
