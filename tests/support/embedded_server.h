// rakor-server (services/embedded) as a child process: started with its arguments,
// ready once it says where each service and the dashboard serve.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/child_process.h"
#include "tests/support/registry_fixture.h"

namespace rakor::testing {

struct EmbeddedServer {
  std::unique_ptr<Child> child;
  int registry = 0, scheduling = 0, reporting = 0, dashboard = 0;

  std::string Address(int port) const { return "127.0.0.1:" + std::to_string(port); }
};

// Every port on loopback chosen by the system, the seeds from the repository, the
// data in `data_dir`; `more` adds the mode and anything else.
inline EmbeddedServer StartEmbeddedServer(const std::string& data_dir,
                                          std::vector<std::string> more) {
  std::vector<std::string> args = {
      "--data_dir=" + data_dir,          "--registry_listen=127.0.0.1:0",
      "--scheduling_listen=127.0.0.1:0", "--reporting_listen=127.0.0.1:0",
      "--feed_listen=127.0.0.1:0",       "--dashboard_listen=127.0.0.1:0",
      "--seed_dir=" + SeedDir(),         "--scheduling_seed_dir=" + SeedDir() + "/scheduling",
      "--outbox_interval=100ms",         "--rpc_log=false"};
  args.insert(args.end(), more.begin(), more.end());
  EmbeddedServer server;
  server.child = SpawnChild(RAKOR_SERVER_BINARY, args, [&server](const char* line, Child&) {
    int port = 0;
    if (sscanf(line, "rakor-server: registry serving on port %d", &port) == 1) {
      server.registry = port;
    } else if (sscanf(line, "rakor-server: scheduling serving on port %d", &port) == 1) {
      server.scheduling = port;
    } else if (sscanf(line, "rakor-server: reporting serving on port %d", &port) == 1) {
      server.reporting = port;
    } else if (sscanf(line, "rakor-server: dashboard on http://127.0.0.1:%d/", &port) == 1) {
      server.dashboard = port;
      return true;  // the last thing it starts
    }
    return false;
  });
  return server;
}

}  // namespace rakor::testing
