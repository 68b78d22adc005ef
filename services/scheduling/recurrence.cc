#include "services/scheduling/recurrence.h"

#include <algorithm>
#include <memory>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/text.h"
#include "libical/ical.h"

namespace rakor::scheduling {
namespace {

constexpr absl::string_view kDomain = "scheduling.rakor";

icaltimetype ToIcal(absl::CivilSecond t) {
  icaltimetype out = icaltime_null_time();
  out.year = static_cast<int>(t.year());
  out.month = t.month();
  out.day = t.day();
  out.hour = t.hour();
  out.minute = t.minute();
  out.second = t.second();
  out.is_date = 0;
  return out;  // floating: the series' zone applies
}

absl::CivilSecond FromIcal(const icaltimetype& t) {
  return absl::CivilSecond(t.year, t.month, t.day, t.hour, t.minute, t.second);
}

// libical reports errors in a thread-local errno and, by default, may abort on
// them; it must only report.
void ReportErrorsOnly() {
  static const bool once = [] {
    icalerror_set_errors_are_fatal(0);
    return true;
  }();
  (void)once;
}

absl::StatusOr<icalrecurrencetype> Parse(absl::string_view field, const std::string& rrule) {
  ReportErrorsOnly();
  icalerror_clear_errno();
  icalrecurrencetype parsed = icalrecurrencetype_from_string(rrule.c_str());
  if (parsed.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
    icalerror_clear_errno();
    return rakor::errors::InvalidField(kDomain, field,
                                       absl::StrCat(Quote(rrule),
                                                    " is not an RFC 5545 recurrence rule (e.g. "
                                                    "FREQ=MONTHLY;BYDAY=1MO)"));
  }
  return parsed;
}

}  // namespace

absl::Status ValidateRrule(absl::string_view field, const std::string& rrule) {
  return Parse(field, rrule).status();
}

absl::StatusOr<std::vector<absl::CivilSecond>> Expand(const Recurrence& recurrence,
                                                      absl::CivilSecond from, absl::CivilSecond to,
                                                      size_t limit) {
  std::set<absl::CivilSecond> starts;
  const std::set<absl::CivilSecond> excluded(recurrence.exdates.begin(), recurrence.exdates.end());
  auto keep = [&](absl::CivilSecond t) {
    if (t >= from && t < to && !excluded.contains(t)) starts.insert(t);
  };
  if (recurrence.rrule.empty()) {
    keep(recurrence.start);
  } else {
    absl::StatusOr<icalrecurrencetype> rule = Parse("rrule", recurrence.rrule);
    if (!rule.ok()) return rule.status();
    std::unique_ptr<icalrecur_iterator, void (*)(icalrecur_iterator*)> it(
        icalrecur_iterator_new(*rule, ToIcal(recurrence.start)), icalrecur_iterator_free);
    if (it == nullptr) {
      return rakor::errors::InvalidField(kDomain, "rrule",
                                         "cannot be expanded from the series' start");
    }
    // Without COUNT the iterator can jump to the range; with it, it must count from
    // the start.
    if (rule->count == 0 && from > recurrence.start) {
      icalrecur_iterator_set_start(it.get(), ToIcal(from));
    }
    for (icaltimetype t = icalrecur_iterator_next(it.get()); !icaltime_is_null_time(t);
         t = icalrecur_iterator_next(it.get())) {
      const absl::CivilSecond start = FromIcal(t);
      if (start >= to || starts.size() >= limit + excluded.size()) break;
      keep(start);
    }
  }
  for (absl::CivilSecond rdate : recurrence.rdates) keep(rdate);
  std::vector<absl::CivilSecond> out(starts.begin(), starts.end());
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace rakor::scheduling
