// What every `rakor` command needs: where the services are, who is calling, how to
// print, and in which language.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"
#include "rakor/registry/v1/registry_service.grpc.pb.h"
#include "rakor/reporting/v1/reporting_service.grpc.pb.h"
#include "rakor/scheduling/v1/scheduling_service.grpc.pb.h"
#include "services/common/transport.h"

namespace rakor::cli {

enum class Lang { kIndonesian, kEnglish };

struct Options {
  std::string registry_addr, scheduling_addr, reporting_addr;
  std::string actor;  // "<unit>#<role>", sent as rakor-actor metadata (development mode)
  // Production: the caller's certificate, key and the rakor authority (PEM); the
  // certificate says who the caller is. All empty: development mode, no TLS.
  std::string tls_cert, tls_key, tls_ca;
  bool json = false;
  Lang lang = Lang::kIndonesian;
};

// Mutual TLS when any of the --tls-* options is given (then all three are needed,
// and --as is refused: the certificate says who one is), else development mode.
absl::StatusOr<Transport> TransportOf(const Options& options);

// The language `LANG` asks for: Indonesian for id*, English otherwise.
Lang LangFromEnvironment();

class Session {
 public:
  Session(Options options, const Transport& transport);
  const Options& options() const { return options_; }
  // A context with a deadline and the caller's identity.
  std::unique_ptr<grpc::ClientContext> Context() const;
  rakor::registry::v1::RegistryService::Stub& registry() { return *registry_; }
  rakor::scheduling::v1::SchedulingService::Stub& scheduling() { return *scheduling_; }
  rakor::reporting::v1::ReportingService::Stub& reporting() { return *reporting_; }
  // `id` or `en`, whichever the session speaks.
  const char* Say(const char* id, const char* en) const {
    return options_.lang == Lang::kIndonesian ? id : en;
  }

 private:
  Options options_;
  std::unique_ptr<rakor::registry::v1::RegistryService::Stub> registry_;
  std::unique_ptr<rakor::scheduling::v1::SchedulingService::Stub> scheduling_;
  std::unique_ptr<rakor::reporting::v1::ReportingService::Stub> reporting_;
};

// A table printed with its columns aligned (or as JSON lines of objects).
class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void Print(bool json) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// Prints why a call failed, with what to do about it, and returns the exit code:
// the gRPC status code (README, "The rakor command").
int Fail(const Session& session, const grpc::Status& status);

}  // namespace rakor::cli
