#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "clients/rakor/commands.h"
#include "common/time.h"
#include "google/protobuf/util/json_util.h"

namespace rakor::cli {
namespace {

namespace sv1 = rakor::scheduling::v1;
namespace pv1 = rakor::reporting::v1;

// A fresh AIP-155 request id: a retried write in this invocation is applied once.
std::string NewRequestId() {
  std::random_device random;
  std::uniform_int_distribution<uint32_t> word;
  return absl::StrFormat("%08x-%04x-4%03x-%04x-%08x%04x", word(random), word(random) & 0xffff,
                         word(random) & 0xfff, (word(random) & 0x3fff) | 0x8000, word(random),
                         word(random) & 0xffff);
}

int Usage(const Session& s, const char* id, const char* en) {
  std::cerr << "rakor: " << s.Say(id, en) << "\n";
  return static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT);
}

void PrintDocument(const Session& s, const pv1::Document& d) {
  Table table({s.Say("dokumen", "document"), s.Say("keadaan", "state"), s.Say("berikutnya", "next"),
               "etag"});
  std::string next;
  if (d.state() == pv1::IN_REVIEW || d.state() == pv1::ACCEPTED) {
    const auto& step = d.route(d.current_step());
    next = pv1::StepAction_Name(step.action()) + " " + step.unit();
  }
  table.Add({d.name(), pv1::DocumentState_Name(d.state()), next, d.etag()});
  table.Print(s.options().json);
}

// The revision a JSON file holds: {"title": ..., "summary": ..., "decisions": [...],
// "followUps": [{"what": ..., "owner": ..., "dueDate": ...}]}. 0, or the exit code.
int ReadRevision(const Session& s, const std::string& file, pv1::Revision* revision) {
  std::ifstream in(file);
  if (!in) return Usage(s, "berkas tidak dapat dibaca", "the file cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  const auto parsed = google::protobuf::util::JsonStringToMessage(text.str(), revision);
  if (!parsed.ok()) {
    std::cerr << "rakor: " << file << ": " << parsed.ToString() << "\n";
    return static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT);
  }
  return 0;
}

// The etag to act on: the one the official read (--etag), or the document's now.
grpc::Status EtagToActOn(Session& s, const std::string& document, const std::string& given,
                         std::string* etag) {
  if (!given.empty()) {
    *etag = given;
    return grpc::Status::OK;
  }
  pv1::GetDocumentRequest get;
  get.set_name(document);
  pv1::Document d;
  grpc::Status status = s.reporting().GetDocument(s.Context().get(), get, &d);
  *etag = d.etag();
  return status;
}

}  // namespace

int RecordAttendance(Session& s, const std::string& occurrence, const std::string& unit,
                     const std::string& status, const std::string& representative) {
  sv1::RecordAttendanceRequest request;
  request.set_occurrence(occurrence);
  sv1::Attendance& a = *request.add_attendance();
  a.set_unit(unit);
  static const std::map<std::string, sv1::AttendanceStatus> kStatus = {
      {"present", sv1::PRESENT_IN_PERSON},
      {"online", sv1::PRESENT_ONLINE},
      {"represented", sv1::REPRESENTED},
      {"excused", sv1::ABSENT_WITH_NOTICE},
      {"absent", sv1::ABSENT}};
  a.set_status(kStatus.at(status));
  a.set_representative(representative);
  sv1::Occurrence held;
  const grpc::Status result = s.scheduling().RecordAttendance(s.Context().get(), request, &held);
  if (!result.ok()) return Fail(s, result);
  std::cout << held.name() << " " << sv1::OccurrenceStatus_Name(held.status()) << "\n";
  return 0;
}

int SubmitDocument(Session& s, const std::string& region, const std::string& id,
                   const std::string& unit, const std::string& occurrence,
                   const std::string& matter, const std::string& file) {
  pv1::SubmitDocumentRequest request;
  if (int failed = ReadRevision(s, file, request.mutable_revision())) return failed;
  request.set_parent(region);
  request.set_document_id(id);
  request.set_unit(unit);
  if (!occurrence.empty()) {
    request.set_kind(pv1::MINUTES);
    request.set_occurrence(occurrence);
  } else {
    request.set_kind(pv1::REPORT);
    request.set_matter(matter == "general" ? pv1::GENERAL_POLICY : pv1::TECHNICAL_OPERATIONAL);
  }
  request.set_request_id(NewRequestId());
  pv1::Document d;
  const grpc::Status status = s.reporting().SubmitDocument(s.Context().get(), request, &d);
  if (!status.ok()) return Fail(s, status);
  PrintDocument(s, d);
  return 0;
}

