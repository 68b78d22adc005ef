#include "services/reporting/metrics.h"

#include "absl/strings/strip.h"

namespace rakor::reporting {

GaugeSet BacklogGauges(const Reporting& reporting) {
  GaugeSet gauges;
  absl::StatusOr<Reporting::Backlog> backlog = reporting.CurrentBacklog();
  // A failed read leaves the gauges out of this scrape: absent, not zero.
  if (!backlog.ok()) return gauges;
  for (const auto& [name, region] : backlog->regions) {
    const std::string id(absl::StripPrefix(name, "regions/"));
    for (const auto& [step, count] : region.waiting) {
      gauges.Add("rakor_documents_waiting",
                 "Documents in progress, by whose turn it is (unit: returned for revision)",
                 {{"region", id}, {"step", step}}, count);
    }
    gauges.Add("rakor_documents_overdue", "Documents whose current step is overdue",
               {{"region", id}}, region.overdue_documents);
    gauges.Add("rakor_follow_ups_overdue",
               "Open follow-up actions of accepted documents past their due date", {{"region", id}},
               region.overdue_follow_ups);
  }
  gauges.Add("rakor_outbox_backlog", "Messages the reporting service still owes scheduling", {},
             backlog->outbox_messages);
  gauges.Add("rakor_outbox_oldest_age_seconds",
             "Age of the oldest undelivered outbox message (0 when none)", {},
             absl::ToDoubleSeconds(backlog->outbox_oldest_age));
  return gauges;
}

}  // namespace rakor::reporting
