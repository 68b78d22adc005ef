// What the reporting service asks the other services: the registry (reporting
// chains, lead coordinators, whether the region requires the Asisten's paraf) and
// the scheduling service (a meeting's chair, invitees and attendance; that its
// minutes were accepted). The gRPC edge answers over the network
// (services/reporting/clients/upstream.h), with a deadline on every call.
// Reporting calls both; neither calls reporting (DESIGN.md: the graph is acyclic).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "rakor/reporting/v1/resources.pb.h"
#include "rakor/scheduling/v1/scheduling_service.pb.h"

namespace rakor::reporting {

// One official of the registry's reporting chain.
struct ChainStep {
  std::string unit;
  // The registry's ReportingStep.Role name: ORIGIN, STRUCTURAL_PARENT, ASISTEN,
  // SEKRETARIS_DAERAH, HEAD_OF_REGION.
  std::string kind;
  std::string citation;
};

struct LeadOf {
  std::string lead;  // an Asisten, or the Setda where the region names no lead
  std::string citation;
  bool asisten = false;  // the lead is an Asisten (not the Setda)
};

// A region's working calendar as scheduling knows it: its zone and days off.
struct RegionCalendar {
  absl::TimeZone zone = absl::UTCTimeZone();
  std::set<absl::CivilDay> days_off;
};

struct MeetingFacts {
  std::string chair;
  absl::Time start;
  std::vector<std::string> invited;
  bool held = false;
  std::vector<rakor::reporting::v1::RecordedAttendance> attendance;
};

class Directory {
 public:
  virtual ~Directory() = default;
  // NOT_FOUND / INVALID_ARGUMENT as the registry says; UNAVAILABLE if it does not answer.
  virtual absl::StatusOr<std::vector<ChainStep>> ReportingChain(const std::string& unit,
                                                                rakor::reporting::v1::Matter matter,
                                                                absl::Time as_of) = 0;
  // The Asisten who leads coordination of `units` (Soppeng Pasal 22 ayat (4));
  // nullopt when no Asisten coordinates any of them (a Forkopimda meeting).
  virtual absl::StatusOr<std::optional<LeadOf>> LeadCoordinator(
      const std::vector<std::string>& units, absl::Time as_of) = 0;
  // The article requiring the Asisten's paraf koordinasi in `region`; "" if none does.
  virtual absl::StatusOr<std::string> ParafCitation(const std::string& region) = 0;
  // `region`'s zone, from the registry.
  virtual absl::StatusOr<absl::TimeZone> TimeZoneOf(const std::string& region) = 0;
  virtual absl::StatusOr<MeetingFacts> Meeting(const std::string& occurrence) = 0;
  // `region`'s zone and its days off from `first` to `last`.
  virtual absl::StatusOr<RegionCalendar> Calendar(const std::string& region, absl::CivilDay first,
                                                  absl::CivilDay last) = 0;
  // Tells scheduling an occurrence's minutes were accepted, with the follow-up
  // actions they leave open (idempotent there).
  virtual absl::Status MarkMinutesAccepted(
      const rakor::scheduling::v1::MarkMinutesAcceptedRequest& notice) = 0;
  // Tells scheduling one follow-up of accepted minutes is done (idempotent there).
  virtual absl::Status MarkFollowUpDone(
      const rakor::scheduling::v1::MarkFollowUpDoneRequest& notice) = 0;
};

}  // namespace rakor::reporting
