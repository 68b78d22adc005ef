// The RegionDirectory the scheduling service runs with: the registry, asked over
// gRPC with a deadline on every call and, for these idempotent reads, a retry
// policy in the channel's service config (UNAVAILABLE is retried).
#pragma once

#include <memory>
#include <string>

#include "grpcpp/security/credentials.h"
#include "rakor/registry/v1/registry_service.grpc.pb.h"
#include "services/scheduling/region_directory.h"

namespace rakor::scheduling {

class RegistryDirectory final : public RegionDirectory {
 public:
  // `address`: host:port of the registry, reached with `credentials`
  // (Transport::ChannelCredentials).
  RegistryDirectory(
      const std::string& address,
      std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials(),
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
