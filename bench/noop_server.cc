// rakor-bench-noop-server: the baselines for bench/run.sh. It serves the registry's
// hot reads with the same gRPC setup as rakor-registry (rakor::StartServer: health
// checking, reflection, callback API, same ServerBuilder defaults, same allocator),
// but each call finishes OK at once: no lookup, no logging. Whatever the real server
// costs beyond this is the cost of rakor itself.
//
// Without --responses_dir every answer is the empty message ("noop"). With it, each
// method answers a copy of the message its file holds ("canned": the registry's own
// answer, captured by run.sh), so that reads whose answers are large (a 50-unit
// page) are compared with a server that sends the same bytes and does nothing else.
#include <fstream>
#include <sstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "rakor/registry/v1/registry_service.grpc.pb.h"
#include "services/common/server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50052", "HOST:PORT to serve gRPC on");
ABSL_FLAG(std::string, responses_dir, "",
          "if set, METHOD.response in it (a serialised response message) is each "
          "method's answer; a method without a file answers the empty message");

namespace {

namespace v1 = rakor::registry::v1;

// Reads DIR/METHOD.response into *message; exits if the file is there but unreadable.
template <typename Message>
void LoadCanned(const std::string& dir, const std::string& method, Message* message) {
  if (dir.empty()) return;
  std::ifstream in(dir + "/" + method + ".response", std::ios::binary);
  if (!in) return;
  std::stringstream bytes;
  bytes << in.rdbuf();
  if (!message->ParseFromString(bytes.str())) {
    std::fprintf(stderr, "rakor-bench-noop-server: %s.response is no %s\n", method.c_str(),
                 Message::descriptor()->full_name().c_str());
    std::exit(2);
  }
}

template <typename Response>
grpc::ServerUnaryReactor* Answer(grpc::CallbackServerContext* call, const Response& canned,
                                 Response* response) {
  *response = canned;
  grpc::ServerUnaryReactor* reactor = call->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

// Every read bench/run.sh measures, answering at once.
class NoopRegistryService final : public v1::RegistryService::CallbackService {
 public:
  explicit NoopRegistryService(const std::string& dir) {
    LoadCanned(dir, "GetUnit", &unit_);
    LoadCanned(dir, "ListUnits", &units_);
    LoadCanned(dir, "GetReportingChain", &chain_);
    LoadCanned(dir, "GetCoordinator", &coordination_);
    LoadCanned(dir, "ListCoordinatedUnits", &coordinated_);
    LoadCanned(dir, "GetWorkingRelationship", &relationship_);
  }

  grpc::ServerUnaryReactor* GetUnit(grpc::CallbackServerContext* call, const v1::GetUnitRequest*,
                                    v1::Unit* response) override {
    return Answer(call, unit_, response);
  }
  grpc::ServerUnaryReactor* ListUnits(grpc::CallbackServerContext* call,
                                      const v1::ListUnitsRequest*,
                                      v1::ListUnitsResponse* response) override {
    return Answer(call, units_, response);
  }
  grpc::ServerUnaryReactor* GetReportingChain(grpc::CallbackServerContext* call,
                                              const v1::GetReportingChainRequest*,
                                              v1::ReportingChain* response) override {
    return Answer(call, chain_, response);
  }
  grpc::ServerUnaryReactor* GetCoordinator(grpc::CallbackServerContext* call,
                                           const v1::GetCoordinatorRequest*,
                                           v1::Coordination* response) override {
    return Answer(call, coordination_, response);
  }
  grpc::ServerUnaryReactor* ListCoordinatedUnits(
      grpc::CallbackServerContext* call, const v1::ListCoordinatedUnitsRequest*,
      v1::ListCoordinatedUnitsResponse* response) override {
    return Answer(call, coordinated_, response);
  }
  grpc::ServerUnaryReactor* GetWorkingRelationship(grpc::CallbackServerContext* call,
                                                   const v1::GetWorkingRelationshipRequest*,
                                                   v1::WorkingRelationship* response) override {
    return Answer(call, relationship_, response);
  }

 private:
  v1::Unit unit_;
  v1::ListUnitsResponse units_;
  v1::ReportingChain chain_;
  v1::Coordination coordination_;
  v1::ListCoordinatedUnitsResponse coordinated_;
  v1::WorkingRelationship relationship_;
};

}  // namespace

int main(int argc, char** argv) {
  rakor::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);

  NoopRegistryService service(absl::GetFlag(FLAGS_responses_dir));
  // Same life as the real server, so that the two differ only in their handlers.
  return rakor::ServeUntilSignal("rakor-bench-noop-server", absl::GetFlag(FLAGS_listen),
                                 rakor::Transport::Development(), {&service});
}
