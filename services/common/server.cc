#include "services/common/server.h"

#include <signal.h>

#include <cstdlib>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/limits.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/resource_quota.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "services/common/caller_limits.h"
#include "services/common/rpc_log.h"
#include "services/common/unparseable_requests.h"

ABSL_FLAG(int, max_calls_per_caller, rakor::limits::kDefaultCallsPerCaller,
          "calls one caller may have in flight; past it RESOURCE_EXHAUSTED (caller_limits.h)");

ABSL_FLAG(std::string, health_listen, "",
          "HOST:PORT of a plaintext port serving only grpc.health.v1 (the kubelet's gRPC "
          "probes cannot present a client certificate); empty: none");

namespace rakor {

absl::StatusOr<RunningServer> StartServer(const std::string& listen,
                                          const std::vector<grpc::Service*>& services,
                                          std::shared_ptr<grpc::ServerCredentials> credentials) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  RunningServer running;
  builder.AddListeningPort(listen,
                           credentials != nullptr ? credentials : grpc::InsecureServerCredentials(),
                           &running.port);
  for (grpc::Service* service : services) builder.RegisterService(service);
  builder.SetMaxReceiveMessageSize(limits::kMaxMessageBytes);
  // What gRPC may hold for all calls at once (buffers, streams): past it new
  // streams wait or are refused, so a flood cannot grow the process without bound.
  grpc::ResourceQuota quota("rakor-server");
  quota.Resize(limits::kServerMemoryQuotaBytes);
  builder.SetResourceQuota(quota);
  builder.SetMaxSendMessageSize(limits::kMaxMessageBytes);
  builder.experimental().SetInterceptorCreators(UnparseableRequestInterceptors());
  running.server = builder.BuildAndStart();
  if (running.server == nullptr || running.port == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", listen));
  }
  return running;
}

namespace {
sigset_t ShutdownSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}
}  // namespace

void BlockShutdownSignals() {
  sigset_t set = ShutdownSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int WaitForShutdownSignal() {
  sigset_t set = ShutdownSignals();
  int signal = 0;
  sigwait(&set, &signal);
  return signal;
}

std::string ServiceAddress(const std::string& flag, const char* env, const char* fallback) {
  if (!flag.empty()) return flag;
  const char* value = std::getenv(env);
  return value != nullptr && *value != '\0' ? value : fallback;
}

std::pair<std::string, int> SplitHostPort(const std::string& address) {
  const size_t colon = address.rfind(':');
  int port = -1;
  if (colon == std::string::npos || !absl::SimpleAtoi(address.substr(colon + 1), &port)) {
    return {address, -1};
  }
  return {address.substr(0, colon), port};
}

ServerProcess::ServerProcess(std::string name, const Transport& transport)
    : name_(std::move(name)), transport_(transport) {}

ServerProcess::~ServerProcess() = default;

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Begin(const std::string& name,
                                                                    const Transport& transport) {
  // Debian builds Abseil with its debug-only Mutex deadlock detection on: a global
  // graph of lock order updated on every Lock, which costs a busy server several
  // percent of its CPU. Tests keep it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  SetCallsPerCaller(absl::GetFlag(FLAGS_max_calls_per_caller));
  std::unique_ptr<ServerProcess> process(new ServerProcess(name, transport));
  std::cerr << name << ": " << transport.Describe() << "\n";
  // Health alone, in plaintext, for probes: it says only whether this process
  // serves, and follows the servers' status through the drain.
  if (const std::string health_listen = absl::GetFlag(FLAGS_health_listen);
      !health_listen.empty()) {
    absl::StatusOr<RunningServer> started = StartServer(health_listen, {});
    if (!started.ok()) {
      return absl::Status(started.status().code(),
                          absl::StrCat("health: ", started.status().message()));
    }
    process->health_ = std::move(started->server);
    // Not ready until Run: the databases, the seeds and every server come first.
    process->health_->GetHealthCheckService()->SetServingStatus(false);
    std::cerr << name << ": health checks in plaintext on port " << started->port << "\n";
  }
  return process;
}

absl::StatusOr<grpc::Server*> ServerProcess::Serve(const std::string& what,
                                                   const std::string& listen,
                                                   const std::vector<grpc::Service*>& services,
                                                   std::function<void()> end_streams) {
  absl::StatusOr<RunningServer> started =
      StartServer(listen, services, transport_.ServerCredentials());
  if (!started.ok()) return started.status();
  std::cerr << name_ << ": " << (what.empty() ? "" : what + " ") << "serving on port "
            << started->port << "\n";
  servers_.push_back({std::move(started->server), std::move(end_streams)});
  return servers_.back().server.get();
}

int ServerProcess::Run() {
  if (health_ != nullptr) health_->GetHealthCheckService()->SetServingStatus(true);
  const int signal = WaitForShutdownSignal();
  std::cerr << name_ << ": signal " << signal << ", draining\n";
  if (health_ != nullptr) health_->GetHealthCheckService()->SetServingStatus(false);
  for (Hosted& hosted : servers_) {
    hosted.server->GetHealthCheckService()->SetServingStatus(false);
    if (hosted.end_streams) hosted.end_streams();
  }
  // One grace period for all: a call still running at its end is cancelled.
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  for (auto it = servers_.rbegin(); it != servers_.rend(); ++it) {
    it->server->Shutdown(absl::ToChronoTime(deadline));
  }
  // A Watch on the health port would otherwise hold the process open for ever.
  if (health_ != nullptr) health_->Shutdown(absl::ToChronoTime(deadline));
  FlushRpcLog();
  return 0;
}

int ServeUntilSignal(const std::string& name, const std::string& listen, const Transport& transport,
                     const std::vector<grpc::Service*>& services,
                     const std::function<void()>& end_streams) {
  absl::StatusOr<std::unique_ptr<ServerProcess>> process = ServerProcess::Begin(name, transport);
  if (process.ok()) {
    if (absl::StatusOr<grpc::Server*> served = (*process)->Serve("", listen, services, end_streams);
        !served.ok()) {
      process = served.status();
    }
  }
  if (!process.ok()) {
    std::cerr << name << ": " << process.status() << "\n";
    return 1;
  }
  return (*process)->Run();
}

}  // namespace rakor
