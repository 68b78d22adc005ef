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

class NoopRegistryService final : public v1::RegistryService::CallbackService {
 public:
  grpc::ServerUnaryReactor* GetUnit(grpc::CallbackServerContext* call, const v1::GetUnitRequest*,
                                    v1::Unit*) override {
    grpc::ServerUnaryReactor* reactor = call->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

  grpc::ServerUnaryReactor* GetReportingChain(grpc::CallbackServerContext* call,
                                              const v1::GetReportingChainRequest*,
                                              v1::ReportingChain*) override {
    grpc::ServerUnaryReactor* reactor = call->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

}  // namespace

int main(int argc, char** argv) {
  rakor::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);

  NoopRegistryService service;
  // Same life as the real server, so that the two differ only in their handlers.
  return rakor::ServeUntilSignal("rakor-bench-noop-server", absl::GetFlag(FLAGS_listen),
                                 {&service});
}
