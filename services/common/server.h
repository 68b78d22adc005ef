// Server bootstrap shared by every rakor service: listening, health checking,
// reflection, and a graceful drain on SIGTERM.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/impl/service_type.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "services/common/transport.h"

namespace rakor {

struct RunningServer {
  std::unique_ptr<grpc::Server> server;
  int port = 0;  // the bound port, useful when listening on port 0
};

// Starts a server on `listen` (HOST:PORT) with health checking and reflection,
// with `credentials` (plaintext when null: in-process tests and development).
absl::StatusOr<RunningServer> StartServer(
    const std::string& listen, const std::vector<grpc::Service*>& services,
    std::shared_ptr<grpc::ServerCredentials> credentials = nullptr);

// Another service's address: `flag` if set, else the environment variable `env`,
// else `fallback`.
std::string ServiceAddress(const std::string& flag, const char* env, const char* fallback);

// "HOST:PORT" as its host and port (port -1 when it is not a number).
std::pair<std::string, int> SplitHostPort(const std::string& address);

// Blocks SIGTERM and SIGINT in this thread and all threads it starts later; call
// first thing in main so that WaitForShutdownSignal can receive them.
void BlockShutdownSignals();

// Waits for SIGTERM or SIGINT; returns the signal number.
int WaitForShutdownSignal();

// Marks the server NOT_SERVING, runs `end_streams` (which ends the streams that
// would otherwise run until cancelled, such as watches), lets in-flight calls
// finish within `grace`, then cancels what remains.
void DrainAndShutdown(grpc::Server& server, absl::Duration grace,
                      const std::function<void()>& end_streams = {});

// The life of a server binary: start on `listen` with `transport`'s credentials, say
// its mode and "<name>: serving on port N" on stderr, wait for SIGTERM or SIGINT, drain for 5 s
// (see DrainAndShutdown), flush the RPC log. Returns main's exit code. Call BlockShutdownSignals
// first.
int ServeUntilSignal(const std::string& name, const std::string& listen, const Transport& transport,
                     const std::vector<grpc::Service*>& services,
                     const std::function<void()>& end_streams = {});

}  // namespace rakor
