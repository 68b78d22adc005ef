// The dashboard's pages as pure functions of what the services answered: no I/O,
// so that each is tested on its own and the server only fetches and sends.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "clients/dashboard/html.h"
#include "rakor/registry/v1/resources.pb.h"
#include "rakor/reporting/v1/reporting_service.pb.h"
#include "rakor/reporting/v1/resources.pb.h"
#include "rakor/scheduling/v1/resources.pb.h"
#include "rakor/scheduling/v1/scheduling_service.pb.h"

namespace rakor::dashboard {

// One region's record over a range of months, across its compliance rules.
struct RegionCompliance {
  std::string region;  // regions/{region}
  std::string display_name;
  std::string province;
  int rules = 0;
  int due = 0;  // periods judged: MET, HELD_MINUTES_PENDING or MISSED
  int met = 0, pending = 0, at_risk = 0, missed = 0;
  // met / due, or -1 where nothing is due (no rule, or none begun).
  double Ratio() const { return due == 0 ? -1 : static_cast<double>(met) / due; }
};

// Every region of `regions`, each with its rules' periods counted from `report`.
std::vector<RegionCompliance> SummariseCompliance(
    const std::vector<rakor::registry::v1::Region>& regions,
    const rakor::scheduling::v1::ComplianceReport& report);

enum class NationalSort { kComplianceAscending, kComplianceDescending, kName, kMissed };

// The national view: every region, sorted, with a bar of its compliance.
std::string NationalView(std::vector<RegionCompliance> regions, NationalSort sort,
                         const std::string& first_month, const std::string& last_month, Lang lang);

// A region's month-by-month grid of each required series in `year`, with its legal
// basis; each cell links to the meetings behind it.
std::string RegionView(const rakor::registry::v1::Region& region, int year,
                       const rakor::scheduling::v1::ComplianceReport& report, Lang lang);

// A region's meetings over some months, in order.
std::string MeetingsView(const std::vector<rakor::scheduling::v1::Occurrence>& occurrences,
                         Lang lang);

// Where a document is on its route: whose turn, since when, overdue or not.
// Who reads a page, as far as documents in progress go: in production the dashboard
// shows everyone only what is public, and offers no way to say who one is.
struct Identification {
  bool identified = false;   // said who they are
  bool may_identify = true;  // could (development mode)
};

struct MinutesSeen {
  Identification reader;
  std::optional<rakor::reporting::v1::Document> minutes;
  // Why the reporting service could not say ("" when it answered).
  std::string problem = "";
};

// One occurrence: attendance by unit and where its minutes are on the route.
// `names`: display names of units, by resource name.
std::string OccurrenceView(const rakor::registry::v1::Region& region,
                           const rakor::scheduling::v1::Occurrence& occurrence,
                           const MinutesSeen& minutes,
                           const std::map<std::string, std::string>& names, Lang lang);

// Overdue documents and follow-up actions of a region, per Asisten and per unit.
// `coordinators`: each unit's Asisten, by unit name.
std::string OverdueView(const rakor::registry::v1::Region& region, Identification reader,
                        const std::vector<rakor::reporting::v1::Document>& documents,
                        const std::vector<rakor::reporting::v1::OverdueFollowUp>& follow_ups,
                        const std::map<std::string, std::string>& names,
                        const std::map<std::string, std::string>& coordinators, Lang lang);

// The region's organisation as of `as_of` (YYYY-MM-DD): a tree by structural
// parent, each unit with its Asisten and the articles behind it.
std::string OrganisationView(const rakor::registry::v1::Region& region, const std::string& as_of,
                             const std::vector<rakor::registry::v1::Unit>& units, Lang lang);

// The label of a compliance status in `lang`.
const char* StatusLabel(rakor::scheduling::v1::ComplianceStatus status, Lang lang);

}  // namespace rakor::dashboard
