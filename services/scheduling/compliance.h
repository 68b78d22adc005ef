// Whether the meetings a regulation requires were held: a compliance rule ("at
// least N meetings of form F chaired by X per month, quarter or year", with its
// article) judged period by period in the region's zone, on evidence. A meeting
// counts toward MET only when held (attendance recorded) with its minutes
// accepted (regulations/README.md rules 3 and 10). A period that began before the
// rule's start date is never MISSED: rakor holds no record of it.
#pragma once

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "rakor/scheduling/v1/scheduling_service.pb.h"

namespace rakor::scheduling {

struct CountedMeeting {
  std::string name;  // the occurrence
  absl::Time start;
  rakor::scheduling::v1::MeetingForm form;
  std::string chair;
  bool held = false;
  bool minutes_accepted = false;
};

// Every period of `rule` that overlaps the months [first, last], judged at `now`
// from `meetings` (the region's occurrences over those periods).
std::vector<rakor::scheduling::v1::PeriodCompliance> Evaluate(
    const rakor::scheduling::v1::ComplianceRule& rule, absl::TimeZone zone, absl::CivilMonth first,
    absl::CivilMonth last, const std::vector<CountedMeeting>& meetings, absl::Time now);

// The instants the periods of `rule` over the months [first, last] span.
void PeriodSpan(const rakor::scheduling::v1::ComplianceRule& rule, absl::TimeZone zone,
                absl::CivilMonth first, absl::CivilMonth last, absl::Time* from, absl::Time* to);

}  // namespace rakor::scheduling
