// The calendar feeds over HTTP (cpp-httplib, from Debian), beside the gRPC API:
//   GET /regions/{region}/calendar.ics
//   GET /regions/{region}/units/{unit}/calendar.ics
// text/calendar; 404 for an unknown region or unit.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "services/scheduling/scheduling.h"

namespace httplib {
class Server;
}

namespace rakor::scheduling {

class FeedServer {
 public:
  // Serves on `host`:`port` (0 for any free port) until destroyed.
  static absl::StatusOr<std::unique_ptr<FeedServer>> Start(Scheduling* scheduling,
                                                           const std::string& host, int port);
  ~FeedServer();
  int port() const { return port_; }

 private:
  FeedServer() = default;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace rakor::scheduling