int TakeStep(Session& s, const std::string& step, const std::string& document,
             const std::string& comment, const std::string& etag) {
  // With --etag, the step is refused if the document changed since the official read
  // it (rakor document); without, if it changes between this read and the step.
  pv1::StepRequest request;
  grpc::Status status = EtagToActOn(s, document, etag, request.mutable_etag());
  if (!status.ok()) return Fail(s, status);
  pv1::Document d;
  request.set_name(document);
  request.set_comment(comment);
  request.set_request_id(NewRequestId());
  auto ctx = s.Context();
  if (step == "paraf") status = s.reporting().InitialDocument(ctx.get(), request, &d);
  if (step == "forward") status = s.reporting().ForwardDocument(ctx.get(), request, &d);
  if (step == "return") status = s.reporting().ReturnDocument(ctx.get(), request, &d);
  if (step == "accept") status = s.reporting().AcceptDocument(ctx.get(), request, &d);
  if (step == "acknowledge") status = s.reporting().AcknowledgeDocument(ctx.get(), request, &d);
  if (step == "withdraw") status = s.reporting().WithdrawDocument(ctx.get(), request, &d);
  if (!status.ok()) return Fail(s, status);
  PrintDocument(s, d);
  return 0;
}

int ResubmitDocument(Session& s, const std::string& document, const std::string& file,
                     const std::string& etag) {
  pv1::ResubmitDocumentRequest request;
  if (int failed = ReadRevision(s, file, request.mutable_revision())) return failed;
  grpc::Status status = EtagToActOn(s, document, etag, request.mutable_etag());
  if (!status.ok()) return Fail(s, status);
  request.set_name(document);
  request.set_request_id(NewRequestId());
  pv1::Document d;
  status = s.reporting().ResubmitDocument(s.Context().get(), request, &d);
  if (!status.ok()) return Fail(s, status);
  PrintDocument(s, d);
  return 0;
}

int CompleteFollowUp(Session& s, const std::string& follow_up, const std::string& note) {
  pv1::CompleteFollowUpRequest request;
  request.set_name(follow_up);
  request.set_note(note);
  request.set_request_id(NewRequestId());
  pv1::FollowUpAction done;
  const grpc::Status status = s.reporting().CompleteFollowUp(s.Context().get(), request, &done);
  if (!status.ok()) return Fail(s, status);
  Table table({s.Say("tindak lanjut", "follow-up"), s.Say("apa", "what"),
               s.Say("keadaan", "status"), s.Say("oleh", "by")});
  table.Add(
      {done.name(), done.what(), pv1::FollowUpAction::Status_Name(done.status()), done.done_by()});
  table.Print(s.options().json);
  return 0;
}

int ReportingSettings(Session& s, const std::string& region, int days, const std::string& source) {
  pv1::GetReportingSettingsRequest get;
  get.set_name(region + "/reportingSettings");
  pv1::ReportingSettings settings;
  grpc::Status status = s.reporting().GetReportingSettings(s.Context().get(), get, &settings);
  if (!status.ok()) return Fail(s, status);
  if (days > 0) {
    // On the settings just read: a change made meanwhile by another official wins.
    pv1::UpdateReportingSettingsRequest update;
    *update.mutable_settings() = settings;
    update.mutable_settings()->set_step_due_working_days(days);
    update.mutable_settings()->set_source(source);
    update.mutable_update_mask()->add_paths("step_due_working_days");
    update.mutable_update_mask()->add_paths("source");
    status = s.reporting().UpdateReportingSettings(s.Context().get(), update, &settings);
    if (!status.ok()) return Fail(s, status);
  }
  Table table({s.Say("pengaturan", "settings"),
               s.Say("hari kerja per langkah", "working days per step"), s.Say("dasar", "source"),
               "etag"});
  table.Add({settings.name(), absl::StrCat(settings.step_due_working_days()), settings.source(),
             settings.etag()});
  table.Print(s.options().json);
  return 0;
}

