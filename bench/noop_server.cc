// rakor-bench-noop-server: the baseline for bench/run.sh. It serves the registry's
// hot reads with the same gRPC setup as rakor-registry (rakor::StartServer: health
// checking, reflection, callback API, same ServerBuilder defaults), but each call
// finishes OK at once with an empty response: no lookup, no logging. Whatever the
// real server costs beyond this is the cost of rakor itself.
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "rakor/registry/v1/registry_service.grpc.pb.h"
#include "services/common/server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50052", "HOST:PORT to serve gRPC on");

namespace {

namespace v1 = rakor::registry::v1;

grpc::ServerUnaryReactor* FinishAtOnce(grpc::CallbackServerContext* call) {
  grpc::ServerUnaryReactor* reactor = call->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

// Every read bench/run.sh measures, finishing at once.
class NoopRegistryService final : public v1::RegistryService::CallbackService {
 public:
  grpc::ServerUnaryReactor* GetUnit(grpc::CallbackServerContext* call, const v1::GetUnitRequest*,
                                    v1::Unit*) override {
    return FinishAtOnce(call);
  }
  grpc::ServerUnaryReactor* ListUnits(grpc::CallbackServerContext* call,
                                      const v1::ListUnitsRequest*,
                                      v1::ListUnitsResponse*) override {
    return FinishAtOnce(call);
  }
  grpc::ServerUnaryReactor* GetReportingChain(grpc::CallbackServerContext* call,
                                              const v1::GetReportingChainRequest*,
                                              v1::ReportingChain*) override {
    return FinishAtOnce(call);
  }
  grpc::ServerUnaryReactor* GetCoordinator(grpc::CallbackServerContext* call,
                                           const v1::GetCoordinatorRequest*,
                                           v1::Coordination*) override {
    return FinishAtOnce(call);
  }
  grpc::ServerUnaryReactor* ListCoordinatedUnits(grpc::CallbackServerContext* call,
                                                 const v1::ListCoordinatedUnitsRequest*,
                                                 v1::ListCoordinatedUnitsResponse*) override {
    return FinishAtOnce(call);
  }
  grpc::ServerUnaryReactor* GetWorkingRelationship(grpc::CallbackServerContext* call,
                                                   const v1::GetWorkingRelationshipRequest*,
                                                   v1::WorkingRelationship*) override {
    return FinishAtOnce(call);
  }
};

}  // namespace

int main(int argc, char** argv) {
  rakor::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);

  NoopRegistryService service;
  // Same life as the real server, so that the two differ only in their handlers.
  return rakor::ServeUntilSignal("rakor-bench-noop-server", absl::GetFlag(FLAGS_listen),
                                 rakor::Transport::Development(), {&service});
}
