#include "clients/invitations/letter.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace rakor::invitations {
namespace {

constexpr const char* kMonths[] = {"Januari",   "Februari", "Maret",    "April",
                                   "Mei",       "Juni",     "Juli",     "Agustus",
                                   "September", "Oktober",  "November", "Desember"};

std::string DayName(absl::Weekday w) {
  switch (w) {
    case absl::Weekday::monday:
      return "Senin";
    case absl::Weekday::tuesday:
      return "Selasa";
    case absl::Weekday::wednesday:
      return "Rabu";
    case absl::Weekday::thursday:
      return "Kamis";
    case absl::Weekday::friday:
      return "Jumat";
    case absl::Weekday::saturday:
      return "Sabtu";
    case absl::Weekday::sunday:
      break;
  }
  return "Minggu";
}

// "09.00 WIB": Indonesian letters write the hour with a dot.
std::string Clock(absl::Time t, absl::TimeZone zone) {
  return absl::FormatTime("%H.%M %Z", t, zone);
}

absl::StatusOr<absl::TimeZone> Zone(const std::string& name) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(name, &zone)) {
    return absl::InvalidArgumentError(absl::StrCat("time zone: unknown zone \"", name, "\""));
  }
  return zone;
}

// "Label        : value", continuation lines aligned under the value.
std::string Field(const std::string& label, const std::string& value, int width) {
  std::string out = absl::StrFormat("%-*s : ", width, label);
  const std::string indent(width + 3, ' ');
  bool first = true;
  for (absl::string_view line : absl::StrSplit(value, '\n')) {
    absl::StrAppend(&out, first ? "" : indent, line, "\n");
    first = false;
  }
  return out;
}

}  // namespace

std::string IndonesianDate(absl::CivilDay day) {
  return absl::StrCat(DayName(absl::GetWeekday(day)), ", ", day.day(), " ",
                      kMonths[day.month() - 1], " ", day.year());
}

absl::StatusOr<std::string> InvitationLetter(const Meeting& meeting, const LetterDetails& details,
                                             const Recipient& to) {
  absl::StatusOr<absl::TimeZone> here = Zone(to.time_zone);
  if (!here.ok()) return here.status();
  absl::StatusOr<absl::TimeZone> there = Zone(meeting.time_zone);
  if (!there.ok()) return there.status();
  const auto& o = meeting.occurrence;
  const absl::Time start = absl::FromUnixSeconds(o.start_time().seconds());
  const absl::Time end = absl::FromUnixSeconds(o.end_time().seconds());
  std::string when = absl::StrCat(Clock(start, *here), " s.d. ", Clock(end, *here));
  if (absl::FormatTime("%Z", start, *here) != absl::FormatTime("%Z", start, *there)) {
    absl::StrAppend(&when, "\n(", Clock(start, *there), " s.d. ", Clock(end, *there),
                    " di tempat rapat)");
  }
  std::string place = o.place().empty() ? "-" : o.place();
  if (!meeting.link.empty()) {
    place = o.place().empty() ? meeting.link : absl::StrCat(o.place(), "\n", meeting.link);
  }
  const std::string hal = details.hal.empty() ? absl::StrCat("Undangan ", o.title()) : details.hal;

  std::string letter;
  if (!details.letterhead.empty()) absl::StrAppend(&letter, details.letterhead, "\n\n");
  absl::StrAppend(&letter, details.city.empty() ? "" : details.city + ", ",
                  absl::StrCat(details.date.day(), " ", kMonths[details.date.month() - 1], " ",
                               details.date.year()),
                  "\n\n");
  absl::StrAppend(&letter, Field("Nomor", details.nomor.empty() ? "-" : details.nomor, 8),
                  Field("Sifat", details.sifat, 8), Field("Lampiran", details.lampiran, 8),
                  Field("Hal", hal, 8), "\n");
  absl::StrAppend(&letter, "Kepada\nYth. ", to.name, "\ndi tempat\n\n");
  absl::StrAppend(&letter, "Dengan hormat,\n\n");
  absl::StrAppend(&letter, "Dalam rangka pelaksanaan rapat koordinasi",
                  o.legal_basis().empty() ? "" : absl::StrCat(" (", o.legal_basis(), ")"),
                  ", dengan ini kami mengundang Saudara untuk hadir pada:\n\n");
  const absl::CivilDay day = absl::ToCivilDay(start, *here);
  const int width = 14;
  absl::StrAppend(
      &letter, Field("Hari/tanggal", IndonesianDate(day), width), Field("Pukul", when, width),
      Field("Tempat", place, width),
      Field("Acara", meeting.agenda.empty() ? o.title() : o.title() + "\n" + meeting.agenda,
            width));
  if (!details.chair_title.empty()) {
    absl::StrAppend(&letter, Field("Pimpinan rapat", details.chair_title, width));
  }
  absl::StrAppend(&letter,
                  "\nMengingat pentingnya acara tersebut, dimohon kehadiran Saudara tepat pada "
                  "waktunya. Undangan kalender terlampir; bila berhalangan, mohon menunjuk "
                  "pejabat yang mewakili.\n\nAtas perhatian dan kehadiran Saudara, kami ucapkan "
                  "terima kasih.\n\n");
  if (!details.signatory.empty()) absl::StrAppend(&letter, details.signatory, "\n");
  return letter;
}

}  // namespace rakor::invitations
