#include "services/scheduling/compliance.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/time.h"

namespace rakor::scheduling {
namespace {

namespace v1 = rakor::scheduling::v1;

int MonthsIn(v1::ComplianceRule::Period period) {
  switch (period) {
    case v1::ComplianceRule::QUARTER:
      return 3;
    case v1::ComplianceRule::YEAR:
      return 12;
    default:
      return 1;
  }
}

// The first month of the period `month` falls in.
absl::CivilMonth PeriodStart(absl::CivilMonth month, int months) {
  const int index = (month.month() - 1) / months * months;
  return absl::CivilMonth(month.year(), index + 1);
}

std::string PeriodLabel(absl::CivilMonth start, int months) {
  if (months == 12) return absl::StrCat(start.year());
  if (months == 3) return absl::StrCat(start.year(), "-Q", (start.month() - 1) / 3 + 1);
  return absl::StrFormat("%04d-%02d", start.year(), start.month());
}

}  // namespace

void PeriodSpan(const v1::ComplianceRule& rule, absl::TimeZone zone, absl::CivilMonth first,
                absl::CivilMonth last, absl::Time* from, absl::Time* to) {
  const int months = MonthsIn(rule.period());
  *from = absl::FromCivil(PeriodStart(first, months), zone);
  *to = absl::FromCivil(PeriodStart(last, months) + months, zone);
}

std::vector<v1::PeriodCompliance> Evaluate(const v1::ComplianceRule& rule, absl::TimeZone zone,
                                           absl::CivilMonth first, absl::CivilMonth last,
                                           const std::vector<CountedMeeting>& meetings,
                                           absl::Time now) {
  const int months = MonthsIn(rule.period());
  absl::CivilDay start_date;
  const bool tracked_from = absl::ParseCivilTime(rule.start_date(), &start_date);
  std::vector<v1::PeriodCompliance> out;
  for (absl::CivilMonth start = PeriodStart(first, months); start <= last; start += months) {
    // Calendar months in the region's zone, not UTC's: 23:30 WIB on 31 January
    // belongs to January, and 01:00 WIB on 1 February (still 31 January in UTC)
    // to February.
    const absl::Time begin = absl::FromCivil(start, zone);
    const absl::Time end = absl::FromCivil(start + months, zone);
    v1::PeriodCompliance& p = out.emplace_back();
    p.set_period(PeriodLabel(start, months));
    *p.mutable_start_time() = ToProto(begin);
    *p.mutable_end_time() = ToProto(end);
    p.set_required(rule.min_count());
    for (const CountedMeeting& m : meetings) {
      if (m.start < begin || m.start >= end || m.form != rule.form() ||
          (!rule.chair().empty() && m.chair != rule.chair())) {
        continue;
      }
      p.add_occurrences(m.name);
      p.set_scheduled(p.scheduled() + 1);
      if (m.held) p.set_held(p.held() + 1);
      if (m.held && m.minutes_accepted) p.set_minutes_accepted(p.minutes_accepted() + 1);
    }
    if (p.minutes_accepted() >= rule.min_count()) {
      p.set_status(v1::MET);
    } else if (p.held() >= rule.min_count()) {
      p.set_status(v1::HELD_MINUTES_PENDING);
    } else if (now < begin) {
      p.set_status(v1::NOT_YET_DUE);
    } else if (tracked_from && begin < absl::FromCivil(start_date, zone)) {
      // Under way or ended: either way rakor holds only part of its record.
      p.set_status(v1::NOT_TRACKED);
    } else if (now < end) {
      // Under way: a meeting can still be held, or scheduled and held, in time.
      p.set_status(v1::AT_RISK);
    } else {
      p.set_status(v1::MISSED);
    }
  }
  return out;
}

}  // namespace rakor::scheduling
