#include "services/scheduling/metrics.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/strip.h"
#include "services/scheduling/names.h"

namespace rakor::scheduling {
namespace {

namespace v1 = ::rakor::scheduling::v1;

std::string MonthOf(absl::CivilMonth m) { return absl::FormatCivilTime(m); }

}  // namespace

GaugeSet ComplianceGauges(const Scheduling& scheduling, absl::Time now) {
  GaugeSet gauges;
  // From last month in the westernmost zone (UTC+7) to this month in the easternmost
  // (UTC+9): every region's last and current month.
  const absl::CivilMonth first =
      absl::CivilMonth(absl::ToCivilSecond(now + absl::Hours(7), absl::UTCTimeZone())) - 1;
  const absl::CivilMonth last(absl::ToCivilSecond(now + absl::Hours(9), absl::UTCTimeZone()));
  absl::StatusOr<v1::ComplianceReport> report =
      scheduling.GetCompliance("", MonthOf(first), MonthOf(last));
  if (!report.ok()) return gauges;  // absent from this scrape, not zero
  for (const v1::RuleCompliance& rc : report->rules()) {
    absl::StatusOr<RuleId> id = ParseRuleName("name", rc.rule().name());
    if (!id.ok()) continue;
    const std::string region(absl::StripPrefix(id->region, "regions/"));
    const std::string& rule = id->rule;
    const std::string cadence =
        absl::AsciiStrToLower(v1::ComplianceRule::Period_Name(rc.rule().period()));
    for (const v1::PeriodCompliance& p : rc.periods()) {
      const std::map<std::string, std::string> labels = {
          {"region", region}, {"rule", rule}, {"period", p.period()}, {"cadence", cadence}};
      // When the period ends in the region's zone: alerts count down to it without
      // knowing the zone (k8s/monitoring/alert-rules.yml).
      gauges.Add("rakor_compliance_period_end_timestamp_seconds",
                 "When the period ends (the midnight after its last day, in the region's zone), "
                 "Unix time",
                 labels, static_cast<double>(p.end_time().seconds()));
      gauges.Add("rakor_meetings_required", "Meetings the rule requires in the period", labels,
                 p.required());
      gauges.Add("rakor_meetings_scheduled", "Meetings scheduled in the period", labels,
                 p.scheduled());
      gauges.Add("rakor_meetings_held", "Meetings held (attendance recorded) in the period", labels,
                 p.held());
      gauges.Add("rakor_meetings_minutes_accepted",
                 "Meetings held whose minutes were accepted (by the Sekda, or by the head of "
                 "region for the Setda's own)",
                 labels, p.minutes_accepted());
      for (int s = v1::MET; s <= v1::ComplianceStatus_MAX; ++s) {
        std::map<std::string, std::string> with_status = labels;
        with_status["status"] = v1::ComplianceStatus_Name(static_cast<v1::ComplianceStatus>(s));
        gauges.Add("rakor_compliance", "1 for the period's compliance status, 0 for the others",
                   with_status, p.status() == s ? 1 : 0);
      }
    }
  }
  return gauges;
}

}  // namespace rakor::scheduling
