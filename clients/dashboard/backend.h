// The services a dashboard reads, each call with a deadline and, where the reader
// said who they are, their identity (rakor-actor metadata, as every client sends
// it in development mode), so that each service decides what they may see.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "grpcpp/grpcpp.h"
#include "rakor/registry/v1/registry_service.grpc.pb.h"
#include "rakor/reporting/v1/reporting_service.grpc.pb.h"
#include "rakor/scheduling/v1/scheduling_service.grpc.pb.h"

namespace rakor::dashboard {

class Backend {
 public:
  // Channels to each service (ServiceChannel, or in-process ones). `pass_on_readers`:
  // development mode, where a reader's stated identity goes to the services. In
  // production the dashboard authenticates no reader and reads as `speaks_as` when
  // set (in the embedded server, whose in-process channels would otherwise make it a
  // service), else as its certificate says, which should be spiffe://rakor/role/public.
  Backend(std::shared_ptr<grpc::Channel> registry, std::shared_ptr<grpc::Channel> scheduling,
          std::shared_ptr<grpc::Channel> reporting, bool pass_on_readers = true,
          std::string speaks_as = "");

  // Whether a reader's stated identity counts (development mode): else every reader
  // is the public, and pages offer no way to say who one is.
  bool takes_readers_identity() const { return pass_on_readers_; }
  // `actor` is "<unit>#<role>", or "" for a public reader.
  std::unique_ptr<grpc::ClientContext> Context(const std::string& actor) const;

  rakor::registry::v1::RegistryService::Stub& registry() { return *registry_; }
  rakor::scheduling::v1::SchedulingService::Stub& scheduling() { return *scheduling_; }
  rakor::reporting::v1::ReportingService::Stub& reporting() { return *reporting_; }

  // Every region, through every page.
  grpc::Status AllRegions(std::vector<rakor::registry::v1::Region>* regions);
  // Every unit of `region` valid at `as_of` (unset: now).
  grpc::Status AllUnits(const std::string& region, const google::protobuf::Timestamp* as_of,
                        std::vector<rakor::registry::v1::Unit>* units);

 private:
  std::unique_ptr<rakor::registry::v1::RegistryService::Stub> registry_;
  std::unique_ptr<rakor::scheduling::v1::SchedulingService::Stub> scheduling_;
  std::unique_ptr<rakor::reporting::v1::ReportingService::Stub> reporting_;
  bool pass_on_readers_;
  std::string speaks_as_;
};

}  // namespace rakor::dashboard
