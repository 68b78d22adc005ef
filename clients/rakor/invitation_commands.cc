// Invitations: a meeting's iCalendar message, sending it with the formal letter to
// every invited unit, and recording the answers that come back.
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "clients/invitations/delivery.h"
#include "clients/invitations/email.h"
#include "clients/invitations/invitation.h"
#include "clients/invitations/letter.h"
#include "clients/rakor/commands.h"

namespace rakor::cli {
namespace {

namespace sv1 = rakor::scheduling::v1;
namespace rv1 = rakor::registry::v1;

struct Loaded {
  invitations::Meeting meeting;
  rv1::Unit chair;
  rv1::Region region;
};

// The occurrence with its invitations, its series' zone, place and agenda, and the
// chair's unit and region from the registry.
grpc::Status Load(Session& s, const std::string& occurrence, Loaded* out) {
  sv1::GetOccurrenceRequest get;
  get.set_name(occurrence);
  grpc::Status status =
      s.scheduling().GetOccurrence(s.Context().get(), get, &out->meeting.occurrence);
  if (!status.ok()) return status;
  sv1::GetSeriesRequest get_series;
  get_series.set_name(out->meeting.occurrence.series());
  sv1::Series series;
  status = s.scheduling().GetSeries(s.Context().get(), get_series, &series);
  if (!status.ok()) return status;
  rv1::GetUnitRequest get_chair;
  get_chair.set_name(series.chair());
  status = s.registry().GetUnit(s.Context().get(), get_chair, &out->chair);
  if (!status.ok()) return status;
  rv1::GetRegionRequest get_region;
  get_region.set_name(series.chair().substr(0, series.chair().find("/units/")));
  status = s.registry().GetRegion(s.Context().get(), get_region, &out->region);
  if (!status.ok()) return status;
  out->meeting.time_zone = series.time_zone();
  out->meeting.organizer_email = out->chair.contact_email();
  out->meeting.organizer_name = out->chair.display_name();
  out->meeting.link = series.link();
  out->meeting.agenda = series.agenda();
  return grpc::Status::OK;
}

int Refused(const absl::Status& status) {
  std::cerr << "rakor: " << status.message() << "\n";
  return static_cast<int>(status.code());
}

}  // namespace

int PrintInvitation(Session& s, const std::string& occurrence) {
  Loaded loaded;
  if (grpc::Status status = Load(s, occurrence, &loaded); !status.ok()) return Fail(s, status);
  const absl::StatusOr<std::string> ics = invitations::InvitationIcs(loaded.meeting);
  if (!ics.ok()) return Refused(ics.status());
  std::cout << *ics;
  return 0;
}

int SendInvitations(Session& s, const std::string& occurrence, const SendOptions& send) {
  Loaded loaded;
  if (grpc::Status status = Load(s, occurrence, &loaded); !status.ok()) return Fail(s, status);
  const sv1::Occurrence& o = loaded.meeting.occurrence;
  const absl::StatusOr<std::string> ics = invitations::InvitationIcs(loaded.meeting);
  if (!ics.ok()) return Refused(ics.status());
  const bool cancel = o.status() == sv1::CANCELLED;
  const std::string method = cancel ? "CANCEL" : "REQUEST";

  invitations::LetterDetails details;
  std::string kind_title = absl::AsciiStrToUpper(loaded.region.display_name());
  details.letterhead = absl::StrCat("PEMERINTAH ", kind_title, "\n",
                                    absl::AsciiStrToUpper(loaded.chair.display_name()));
  details.nomor = send.nomor;
  details.sifat = send.sifat;
  if (cancel) details.hal = absl::StrCat("Pembatalan ", o.title());
  details.city = send.city;
  absl::TimeZone chair_zone;  // the letter is dated where it is signed
  if (!absl::LoadTimeZone(loaded.meeting.time_zone, &chair_zone)) chair_zone = absl::UTCTimeZone();
  details.date = absl::ToCivilDay(absl::Now(), chair_zone);
  details.chair_title =
      loaded.chair.head_title().empty() ? loaded.chair.display_name() : loaded.chair.head_title();
  details.signatory = absl::AsciiStrToUpper(loaded.chair.display_name());

  // Each invitee's zone is its own region's (a meeting may span regions).
  std::map<std::string, std::string> zones;
  auto zone_of = [&](const std::string& unit) -> std::string {
    const std::string region = unit.substr(0, unit.find("/units/"));
    if (auto z = zones.find(region); z != zones.end()) return z->second;
    rv1::GetRegionRequest get;
    get.set_name(region);
    rv1::Region r;
    const grpc::Status st = s.registry().GetRegion(s.Context().get(), get, &r);
    return zones[region] = st.ok() ? r.time_zone() : loaded.meeting.time_zone;
  };

  std::vector<invitations::Outgoing> outgoing;
  std::vector<std::string> without_address;
  for (const sv1::Invitation& i : o.invitations()) {
    if (i.contact_email().empty()) {
      without_address.push_back(i.unit());
      continue;
    }
    invitations::Recipient to{i.display_name(), i.contact_email(), zone_of(i.unit())};
    absl::StatusOr<std::string> letter = invitations::InvitationLetter(loaded.meeting, details, to);
    if (!letter.ok()) return Refused(letter.status());
    if (cancel) {
      *letter = absl::StrCat("Dengan hormat, kami sampaikan bahwa ", o.title(), " pada ",
                             o.start_display(), " DIBATALKAN",
                             o.cancel_reason().empty() ? "" : " (" + o.cancel_reason() + ")",
                             ".\n\n", *letter);
    }
    const std::string key =
        absl::StrCat(o.name(), "-s", o.sequence(), "-", method, "-", i.contact_email());
    invitations::Email email;
    email.from_name = loaded.chair.display_name();
    email.from_address = send.from;
    email.to_name = i.display_name();
    email.to_address = i.contact_email();
    email.subject =
        absl::StrCat(cancel ? "Pembatalan: " : "Undangan: ", o.title(), ", ", o.start_display());
    email.message_id = absl::StrCat(invitations::KeyDigest(key).substr(0, 40), "@rakor.invalid");
    email.date = absl::Now();
    email.text = *letter;
    email.ics = *ics;
    email.method = method;
    outgoing.push_back({key, send.from, i.contact_email(), invitations::ComposeEmail(email)});
  }

  invitations::DeliveryOptions options;
  options.smtp_url = send.smtp_url;
  options.smtp_user = send.smtp_user;
  options.smtp_password = send.smtp_password;
  options.outbox_dir = send.outbox_dir;
  options.state_dir = send.state_dir;
  options.attempts = send.attempts;
  options.first_backoff = send.first_backoff;
  options.progress = [&](int done, int total, const invitations::Outgoing& m,
                         const absl::Status& st) {
    std::cerr << absl::StrFormat("[%d/%d] %s: %s\n", done, total, m.recipient,
                                 st.ok() ? s.Say("terkirim", "sent") : std::string(st.message()));
  };
  const invitations::DeliveryReport report = invitations::Deliver(outgoing, options);

  Table table({s.Say("penerima", "recipient"), s.Say("hasil", "result")});
  for (const auto& [recipient, why] : report.failed) {
    table.Add({recipient, std::string(why.message())});
  }
  for (const std::string& unit : without_address) {
    table.Add({unit, s.Say("belum ada alamat di registry: isi dengan rakor address UNIT ALAMAT",
                           "no address in the registry: set it with rakor address UNIT ADDRESS")});
  }
  table.Print(s.options().json);
  std::cerr << absl::StrFormat(s.Say("%d terkirim, %d sudah terkirim sebelumnya, %d gagal\n",
                                     "%d sent, %d already sent before, %d failed\n"),
                               report.sent, report.already_sent,
                               report.failed.size() + without_address.size());
  if (!report.failed.empty()) {
    return static_cast<int>(report.failed.front().second.code());  // run again to resume
  }
  return without_address.empty() ? 0 : static_cast<int>(grpc::StatusCode::FAILED_PRECONDITION);
}

int RespondToInvitation(Session& s, const std::string& occurrence, const std::string& unit,
                        const std::string& answer, const std::string& deputy,
                        const std::string& deputy_email, const std::string& reply_file) {
  sv1::RespondToInvitationRequest request;
  if (!reply_file.empty()) {
    std::ifstream in(reply_file);
    std::stringstream text;
    text << in.rdbuf();
    const absl::StatusOr<invitations::Reply> reply = invitations::ParseReply(text.str());
    if (!reply.ok()) return Refused(reply.status());
    // The answering unit is the invitee whose address the reply comes from.
    sv1::GetOccurrenceRequest get;
    get.set_name(reply->occurrence);
    sv1::Occurrence found;
    const grpc::Status status = s.scheduling().GetOccurrence(s.Context().get(), get, &found);
    if (!status.ok()) return Fail(s, status);
    for (const sv1::Invitation& i : found.invitations()) {
      if (absl::EqualsIgnoreCase(i.contact_email(), reply->attendee_email)) {
        request.set_unit(i.unit());
      }
    }
    if (request.unit().empty()) {
      return Refused(absl::InvalidArgumentError(
          absl::StrCat("reply: ", reply->attendee_email,
                       " is not the address of a unit invited to ", reply->occurrence)));
    }
    request.set_occurrence(reply->occurrence);
    request.set_response(reply->response);
    request.set_delegate_name(reply->delegate_name);
    request.set_delegate_email(reply->delegate_email);
  } else {
    static const std::map<std::string, sv1::ResponseStatus> kAnswers = {
        {"accept", sv1::ACCEPTED},
        {"decline", sv1::DECLINED},
        {"tentative", sv1::TENTATIVE},
        {"delegate", sv1::DELEGATED}};
    if (occurrence.empty() || unit.empty() || answer.empty()) {
      return Refused(
          absl::InvalidArgumentError(s.Say("beri OCCURRENCE UNIT --answer, atau --reply FILE.ics",
                                           "give OCCURRENCE UNIT --answer, or --reply FILE.ics")));
    }
    request.set_occurrence(occurrence);
    request.set_unit(unit);
    request.set_response(kAnswers.at(answer));
    request.set_delegate_name(deputy);
    request.set_delegate_email(deputy_email);
  }
  sv1::Occurrence answered;
  const grpc::Status status =
      s.scheduling().RespondToInvitation(s.Context().get(), request, &answered);
  if (!status.ok()) return Fail(s, status);
  std::cout << request.unit() << " " << sv1::ResponseStatus_Name(request.response()) << "\n";
  return 0;
}

}  // namespace rakor::cli
