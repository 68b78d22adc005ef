// The dashboard's HTTP server (cpp-httplib): each page fetches what it shows from
// the services, renders it (views.h) and counts itself in the metrics.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "clients/dashboard/backend.h"
#include "common/clock.h"

namespace httplib {
class Server;
}

namespace rakor::dashboard {

class DashboardServer {
 public:
  // Serves on `host`:`port` (0 for any free port) until destroyed.
  static absl::StatusOr<std::unique_ptr<DashboardServer>> Start(Backend* backend,
                                                                const Clock* clock,
                                                                const std::string& host, int port);
  ~DashboardServer();
  int port() const { return port_; }

 private:
  DashboardServer() = default;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace rakor::dashboard