int CreateMeeting(Session& s, const std::string& region, const std::string& id,
                  const MeetingSpec& spec) {
  sv1::CreateSeriesRequest request;
  request.set_parent(region);
  request.set_series_id(id);
  request.set_request_id(NewRequestId());
  sv1::Series& series = *request.mutable_series();
  series.set_title(spec.title);
  series.set_chair(spec.chair);
  series.set_place(spec.place);
  series.set_link(spec.link);
  series.set_legal_basis(spec.legal_basis);
  series.set_agenda(spec.agenda);
  series.set_start_local(spec.start);
  series.mutable_duration()->set_seconds(spec.minutes * 60);
  series.set_rrule(spec.rrule);
  series.set_reason(spec.reason);
  series.set_form(spec.form == "konsultasi" ? sv1::KONSULTASI
                  : spec.form == "data"     ? sv1::PENYAMPAIAN_DATA_LAPORAN
                                            : sv1::RAPAT_KOORDINASI);
  series.set_mode(spec.mode == "online"   ? sv1::ELECTRONIC
                  : spec.mode == "hybrid" ? sv1::HYBRID
                                          : sv1::IN_PERSON);
  // --invite unit:NAME | asisten:NAME | perangkat-daerah | kecamatan | forkopimda,
  // each with ",optional" to leave it out of conflict checks.
  for (const std::string& invite : spec.invite) {
    std::string what = invite;
    sv1::InviteeSelector& selector = *series.add_invitees();
    if (absl::EndsWith(what, ",optional")) {
      selector.set_optional(true);
      what.resize(what.size() - 9);
    }
    if (absl::StartsWith(what, "unit:")) {
      selector.set_unit(what.substr(5));
    } else if (absl::StartsWith(what, "asisten:")) {
      selector.set_asisten(what.substr(8));
    } else if (what == "perangkat-daerah") {
      selector.set_group(sv1::InviteeSelector::PERANGKAT_DAERAH);
    } else if (what == "kecamatan") {
      selector.set_group(sv1::InviteeSelector::KECAMATAN);
    } else if (what == "forkopimda") {
      selector.set_group(sv1::InviteeSelector::FORKOPIMDA);
    } else {
      return Usage(s,
                   "--invite: unit:NAMA, asisten:NAMA, perangkat-daerah, kecamatan atau forkopimda",
                   "--invite: unit:NAME, asisten:NAME, perangkat-daerah, kecamatan or forkopimda");
    }
  }
  request.set_refuse_conflicts(spec.refuse_conflicts);
  sv1::Series created;
  const grpc::Status status = s.scheduling().CreateSeries(s.Context().get(), request, &created);
  if (!status.ok()) return Fail(s, status);
  std::cout << created.name() << "\n";
  for (const sv1::Conflict& c : created.conflicts()) {
    std::cerr << s.Say("peringatan: ", "warning: ") << c.description() << "\n";
  }
  // When the first meetings are held, which may not be the days asked for: the
  // series' policy moves a meeting off a weekend or holiday.
  sv1::ListOccurrencesRequest first;
  first.set_parent(region);
  first.set_filter(absl::StrCat("series = \"", created.name(), "\""));
  absl::CivilSecond start;
  if (!absl::ParseCivilTime(created.start_local(), &start)) return 0;
  // A day either side of the civil start covers every zone's offset.
  *first.mutable_start_time() = ToProto(absl::FromCivil(start - 86400, absl::UTCTimeZone()));
  *first.mutable_end_time() = ToProto(absl::FromCivil(start + 400 * 86400, absl::UTCTimeZone()));
  first.set_page_size(3);
  sv1::ListOccurrencesResponse held;
  // The series is made either way; without the list the officer still has its name.
  if (!s.scheduling().ListOccurrences(s.Context().get(), first, &held).ok()) return 0;
  Table table(MeetingHeaders(s));
  for (const auto& o : held.occurrences()) table.Add(MeetingRow(s, o));
  table.Print(s.options().json);
  return 0;
}

}  // namespace rakor::cli
