// rakor-dashboard: the web dashboard of whether the required meetings were held,
// reading the registry, scheduling and reporting services.
#include <cstdlib>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "clients/dashboard/backend.h"
#include "clients/dashboard/server.h"
#include "common/clock.h"
#include "services/common/channels.h"
#include "services/common/metrics.h"
#include "services/common/server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:8080", "HOST:PORT to serve the dashboard on");
ABSL_FLAG(std::string, registry_addr, "",
          "HOST:PORT of the registry (default: $RAKOR_REGISTRY_ADDR, else 127.0.0.1:50051)");
ABSL_FLAG(std::string, scheduling_addr, "",
          "HOST:PORT of scheduling (default: $RAKOR_SCHEDULING_ADDR, else 127.0.0.1:50052)");
ABSL_FLAG(std::string, reporting_addr, "",
          "HOST:PORT of reporting (default: $RAKOR_REPORTING_ADDR, else 127.0.0.1:50053)");
ABSL_FLAG(std::string, metrics_listen, "",
          "HOST:PORT to serve Prometheus metrics on (empty: none)");

int main(int argc, char** argv) {
  rakor::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  const absl::StatusOr<rakor::Transport> transport = rakor::TransportFromFlags();
  if (!transport.ok()) {
    std::cerr << "rakor-dashboard: " << transport.status().message() << "\n";
    return 2;
  }
  const auto channel = [credentials = transport->ChannelCredentials()](
                           const std::string& flag, const char* env, const char* fallback) {
    return rakor::ServiceChannel(rakor::ServiceAddress(flag, env, fallback), credentials);
  };
  rakor::dashboard::Backend backend(
      channel(absl::GetFlag(FLAGS_registry_addr), "RAKOR_REGISTRY_ADDR", "127.0.0.1:50051"),
      channel(absl::GetFlag(FLAGS_scheduling_addr), "RAKOR_SCHEDULING_ADDR", "127.0.0.1:50052"),
      channel(absl::GetFlag(FLAGS_reporting_addr), "RAKOR_REPORTING_ADDR", "127.0.0.1:50053"),
      transport->insecure_development);
  auto metrics =
      rakor::MetricsServer::StartFor("rakor-dashboard", absl::GetFlag(FLAGS_metrics_listen));
  if (!metrics.ok()) {
    std::cerr << "rakor-dashboard: " << metrics.status().message() << "\n";
    return 1;
  }
  rakor::RealClock clock;
  const auto [host, port] = rakor::SplitHostPort(absl::GetFlag(FLAGS_listen));
  auto dashboard = rakor::dashboard::DashboardServer::Start(&backend, &clock, host, port);
  if (!dashboard.ok()) {
    std::cerr << "rakor-dashboard: " << dashboard.status().message() << "\n";
    return 1;
  }
  std::cerr << "rakor-dashboard: pages on http://" << host << ":" << (*dashboard)->port() << "/\n"
            << "rakor-dashboard: to the services, " << transport->Describe() << "; "
            << (transport->insecure_development
                    ? "a reader's stated identity is passed on as rakor-actor"
                    : "every reader reads as this process's certificate, which should be "
                      "spiffe://rakor/role/public")
            << "\n"
            << "rakor-dashboard: serving on port " << (*dashboard)->port() << "\n";
  const int signal = rakor::WaitForShutdownSignal();
  std::cerr << "rakor-dashboard: signal " << signal << ", stopping\n";
  return 0;
}
