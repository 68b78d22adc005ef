// rakor-reporting: the reporting gRPC server, on an embedded SQLite file (or
// PostgreSQL), asking the registry for routes and the scheduling service for
// meetings, and telling scheduling of accepted minutes through its outbox.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "services/common/channels.h"
#include "services/common/metrics.h"
#include "services/common/rpc_log.h"
#include "services/common/server.h"
#include "services/reporting/clients/upstream.h"
#include "services/reporting/metrics.h"
#include "services/reporting/outbox_loop.h"
#include "services/reporting/reporting.h"
#include "services/reporting/service.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50053", "HOST:PORT to serve gRPC on");
ABSL_FLAG(std::string, database, "rakor-reporting.db",
          "a SQLite database file, or a postgresql:// URI without a password");
ABSL_FLAG(std::string, registry_addr, "",
          "HOST:PORT of the registry (default: $RAKOR_REGISTRY_ADDR, else 127.0.0.1:50051)");
ABSL_FLAG(std::string, scheduling_addr, "",
          "HOST:PORT of the scheduling service (default: $RAKOR_SCHEDULING_ADDR, else "
          "127.0.0.1:50052)");
ABSL_FLAG(std::string, spool_dir, "", "where uploads are spooled (default: the temp directory)");
ABSL_FLAG(int64_t, max_attachment_bytes, int64_t{25} << 20, "the largest attachment accepted");
ABSL_FLAG(int, step_due_working_days, 3, "working days after which a step is overdue");
ABSL_FLAG(absl::Duration, outbox_interval, absl::Seconds(1),
          "how often the outbox is looked at for notifications due");
ABSL_FLAG(bool, rpc_log, true, "log one JSON line per RPC to stderr");
ABSL_FLAG(std::string, metrics_listen, "",
          "HOST:PORT to serve Prometheus metrics on (empty: none)");

int main(int argc, char** argv) {
  rakor::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  const absl::StatusOr<rakor::Transport> transport = rakor::TransportFromFlags();
  if (!transport.ok()) {
    std::cerr << "rakor-reporting: " << transport.status().message() << "\n";
    return 2;
  }
  rakor::EnableRpcLog(absl::GetFlag(FLAGS_rpc_log));
  const std::string registry_addr = rakor::ServiceAddress(absl::GetFlag(FLAGS_registry_addr),
                                                          "RAKOR_REGISTRY_ADDR", "127.0.0.1:50051");
  const std::string scheduling_addr = rakor::ServiceAddress(
      absl::GetFlag(FLAGS_scheduling_addr), "RAKOR_SCHEDULING_ADDR", "127.0.0.1:50052");
  rakor::reporting::Upstream upstream(
      rakor::ServiceChannel(registry_addr, transport->ChannelCredentials()),
      rakor::ServiceChannel(scheduling_addr, transport->ChannelCredentials()));
  rakor::RealClock clock;
  rakor::reporting::ReportingOptions options;
  options.max_attachment_bytes = absl::GetFlag(FLAGS_max_attachment_bytes);
  options.step_due_working_days = absl::GetFlag(FLAGS_step_due_working_days);
  auto reporting =
      rakor::reporting::Reporting::Open(absl::GetFlag(FLAGS_database), &clock, &upstream, options);
  if (!reporting.ok()) {
    std::cerr << "rakor-reporting: " << reporting.status() << "\n";
    return 1;
  }
  std::string spool = absl::GetFlag(FLAGS_spool_dir);
  if (spool.empty()) spool = std::filesystem::temp_directory_path().string();

  auto metrics =
      rakor::MetricsServer::StartFor("rakor-reporting", absl::GetFlag(FLAGS_metrics_listen));
  if (!metrics.ok()) {
    std::cerr << "rakor-reporting: " << metrics.status().message() << "\n";
    return 1;
  }
  if (*metrics != nullptr) {
    (*metrics)->AddGauges([&reporting] { return rakor::reporting::BacklogGauges(**reporting); });
  }
  rakor::reporting::OutboxLoop outbox(reporting->get(), absl::GetFlag(FLAGS_outbox_interval),
                                      "rakor-reporting");
  rakor::reporting::ReportingServiceImpl service(reporting->get(), transport->insecure_development,
                                                 spool);
  std::cerr << "rakor-reporting: registry at " << registry_addr << ", scheduling at "
            << scheduling_addr << "\n";
  const int code = rakor::ServeUntilSignal("rakor-reporting", absl::GetFlag(FLAGS_listen),
                                           *transport, {&service});
  metrics->reset();
  return code;
}
