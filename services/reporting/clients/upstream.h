// The Directory the reporting service runs with: the registry and the scheduling
// service, asked over gRPC with a deadline on every call and, for idempotent
// calls, a retry policy in each channel's service config (UNAVAILABLE is retried).
#pragma once

#include <memory>
#include <string>

#include "grpcpp/security/credentials.h"
#include "rakor/registry/v1/registry_service.grpc.pb.h"
#include "rakor/scheduling/v1/scheduling_service.grpc.pb.h"
#include "services/reporting/directory.h"

namespace rakor::reporting {

class Upstream final : public Directory {
 public:
  // Each service reached with `credentials` (Transport::ChannelCredentials).
  Upstream(
      const std::string& registry_address, const std::string& scheduling_address,
      std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials(),
      absl::Duration deadline = absl::Seconds(2));

  absl::StatusOr<std::vector<ChainStep>> ReportingChain(const std::string& unit, v1::Matter matter,
                                                        absl::Time as_of) override;
  absl::StatusOr<LeadOf> LeadCoordinator(const std::vector<std::string>& units,
                                         absl::Time as_of) override;
  absl::StatusOr<std::string> ParafCitation(const std::string& region) override;
  absl::StatusOr<MeetingFacts> Meeting(const std::string& occurrence) override;
  absl::StatusOr<RegionCalendar> Calendar(const std::string& region, absl::CivilDay first,
                                          absl::CivilDay last) override;
  absl::Status MarkMinutesAccepted(
      const rakor::scheduling::v1::MarkMinutesAcceptedRequest& notice) override;

 private:
  std::unique_ptr<grpc::ClientContext> Context() const;

  std::unique_ptr<rakor::registry::v1::RegistryService::Stub> registry_;
  std::unique_ptr<rakor::scheduling::v1::SchedulingService::Stub> scheduling_;
  absl::Duration deadline_;
};

}  // namespace rakor::reporting
