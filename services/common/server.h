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

// The life of a server process hosting one gRPC server or several (the embedded
// rakor-server hosts one per service, each on its own port, wired in-process):
// Begin applies the process-wide settings and starts the plaintext health port
// (--health_listen), NOT_SERVING until Run; Serve starts a server and says "<name>:
// <what> serving on port N"; Run marks the health port SERVING, waits for SIGTERM
// or SIGINT, marks every server NOT_SERVING, ends their
// streams and drains them within 5 s, the last started first (its calls may still
// need the others), and flushes the RPC log. Call BlockShutdownSignals first.
class ServerProcess {
 public:
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Begin(const std::string& name,
                                                              const Transport& transport);
  ~ServerProcess();

  // `what` names the server in the start-up line (empty: the process's name alone).
  absl::StatusOr<grpc::Server*> Serve(const std::string& what, const std::string& listen,
                                      const std::vector<grpc::Service*>& services,
                                      std::function<void()> end_streams = {});
  // Returns main's exit code.
  int Run();

 private:
  ServerProcess(std::string name, const Transport& transport);

  struct Hosted {
    std::unique_ptr<grpc::Server> server;
    std::function<void()> end_streams;
  };
  std::string name_;
  Transport transport_;
  std::unique_ptr<grpc::Server> health_;
  std::vector<Hosted> servers_;
};

// A process of one server: ServerProcess's Begin, Serve and Run. Returns main's exit code.
int ServeUntilSignal(const std::string& name, const std::string& listen, const Transport& transport,
                     const std::vector<grpc::Service*>& services,
                     const std::function<void()>& end_streams = {});

}  // namespace rakor
