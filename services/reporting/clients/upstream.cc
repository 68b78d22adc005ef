#include "services/reporting/clients/upstream.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/error_details.h"
#include "common/status_macros.h"
#include "common/time.h"
#include "services/common/caller_identity.h"
#include "services/common/grpc_status.h"

namespace rakor::reporting {
namespace {

namespace registry = rakor::registry::v1;
namespace scheduling = rakor::scheduling::v1;

}  // namespace

Upstream::Upstream(std::shared_ptr<grpc::Channel> registry_channel,
                   std::shared_ptr<grpc::Channel> scheduling_channel, absl::Duration deadline)
    : registry_(registry::RegistryService::NewStub(std::move(registry_channel))),
      scheduling_(scheduling::SchedulingService::NewStub(std::move(scheduling_channel))),
      deadline_(deadline) {}

std::unique_ptr<grpc::ClientContext> Upstream::Context() const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
  // The service asks for itself: reads, and the outbox's notices (which it sends
  // long after the official who accepted the minutes has gone).
  ActFor(ctx.get(), Caller{.unit = "", .role = Role::kService});
  return ctx;
}

absl::StatusOr<std::vector<ChainStep>> Upstream::ReportingChain(const std::string& unit,
                                                                v1::Matter matter,
                                                                absl::Time as_of) {
  registry::GetReportingChainRequest request;
  request.set_unit(unit);
  request.set_matter(matter == v1::GENERAL_POLICY ? registry::GENERAL_POLICY
                                                  : registry::TECHNICAL_OPERATIONAL);
  *request.mutable_as_of() = ToProto(as_of);
  registry::ReportingChain chain;
  if (absl::Status s = FromPeerStatus(
          "registry", registry_->GetReportingChain(Context().get(), request, &chain));
      !s.ok()) {
    return s;
  }
  std::vector<ChainStep> steps;
  for (const registry::ReportingStep& step : chain.steps()) {
    steps.push_back({step.unit(), registry::ReportingStep::Role_Name(step.role()),
                     absl::StrJoin(step.citations(), "; ")});
  }
  return steps;
}

absl::StatusOr<std::optional<LeadOf>> Upstream::LeadCoordinator(
    const std::vector<std::string>& units, absl::Time as_of) {
  registry::GetLeadCoordinatorRequest request;
  for (const std::string& u : units) request.add_units(u);
  *request.mutable_as_of() = ToProto(as_of);
  registry::LeadCoordinator lead;
  if (absl::Status s = FromPeerStatus(
          "registry", registry_->GetLeadCoordinator(Context().get(), request, &lead));
      !s.ok()) {
    if (ErrorReason(s) == "NO_COORDINATOR") return std::nullopt;
    return s;
  }
  // The lead is an Asisten, or the Setda where the region names no lead Asisten.
  registry::GetUnitRequest unit;
  unit.set_name(lead.lead());
  *unit.mutable_as_of() = ToProto(as_of);
  registry::Unit found;
  if (absl::Status s =
          FromPeerStatus("registry", registry_->GetUnit(Context().get(), unit, &found));
      !s.ok()) {
    return s;
  }
  return LeadOf{lead.lead(), lead.citation(), found.kind() == registry::ASISTEN};
}

absl::StatusOr<registry::Region> Upstream::Region(const std::string& region) {
  registry::GetRegionRequest request;
  request.set_name(region);
  registry::Region found;
  if (absl::Status s =
          FromPeerStatus("registry", registry_->GetRegion(Context().get(), request, &found));
      !s.ok()) {
    return s;
  }
  return found;
}

absl::StatusOr<std::string> Upstream::ParafCitation(const std::string& region) {
  RAKOR_ASSIGN_OR_RETURN(const registry::Region found, Region(region));
  return found.reporting_rules().paraf_citation();
}

absl::StatusOr<absl::TimeZone> Upstream::TimeZoneOf(const std::string& region) {
  RAKOR_ASSIGN_OR_RETURN(const registry::Region found, Region(region));
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(found.time_zone(), &zone)) {
    return absl::InternalError(
        absl::StrCat("the registry named an unknown time zone: ", found.time_zone()));
  }
  return zone;
}

absl::StatusOr<MeetingFacts> Upstream::Meeting(const std::string& occurrence) {
  scheduling::GetOccurrenceRequest request;
  request.set_name(occurrence);
  scheduling::Occurrence found;
  if (absl::Status s = FromPeerStatus("scheduling service",
                                      scheduling_->GetOccurrence(Context().get(), request, &found));
      !s.ok()) {
    return s;
  }
  MeetingFacts facts;
  facts.chair = found.chair();
  facts.start = FromProto(found.start_time());
  facts.held = found.status() == scheduling::HELD;
  for (const auto& i : found.invitations()) facts.invited.push_back(i.unit());
  for (const auto& a : found.attendance()) {
    v1::RecordedAttendance& r = facts.attendance.emplace_back();
    r.set_unit(a.unit());
    r.set_status(scheduling::AttendanceStatus_Name(a.status()));
    r.set_representative(a.representative());
  }
  return facts;
}

absl::StatusOr<RegionCalendar> Upstream::Calendar(const std::string& region, absl::CivilDay first,
                                                  absl::CivilDay last) {
  scheduling::ListDaysOffRequest request;
  request.set_parent(region);
  request.set_start_date(absl::FormatCivilTime(first));
  request.set_end_date(absl::FormatCivilTime(last));
  scheduling::ListDaysOffResponse found;
  if (absl::Status s = FromPeerStatus("scheduling service",
                                      scheduling_->ListDaysOff(Context().get(), request, &found));
      !s.ok()) {
    return s;
  }
  RegionCalendar calendar;
  if (!absl::LoadTimeZone(found.time_zone(), &calendar.zone)) {
    return absl::InternalError(
        absl::StrCat("the scheduling service named an unknown time zone: ", found.time_zone()));
  }
  for (const auto& d : found.days_off()) {
    absl::CivilDay day;
    if (absl::ParseCivilTime(d.date(), &day)) calendar.days_off.insert(day);
  }
  return calendar;
}

absl::Status Upstream::MarkMinutesAccepted(const scheduling::MarkMinutesAcceptedRequest& notice) {
  scheduling::Occurrence marked;
  return FromPeerStatus("scheduling service",
                        scheduling_->MarkMinutesAccepted(Context().get(), notice, &marked));
}

absl::Status Upstream::MarkFollowUpDone(const scheduling::MarkFollowUpDoneRequest& notice) {
  scheduling::Occurrence marked;
  return FromPeerStatus("scheduling service",
                        scheduling_->MarkFollowUpDone(Context().get(), notice, &marked));
}

}  // namespace rakor::reporting
