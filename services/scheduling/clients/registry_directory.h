// The RegionDirectory the scheduling service runs with: the registry, asked over
// gRPC with a deadline on every call, on a channel carrying the published service
// config (services/common/channels.h: these reads are retried on UNAVAILABLE).
#pragma once

#include <memory>
#include <string>

#include "grpcpp/channel.h"
#include "rakor/registry/v1/registry_service.grpc.pb.h"
#include "services/scheduling/region_directory.h"

namespace rakor::scheduling {

class RegistryDirectory final : public RegionDirectory {
 public:
  // `registry`: a ServiceChannel to the registry, or an in-process one.
  explicit RegistryDirectory(std::shared_ptr<grpc::Channel> registry,
                             absl::Duration deadline = absl::Seconds(2));

  absl::StatusOr<std::string> TimeZoneOf(const std::string& region) override;
  absl::Status CheckUnit(const std::string& unit, absl::Time as_of) override;
  absl::StatusOr<std::vector<DirectoryUnit>> UnitsOf(const std::string& region,
                                                     absl::Time as_of) override;

 private:
  std::unique_ptr<rakor::registry::v1::RegistryService::Stub> stub_;
  absl::Duration deadline_;
};

}  // namespace rakor::scheduling
