#include "services/scheduling/feeds.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "clients/invitations/invitation.h"
#include "common/status_macros.h"
#include "common/time.h"

namespace rakor::scheduling {
namespace {

constexpr int kMaxEvents = 5000;

// The region's occurrences in the feed's window (those `unit` chairs or is invited
// to, if given), each with what its series adds.
absl::StatusOr<std::string> Feed(Scheduling& scheduling, const std::string& region,
                                 const std::string& calendar_name, absl::Time now,
                                 const std::string& unit) {
  RAKOR_RETURN_IF_ERROR(unit.empty() ? scheduling.CheckRegion(region) : scheduling.CheckUnit(unit));
  const absl::CivilMonth month = absl::CivilMonth(absl::ToCivilDay(now, absl::UTCTimeZone()));
  const absl::Time from = absl::FromCivil(month - 3, absl::UTCTimeZone());
  const absl::Time to = absl::FromCivil(month + 13, absl::UTCTimeZone());
  RAKOR_ASSIGN_OR_RETURN(std::vector<v1::Occurrence> listed,
                         scheduling.ListOccurrences(region, from, to, {}, "", kMaxEvents));
  std::map<std::string, Series> series;
  std::vector<invitations::Meeting> meetings;
  for (v1::Occurrence& o : listed) {
    if (!unit.empty()) {
      RAKOR_ASSIGN_OR_RETURN(const v1::Occurrence full, scheduling.GetOccurrence(o.name()));
      const bool invited = full.chair() == unit ||
                           std::any_of(full.invitations().begin(), full.invitations().end(),
                                       [&](const v1::Invitation& i) { return i.unit() == unit; });
      if (!invited) continue;
    }
    auto s = series.find(o.series());
    if (s == series.end()) {
      RAKOR_ASSIGN_OR_RETURN(Series found, scheduling.GetSeries(o.series()));
      s = series.emplace(o.series(), std::move(found)).first;
    }
    invitations::Meeting& m = meetings.emplace_back();
    m.time_zone = s->second.time_zone();
    m.link = s->second.link();
    m.agenda = s->second.agenda();
    m.revised = FromProto(s->second.update_time());
    o.clear_invitations();  // not public
    m.occurrence = std::move(o);
  }
  return invitations::FeedIcs(calendar_name, meetings);
}

}  // namespace

absl::StatusOr<std::string> RegionFeed(Scheduling& scheduling, const std::string& region,
                                       absl::Time now) {
  return Feed(scheduling, region, absl::StrCat("Rapat koordinasi ", region), now, "");
}

absl::StatusOr<std::string> UnitFeed(Scheduling& scheduling, const std::string& unit,
                                     absl::Time now) {
  const std::string region = unit.substr(0, unit.find("/units/"));
  return Feed(scheduling, region, absl::StrCat("Rapat koordinasi ", unit), now, unit);
}

}  // namespace rakor::scheduling
