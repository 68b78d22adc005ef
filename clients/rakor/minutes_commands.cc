// `rakor minutes export`: accepted minutes as a printable PDF, worded here (in the
// session's language, times in the region's zone) and laid out by clients/minutes.
#include <iostream>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "clients/invitations/letter.h"
#include "clients/minutes/minutes_pdf.h"
#include "clients/rakor/commands.h"

namespace rakor::cli {
namespace {

namespace sv1 = rakor::scheduling::v1;
namespace pv1 = rakor::reporting::v1;
namespace rv1 = rakor::registry::v1;

absl::Time TimeOf(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

std::string AttendanceText(const Session& s, const std::string& status) {
  static const std::map<std::string, std::pair<const char*, const char*>> kWords = {
      {"PRESENT_IN_PERSON", {"Hadir", "Present"}},
      {"PRESENT_ONLINE", {"Hadir daring", "Present online"}},
      {"REPRESENTED", {"Diwakili", "Represented"}},
      {"ABSENT_WITH_NOTICE", {"Izin", "Excused"}},
      {"ABSENT", {"Tidak hadir", "Absent"}}};
  auto found = kWords.find(status);
  return found == kWords.end() ? status : s.Say(found->second.first, found->second.second);
}

std::string ActionText(const Session& s, pv1::StepAction action) {
  switch (action) {
    case pv1::PARAF:
      return s.Say("Paraf koordinasi", "Initialled");
    case pv1::FORWARD:
      return s.Say("Diteruskan", "Forwarded");
    case pv1::ACCEPT:
      return s.Say("Diterima", "Accepted");
    case pv1::ACKNOWLEDGE:
      return s.Say("Diketahui", "Acknowledged");
    default:
      return pv1::StepAction_Name(action);
  }
}

}  // namespace

int ExportMinutes(Session& s, const std::string& document, const std::string& out) {
  pv1::GetDocumentRequest get;
  get.set_name(document);
  pv1::Document d;
  grpc::Status status = s.reporting().GetDocument(s.Context().get(), get, &d);
  if (!status.ok()) return Fail(s, status);
  if (d.kind() != pv1::MINUTES || (d.state() != pv1::ACCEPTED && d.state() != pv1::ACKNOWLEDGED) ||
      d.revisions().empty()) {
    std::cerr << "rakor: "
              << s.Say("hanya notulen yang sudah diterima Sekda yang dicetak; ",
                       "only minutes the Sekda has accepted are printed; ")
              << document << " " << s.Say("berstatus ", "is ") << pv1::DocumentState_Name(d.state())
              << "\n";
    return static_cast<int>(grpc::StatusCode::FAILED_PRECONDITION);
  }
  sv1::GetOccurrenceRequest get_meeting;
  get_meeting.set_name(d.occurrence());
  sv1::Occurrence meeting;
  status = s.scheduling().GetOccurrence(s.Context().get(), get_meeting, &meeting);
  if (!status.ok()) return Fail(s, status);
  const std::string region_name = document.substr(0, document.find("/documents/"));
  rv1::GetRegionRequest get_region;
  get_region.set_name(region_name);
  rv1::Region region;
  status = s.registry().GetRegion(s.Context().get(), get_region, &region);
  if (!status.ok()) return Fail(s, status);
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(region.time_zone(), &zone)) zone = absl::UTCTimeZone();
  // Every unit's name, once, for the attendance, the owners and the route.
  std::map<std::string, std::string> names;
  rv1::ListUnitsRequest list;
  list.set_parent(region_name);
  list.set_page_size(1000);
  *list.mutable_as_of() = meeting.start_time();
  do {
    rv1::ListUnitsResponse page;
    status = s.registry().ListUnits(s.Context().get(), list, &page);
    if (!status.ok()) return Fail(s, status);
    for (const rv1::Unit& u : page.units()) names[u.name()] = u.display_name();
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  auto name_of = [&](const std::string& unit) {
    auto found = names.find(unit);
    return found == names.end() ? unit : found->second;
  };
  auto when = [&](const google::protobuf::Timestamp& t) {
    return absl::FormatTime("%Y-%m-%d %H:%M %Z", TimeOf(t), zone);
  };

  const pv1::Revision& r = *d.revisions().rbegin();
  minutes::MinutesPage page;
  page.letterhead = {absl::StrCat("PEMERINTAH ", absl::AsciiStrToUpper(region.display_name())),
                     absl::AsciiStrToUpper(name_of(meeting.chair()))};
  page.title = s.Say("NOTULEN RAPAT", "MINUTES OF THE MEETING");
  page.subtitle = r.title();
  const absl::Time start = TimeOf(meeting.start_time()), end = TimeOf(meeting.end_time());
  page.details = {
      {s.Say("Rapat", "Meeting"), meeting.title()},
      {s.Say("Hari/tanggal", "Date"),
       s.options().lang == Lang::kIndonesian
           ? invitations::IndonesianDate(absl::ToCivilDay(start, zone))
           : absl::FormatTime("%A, %e %B %Y", start, zone)},
      {s.Say("Pukul", "Time"), absl::StrCat(absl::FormatTime("%H.%M", start, zone), " – ",
                                            absl::FormatTime("%H.%M %Z", end, zone))},
      {s.Say("Tempat", "Place"), meeting.place().empty() ? "-" : meeting.place()},
      {s.Say("Pimpinan rapat", "Chair"), name_of(meeting.chair())},
      {s.Say("Dasar hukum", "Legal basis"), meeting.legal_basis()},
  };
  page.summary_heading = s.Say("Ringkasan", "Summary");
  page.summary = r.summary();
  page.body_heading = s.Say("Pembahasan", "Discussion");
  page.body = r.body();
  page.decisions_heading = s.Say("Keputusan", "Decisions");
  page.decisions.assign(r.decisions().begin(), r.decisions().end());

  minutes::Table attendance{s.Say("Daftar hadir", "Attendance"),
                            {"No.", s.Say("Unit", "Unit"), s.Say("Kehadiran", "Attendance"),
                             s.Say("Diwakili oleh", "Represented by")},
                            {0.06, 0.44, 0.18, 0.32},
                            {}};
  int n = 0;
  for (const pv1::RecordedAttendance& a : r.attendance()) {
    attendance.rows.push_back({{absl::StrCat(++n), name_of(a.unit()), AttendanceText(s, a.status()),
                                a.representative()}});
  }
  page.tables.push_back(std::move(attendance));
  if (!r.follow_ups().empty()) {
    minutes::Table follow{
        s.Say("Tindak lanjut", "Follow-up actions"),
        {"No.", s.Say("Tindak lanjut", "Action"), s.Say("Penanggung jawab", "Owner"),
         s.Say("Batas waktu", "Due"), s.Say("Status", "Status")},
        {0.06, 0.38, 0.26, 0.15, 0.15},
        {}};
    n = 0;
    for (const pv1::FollowUpAction& f : r.follow_ups()) {
      follow.rows.push_back({{absl::StrCat(++n), f.what(), name_of(f.owner()), f.due_date(),
                              f.status() == pv1::FollowUpAction::DONE ? s.Say("Selesai", "Done")
                                                                      : s.Say("Terbuka", "Open")}});
    }
    page.tables.push_back(std::move(follow));
  }
  minutes::Table route{s.Say("Jalur persetujuan", "Route"),
                       {s.Say("Pejabat", "Official"), s.Say("Tindakan", "Step"),
                        s.Say("Waktu", "When"), s.Say("Dasar", "Basis")},
                       {0.28, 0.15, 0.27, 0.30},
                       {}};
  route.rows.push_back(
      {{name_of(d.unit()), s.Say("Diajukan", "Submitted"), when(r.submit_time()), ""}});
  for (const pv1::RouteStep& step : d.route()) {
    route.rows.push_back({{name_of(step.unit()), ActionText(s, step.action()),
                           step.has_done_time() ? when(step.done_time()) : "-", step.citation()}});
  }
  page.tables.push_back(std::move(route));
  page.footer = absl::StrCat(document, " · ", s.Say("revisi ", "revision "), r.number(),
                             " · SHA-256 ", r.sha256().substr(0, 16));
  const absl::Status written = minutes::WriteMinutesPdf(page, out);
  if (!written.ok()) {
    std::cerr << "rakor: " << written.message() << "\n";
    return static_cast<int>(written.code());
  }
  std::cout << out << "\n";
  return 0;
}

}  // namespace rakor::cli
