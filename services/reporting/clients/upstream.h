// The Directory the reporting service runs with: the registry and the scheduling
// service, asked over gRPC with a deadline on every call, on channels carrying the
// published service config (services/common/channels.h: reads, and
// MarkMinutesAccepted and MarkFollowUpDone, are retried on UNAVAILABLE).
#pragma once

#include <memory>
#include <string>

#include "grpcpp/channel.h"
#include "rakor/registry/v1/registry_service.grpc.pb.h"
#include "rakor/scheduling/v1/scheduling_service.grpc.pb.h"
#include "services/reporting/directory.h"

namespace rakor::reporting {

class Upstream final : public Directory {
 public:
  // ServiceChannels to each service, or in-process ones.
  Upstream(std::shared_ptr<grpc::Channel> registry, std::shared_ptr<grpc::Channel> scheduling,
           absl::Duration deadline = absl::Seconds(2));

  absl::StatusOr<std::vector<ChainStep>> ReportingChain(const std::string& unit, v1::Matter matter,
                                                        absl::Time as_of) override;
  absl::StatusOr<std::optional<LeadOf>> LeadCoordinator(const std::vector<std::string>& units,
                                                        absl::Time as_of) override;
  absl::StatusOr<std::string> ParafCitation(const std::string& region) override;
  absl::StatusOr<absl::TimeZone> TimeZoneOf(const std::string& region) override;
  absl::StatusOr<MeetingFacts> Meeting(const std::string& occurrence) override;
  absl::StatusOr<RegionCalendar> Calendar(const std::string& region, absl::CivilDay first,
                                          absl::CivilDay last) override;
  absl::Status MarkMinutesAccepted(
      const rakor::scheduling::v1::MarkMinutesAcceptedRequest& notice) override;
  absl::Status MarkFollowUpDone(
      const rakor::scheduling::v1::MarkFollowUpDoneRequest& notice) override;

 private:
  std::unique_ptr<grpc::ClientContext> Context() const;
  absl::StatusOr<rakor::registry::v1::Region> Region(const std::string& region);

  std::unique_ptr<rakor::registry::v1::RegistryService::Stub> registry_;
  std::unique_ptr<rakor::scheduling::v1::SchedulingService::Stub> scheduling_;
  absl::Duration deadline_;
};

}  // namespace rakor::reporting
