// A region's meetings, and one meeting with its attendance and its minutes.
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "clients/dashboard/views.h"
#include "common/time.h"

namespace rakor::dashboard {
namespace {

namespace sv1 = ::rakor::scheduling::v1;
namespace rv1 = ::rakor::reporting::v1;

const char* OccurrenceStatusLabel(sv1::OccurrenceStatus status, Lang lang) {
  switch (status) {
    case sv1::SCHEDULED:
      return Say(lang, "Dijadwalkan", "Scheduled");
    case sv1::HELD:
      return Say(lang, "Diadakan", "Held");
    case sv1::CANCELLED:
      return Say(lang, "Dibatalkan", "Cancelled");
    default:
      return "?";
  }
}

const char* AttendanceLabel(sv1::AttendanceStatus status, Lang lang) {
  switch (status) {
    case sv1::PRESENT_IN_PERSON:
      return Say(lang, "Hadir", "Present");
    case sv1::PRESENT_ONLINE:
      return Say(lang, "Hadir daring", "Present online");
    case sv1::REPRESENTED:
      return Say(lang, "Diwakili", "Represented");
    case sv1::ABSENT_WITH_NOTICE:
      return Say(lang, "Tidak hadir, dengan pemberitahuan", "Absent with notice");
    case sv1::ABSENT:
      return Say(lang, "Tidak hadir", "Absent");
    default:
      return Say(lang, "Belum dicatat", "Not recorded");
  }
}

const char* StateLabel(rv1::DocumentState state, Lang lang) {
  switch (state) {
    case rv1::IN_REVIEW:
      return Say(lang, "Dalam penelaahan", "In review");
    case rv1::RETURNED:
      return Say(lang, "Dikembalikan untuk perbaikan", "Returned for revision");
    case rv1::ACCEPTED:
      return Say(lang, "Diterima Sekda, menunggu Kepala Daerah",
                 "Accepted by the Sekda, awaiting the head of region");
    case rv1::ACKNOWLEDGED:
      return Say(lang, "Selesai", "Complete");
    case rv1::WITHDRAWN:
      return Say(lang, "Ditarik oleh pengirim", "Withdrawn by the submitter");
    default:
      return "?";
  }
}

std::string NameOf(const std::map<std::string, std::string>& names, const std::string& unit) {
  auto found = names.find(unit);
  return Escape(found != names.end() ? found->second : unit);
}

}  // namespace

std::string MeetingsView(const std::vector<sv1::Occurrence>& occurrences, Lang lang) {
  if (occurrences.empty()) {
    return absl::StrCat(
        "<p>", Say(lang, "Tidak ada rapat pada bulan-bulan ini.", "No meetings in these months."),
        "</p>");
  }
  std::string out = absl::StrCat(ScrollBox(Say(lang, "Rapat", "Meetings")),
                                 R"(<table id="meetings"><thead><tr><th scope="col">)",
                                 Say(lang, "Waktu", "When"), R"(</th><th scope="col">)",
                                 Say(lang, "Rapat", "Meeting"), R"(</th><th scope="col">)",
                                 Say(lang, "Status", "Status"), R"(</th><th scope="col">)",
                                 Say(lang, "Notulen", "Minutes"), "</th></tr></thead><tbody>");
  for (const sv1::Occurrence& o : occurrences) {
    absl::StrAppend(&out, "<tr><td>", Escape(o.start_display()), R"(</td><td><a href=")",
                    Href("/" + o.name(), lang), R"(">)", Escape(o.title()),
                    R"(</a><br><span class="muted">)", Escape(o.legal_basis()), "</span></td><td>",
                    OccurrenceStatusLabel(o.status(), lang), "</td><td>",
                    o.has_minutes_accept_time() ? Say(lang, "Diterima", "Accepted") : "—",
                    "</td></tr>");
  }
  out += "</tbody></table></div>";
  return out;
}

