#include <iostream>

#include "absl/strings/str_cat.h"
#include "clients/rakor/commands.h"

namespace rakor::cli {

namespace sv1 = rakor::scheduling::v1;

std::vector<std::string> MeetingHeaders(const Session& s) {
  return {s.Say("waktu", "when"),   s.Say("rapat", "meeting"), s.Say("status", "status"),
          s.Say("tempat", "place"), s.Say("dasar", "basis"),   "id",
          s.Say("catatan", "note")};
}

// Shown in the region's zone with its abbreviation (WIB, WITA, WIT); a meeting the
// series' policy moved off a day off says from when and why, since nobody asked
// for the day it is held on.
std::vector<std::string> MeetingRow(const Session& s, const sv1::Occurrence& o) {
  std::string note;
  if (!o.moved_from_day_off().empty()) {
    // A holiday comes by its Indonesian name; a weekend as the API's word for it.
    const std::string why = o.moved_from_day_off() == "weekend" ? s.Say("akhir pekan", "weekend")
                                                                : o.moved_from_day_off();
    note = absl::StrCat(s.Say("dipindah dari ", "moved from "),
                        o.original_start_local().substr(0, 10), " (", why, ")");
  }
  return {o.start_display(),
          o.title(),
          sv1::OccurrenceStatus_Name(o.status()),
          o.place(),
          o.legal_basis(),
          o.name(),
          note};
}

int PrintMeetings(Session& s, const std::string& region, const std::string& from,
                  const std::string& to) {
  sv1::ListOccurrencesRequest request;
  request.set_parent(region == "all" ? "regions/-" : region);
  if (!ParseDay(from, request.mutable_start_time()) || !ParseDay(to, request.mutable_end_time())) {
    std::cerr << "rakor: --from/--to "
              << s.Say("harus berupa tanggal, mis. 2026-12-01", "must be dates, as 2026-12-01")
              << "\n";
    return static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT);
  }
  if (request.end_time().seconds() <= request.start_time().seconds()) {
    std::cerr << "rakor: --to " << s.Say("harus setelah --from", "must be after --from") << "\n";
    return static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT);
  }
  request.set_page_size(1000);
  Table table(MeetingHeaders(s));
  do {
    sv1::ListOccurrencesResponse page;
    const grpc::Status status = s.scheduling().ListOccurrences(s.Context().get(), request, &page);
    if (!status.ok()) return Fail(s, status);
    for (const auto& o : page.occurrences()) table.Add(MeetingRow(s, o));
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  table.Print(s.options().json);
  return 0;
}

int PrintCompliance(Session& s, const std::string& region, const std::string& first,
                    const std::string& last) {
  sv1::GetComplianceRequest request;
  request.set_parent(region == "all" ? "regions/-" : region);
  request.set_first_month(first);
  request.set_last_month(last);
  sv1::ComplianceReport report;
  const grpc::Status status = s.scheduling().GetCompliance(s.Context().get(), request, &report);
  if (!status.ok()) return Fail(s, status);
  Table table({s.Say("aturan", "rule"), s.Say("periode", "period"), s.Say("wajib", "required"),
               s.Say("terjadwal", "scheduled"), s.Say("terlaksana", "held"),
               s.Say("notulen diterima", "minutes accepted"), s.Say("status", "status")});
  for (const auto& rule : report.rules()) {
    for (const auto& p : rule.periods()) {
      table.Add({rule.rule().citation(), p.period(), absl::StrCat(p.required()),
                 absl::StrCat(p.scheduled()), absl::StrCat(p.held()),
                 absl::StrCat(p.minutes_accepted()), sv1::ComplianceStatus_Name(p.status())});
    }
  }
  table.Print(s.options().json);
  return 0;
}

}  // namespace rakor::cli
