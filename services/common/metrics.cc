#include "services/common/metrics.h"

#include <deque>
#include <exception>
#include <iostream>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/collectable.h"
#include "prometheus/counter.h"
#include "prometheus/exposer.h"
#include "prometheus/histogram.h"

namespace rakor {
namespace {

struct RpcFamilies {
  prometheus::Family<prometheus::Counter>& requests;
  prometheus::Family<prometheus::Histogram>& duration;
};

RpcFamilies& Rpc() {
  static RpcFamilies* families =
      new RpcFamilies{prometheus::BuildCounter()
                          .Name("rakor_rpc_requests_total")
                          .Help("RPCs finished, by method and canonical status code")
                          .Register(MetricsRegistry()),
                      prometheus::BuildHistogram()
                          .Name("rakor_rpc_duration_seconds")
                          .Help("Time from an RPC's arrival to its status, by method and code")
                          .Register(MetricsRegistry())};
  return *families;
}

// Each (method, code) pair's counter and histogram, found once: the registry's own
// look-up hashes a label map per call.
struct RpcSeries {
  prometheus::Counter* requests = nullptr;
  prometheus::Histogram* duration = nullptr;
};

class ComputedGauges final : public prometheus::Collectable {
 public:
  explicit ComputedGauges(std::function<GaugeSet()> compute) : compute_(std::move(compute)) {}
  std::vector<prometheus::MetricFamily> Collect() const override { return compute_().Families(); }

 private:
  std::function<GaugeSet()> compute_;
};

}  // namespace

// Never destroyed: RPCs may finish while the process exits.
const std::shared_ptr<prometheus::Registry>& SharedRegistry() {
  static auto* registry =
      new std::shared_ptr<prometheus::Registry>(std::make_shared<prometheus::Registry>());
  return *registry;
}

prometheus::Registry& MetricsRegistry() { return *SharedRegistry(); }

const std::vector<double>& LatencyBuckets() {
  static const auto* buckets =
      new std::vector<double>{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                              0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,    10};
  return *buckets;
}

void CountRpc(absl::string_view method, absl::StatusCode code, absl::Duration latency) {
  // Every call looks its series up, so the lookup allocates nothing and readers share
  // the lock; only a method's first call with a code adds one.
  using Key = std::pair<absl::string_view, absl::StatusCode>;
  static absl::Mutex mu(absl::kConstInit);
  static auto* series = new absl::flat_hash_map<Key, RpcSeries>();
  static auto* names = new std::deque<std::string>();  // what the keys view
  const Key key(method, code);
  RpcSeries found;
  {
    absl::ReaderMutexLock lock(&mu);
    if (auto it = series->find(key); it != series->end()) found = it->second;
  }
  if (found.requests == nullptr) {
    absl::MutexLock lock(&mu);
    auto it = series->find(key);
    if (it == series->end()) {
      const std::string& name = names->emplace_back(method);
      const std::map<std::string, std::string> labels = {{"method", name},
                                                         {"code", absl::StatusCodeToString(code)}};
      it = series
               ->emplace(Key(name, code), RpcSeries{&Rpc().requests.Add(labels),
                                                    &Rpc().duration.Add(labels, LatencyBuckets())})
               .first;
    }
    found = it->second;
  }
  found.requests->Increment();
  found.duration->Observe(absl::ToDoubleSeconds(latency));
}

void CountRefusal(absl::string_view method, absl::StatusCode code, absl::string_view role) {
  static auto& family = prometheus::BuildCounter()
                            .Name("rakor_rpc_refused_total")
                            .Help(
                                "Calls refused before their handler: by the authorization "
                                "policy, for want of an identity, or over a caller's limit")
                            .Register(MetricsRegistry());
  family
      .Add({{"method", std::string(method)},
            {"code", absl::StatusCodeToString(code)},
            {"role", std::string(role)}})
      .Increment();
}

void GaugeSet::Add(const std::string& name, const std::string& help,
                   const std::map<std::string, std::string>& labels, double value) {
  prometheus::MetricFamily& family = families_[name];
  if (family.name.empty()) {
    family.name = name;
    family.help = help;
    family.type = prometheus::MetricType::Gauge;
  }
  prometheus::ClientMetric& sample = family.metric.emplace_back();
  for (const auto& [label, label_value] : labels) sample.label.push_back({label, label_value});
  sample.gauge.value = value;
}

std::vector<prometheus::MetricFamily> GaugeSet::Families() && {
  std::vector<prometheus::MetricFamily> out;
  for (auto& [name, family] : families_) out.push_back(std::move(family));
  return out;
}

struct MetricsServer::State {
  std::unique_ptr<prometheus::Exposer> exposer;
  std::vector<std::shared_ptr<ComputedGauges>> gauges;
};

absl::StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::Start(const std::string& listen) {
  auto state = std::make_unique<State>();
  try {
    // One thread: scrapes come every few seconds, from one Prometheus or two.
    state->exposer = std::make_unique<prometheus::Exposer>(listen, 1);
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("metrics: cannot listen on ", listen, ": ", e.what()));
  }
  state->exposer->RegisterCollectable(SharedRegistry());
  const std::vector<int> ports = state->exposer->GetListeningPorts();
  const int port = ports.empty() ? 0 : ports.front();
  return std::unique_ptr<MetricsServer>(new MetricsServer(std::move(state), port));
}

absl::StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::StartFor(const std::string& name,
                                                                       const std::string& listen) {
  if (listen.empty()) return nullptr;
  absl::StatusOr<std::unique_ptr<MetricsServer>> started = Start(listen);
  if (!started.ok()) return started.status();
  std::cerr << name << ": metrics on http://" << listen.substr(0, listen.rfind(':')) << ":"
            << (*started)->port() << "/metrics\n";
  return started;
}

MetricsServer::MetricsServer(std::unique_ptr<State> state, int port)
    : state_(std::move(state)), port_(port) {}

MetricsServer::~MetricsServer() = default;

void MetricsServer::AddGauges(std::function<GaugeSet()> compute) {
  auto gauges = std::make_shared<ComputedGauges>(std::move(compute));
  state_->exposer->RegisterCollectable(gauges);
  state_->gauges.push_back(std::move(gauges));
}

}  // namespace rakor