std::string OccurrenceView(const rakor::registry::v1::Region& region, const sv1::Occurrence& o,
                           const MinutesSeen& seen, const std::map<std::string, std::string>& names,
                           Lang lang) {
  std::string out = absl::StrCat(
      R"(<dl><dt>)", Say(lang, "Waktu", "When"), "</dt><dd>", Escape(o.start_display()),
      "</dd><dt>", Say(lang, "Tempat", "Where"), "</dt><dd>", Escape(o.place()), "</dd><dt>",
      Say(lang, "Pimpinan rapat", "Chair"), "</dt><dd>", NameOf(names, o.chair()), "</dd><dt>",
      Say(lang, "Dasar hukum", "Legal basis"), "</dt><dd>", Escape(o.legal_basis()), "</dd><dt>",
      Say(lang, "Status", "Status"), R"(</dt><dd id="status">)",
      OccurrenceStatusLabel(o.status(), lang));
  if (o.status() == sv1::CANCELLED) absl::StrAppend(&out, ": ", Escape(o.cancel_reason()));
  out += "</dd></dl>";

  // Attendance: every invited unit, with how it attended (as recorded) and its answer.
  std::map<std::string, const sv1::Attendance*> attended;
  for (const sv1::Attendance& a : o.attendance()) attended[a.unit()] = &a;
  int present = 0, represented = 0, absent = 0;
  for (const sv1::Attendance& a : o.attendance()) {
    present += a.status() == sv1::PRESENT_IN_PERSON || a.status() == sv1::PRESENT_ONLINE;
    represented += a.status() == sv1::REPRESENTED;
    absent += a.status() == sv1::ABSENT || a.status() == sv1::ABSENT_WITH_NOTICE;
  }
  absl::StrAppend(
      &out, "<h2>", Say(lang, "Kehadiran", "Attendance"), R"(</h2><p id="attendance-summary">)",
      o.invitations_size(), Say(lang, " diundang: ", " invited: "), present,
      Say(lang, " hadir, ", " present, "), represented, Say(lang, " diwakili, ", " represented, "),
      absent, Say(lang, " tidak hadir.", " absent."), "</p>");
  absl::StrAppend(&out, ScrollBox(Say(lang, "Kehadiran", "Attendance")),
                  R"(<table id="attendance"><thead><tr><th scope="col">)",
                  Say(lang, "Perangkat Daerah", "Unit"), R"(</th><th scope="col">)",
                  Say(lang, "Kehadiran", "Attendance"), R"(</th><th scope="col">)",
                  Say(lang, "Diwakili oleh", "Represented by"), "</th></tr></thead><tbody>");
  auto row = [&](const std::string& unit, const std::string& display, const sv1::Attendance* a) {
    absl::StrAppend(
        &out, R"(<tr data-unit=")", Escape(unit), R"("><th scope="row">)", display,
        R"(</th><td data-attendance=")",
        sv1::AttendanceStatus_Name(a != nullptr ? a->status() : sv1::ATTENDANCE_STATUS_UNSPECIFIED),
        R"(">)",
        AttendanceLabel(a != nullptr ? a->status() : sv1::ATTENDANCE_STATUS_UNSPECIFIED, lang),
        "</td><td>");
    if (a != nullptr && !a->representative().empty()) {
      absl::StrAppend(&out, Escape(a->representative()));
      if (!a->representative_position().empty())
        absl::StrAppend(&out, ", ", Escape(a->representative_position()));
    }
    out += "</td></tr>";
  };
  for (const sv1::Invitation& i : o.invitations()) {
    row(i.unit(), Escape(i.display_name().empty() ? i.unit() : i.display_name()),
        attended.contains(i.unit()) ? attended[i.unit()] : nullptr);
    attended.erase(i.unit());
  }
  for (const auto& [unit, a] : attended) row(unit, NameOf(names, unit), a);  // came uninvited
  out += "</tbody></table></div>";

  // The minutes, where the reader may see them.
  absl::StrAppend(&out, "<h2>", Say(lang, "Notulen", "Minutes"), R"(</h2><div id="minutes">)");
  if (o.has_minutes_accept_time()) {
    absl::StrAppend(
        &out, "<p>",
        Say(lang, "Diterima Sekretaris Daerah pada ", "Accepted by the Sekretaris Daerah on "),
        LocalTime(FromProto(o.minutes_accept_time()), region.time_zone()), ".</p>");
  }
  if (!seen.problem.empty()) {
    absl::StrAppend(
        &out, "<p>",
        Say(lang, "Layanan pelaporan tidak menjawab: ", "The reporting service did not answer: "),
        Escape(seen.problem), "</p></div>");
    return out;
  }
  if (!seen.minutes.has_value()) {
    absl::StrAppend(
        &out, "<p>",
        seen.reader.identified
            ? Say(lang, "Tidak ada notulen yang dapat Anda lihat.", "No minutes you may see.")
        : seen.reader.may_identify
            ? Say(lang,
                  "Isi notulen hanya terlihat oleh unit penyusunnya dan pejabat pada alurnya: "
                  "masuk dengan identitas Anda di atas.",
                  "Minutes are visible only to the unit that wrote them and the officials on their "
                  "route: say who you are above.")
            : NotPublic(lang),
        "</p></div>");
    return out;
  }
  const rv1::Document& d = *seen.minutes;
  absl::StrAppend(&out, R"(<p data-state=")", rv1::DocumentState_Name(d.state()), R"(">)",
                  StateLabel(d.state(), lang));
  if (d.state() == rv1::IN_REVIEW || d.state() == rv1::ACCEPTED) {
    const rv1::RouteStep& step = d.route(d.current_step());
    absl::StrAppend(&out, ": ", Say(lang, "pada ", "with "), NameOf(names, step.unit()), " (",
                    Escape(step.role()), ") ", Say(lang, "sejak ", "since "),
                    LocalTime(FromProto(d.step_since_time()), region.time_zone()));
    if (d.overdue())
      absl::StrAppend(&out, R"( — <strong class="overdue">)", Say(lang, "terlambat", "overdue"),
                      "</strong>");
  }
  if (d.state() == rv1::WITHDRAWN) absl::StrAppend(&out, ": ", Escape(d.withdraw_reason()));
  out += "</p><ol>";
  for (int i = 0; i < d.route_size(); ++i) {
    const rv1::RouteStep& step = d.route(i);
    const bool here =
        (d.state() == rv1::IN_REVIEW || d.state() == rv1::ACCEPTED) && i == d.current_step();
    absl::StrAppend(&out, here ? R"(<li aria-current="step"><strong>)" : "<li>",
                    NameOf(names, step.unit()), " — ", Escape(step.role()), here ? "</strong>" : "",
                    R"( <span class="muted">)", Escape(step.citation()), "</span></li>");
  }
  out += "</ol></div>";
  return out;
}

}  // namespace rakor::dashboard
