#include <functional>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "clients/rakor/commands.h"
#include "common/time.h"

namespace rakor::cli {

namespace pv1 = rakor::reporting::v1;

int PrintInbox(Session& s, const std::string& region) {
  const std::string unit = s.options().actor.substr(0, s.options().actor.find('#'));
  if (unit.empty()) {
    std::cerr << "rakor: "
              << s.Say("sebutkan siapa Anda: --as UNIT#PERAN", "say who you are: --as UNIT#ROLE")
              << "\n";
    return static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT);
  }
  pv1::ListDocumentsRequest request;
  request.set_parent(region);
  request.set_filter(absl::StrCat("awaiting = \"", unit, "\""));
  request.set_page_size(1000);
  Table table({s.Say("dokumen", "document"), s.Say("judul", "title"), s.Say("langkah", "step"),
               s.Say("terlambat", "overdue")});
  do {
    pv1::ListDocumentsResponse page;
    const grpc::Status status = s.reporting().ListDocuments(s.Context().get(), request, &page);
    if (!status.ok()) return Fail(s, status);
    for (const auto& d : page.documents()) {
      // A returned document says why: the submitter revises it from that.
      const std::string step =
          d.state() == pv1::RETURNED
              ? absl::StrCat(s.Say("dikembalikan: ", "returned: "), d.return_comment())
              : pv1::StepAction_Name(d.route(d.current_step()).action());
      table.Add({d.name(), d.revisions().empty() ? "" : d.revisions().rbegin()->title(), step,
                 d.overdue() ? s.Say("ya", "yes") : ""});
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  table.Print(s.options().json);
  return 0;
}

namespace {

// Times are shown in the zone of the region `name` is in, as its officials read them
// (UTC if the registry does not say).
std::function<std::string(const google::protobuf::Timestamp&)> LocalTimes(Session& s,
                                                                          const std::string& name) {
  rakor::registry::v1::GetRegionRequest request;
  request.set_name(name.substr(0, name.find('/', name.find('/') + 1)));
  rakor::registry::v1::Region region;
  absl::TimeZone zone = absl::UTCTimeZone();
  if (s.registry().GetRegion(s.Context().get(), request, &region).ok()) {
    absl::LoadTimeZone(region.time_zone(), &zone);
  }
  return [zone](const google::protobuf::Timestamp& t) {
    return absl::FormatTime("%Y-%m-%d %H:%M %Z", FromProto(t), zone);
  };
}

}  // namespace

int PrintDocument(Session& s, const std::string& name) {
  pv1::GetDocumentRequest get;
  get.set_name(name);
  pv1::Document d;
  grpc::Status status = s.reporting().GetDocument(s.Context().get(), get, &d);
  if (!status.ok()) return Fail(s, status);
  const auto when = LocalTimes(s, name);
  const pv1::Revision* current = d.revisions().empty() ? nullptr : &*d.revisions().rbegin();
  Table about({s.Say("dokumen", "document"), s.Say("jenis", "kind"), s.Say("unit", "unit"),
               s.Say("keadaan", "state"), s.Say("revisi", "revision"), s.Say("judul", "title"),
               "etag"});
  about.Add(
      {d.name(), pv1::DocumentKind_Name(d.kind()), d.unit(),
       pv1::DocumentState_Name(d.state()) + (d.overdue() ? s.Say(", terlambat", ", overdue") : ""),
       current == nullptr ? "" : absl::StrCat(current->number()),
       current == nullptr ? "" : current->title(), d.etag()});
  about.Print(s.options().json);
  if (d.state() == pv1::RETURNED) {
    std::cout << s.Say("Dikembalikan: ", "Returned: ") << d.return_comment() << "\n";
  }
  if (d.state() == pv1::WITHDRAWN) {
    std::cout << s.Say("Ditarik: ", "Withdrawn: ") << d.withdraw_reason() << "\n";
  }
  Table route({"#", s.Say("langkah", "step"), s.Say("unit", "unit"), s.Say("selesai", "done"),
               s.Say("oleh", "by"), s.Say("dasar", "basis")});
  for (int i = 0; i < d.route_size(); ++i) {
    const pv1::RouteStep& step = d.route(i);
    const bool due =
        (d.state() == pv1::IN_REVIEW || d.state() == pv1::ACCEPTED) && i == d.current_step();
    route.Add({absl::StrCat(i + 1), pv1::StepAction_Name(step.action()), step.unit(),
               step.has_done_time() ? when(step.done_time())
               : due                ? std::string(s.Say("giliran sekarang", "due now"))
                                    : std::string(),
               step.done_by(), step.citation()});
  }
  route.Print(s.options().json);
  if (current == nullptr || current->follow_ups().empty()) return 0;
  Table follow_ups({s.Say("tindak lanjut", "follow-up"), s.Say("apa", "what"),
                    s.Say("pelaksana", "owner"), s.Say("tenggat", "due"),
                    s.Say("keadaan", "status")});
  for (const pv1::FollowUpAction& f : current->follow_ups()) {
    follow_ups.Add(
        {f.name(), f.what(), f.owner(), f.due_date(),
         f.status() == pv1::FollowUpAction::DONE
             ? absl::StrCat(s.Say("selesai ", "done "), when(f.done_time()), ": ", f.done_note())
             : std::string(s.Say("terbuka", "open"))});
  }
  follow_ups.Print(s.options().json);
  return 0;
}

int PrintAuditTrail(Session& s, const std::string& name) {
  pv1::ListAuditEntriesRequest request;
  request.set_document(name);
  pv1::ListAuditEntriesResponse response;
  const grpc::Status status = s.reporting().ListAuditEntries(s.Context().get(), request, &response);
  if (!status.ok()) return Fail(s, status);
  const auto when = LocalTimes(s, name);
  Table table({"#", s.Say("waktu", "time"), s.Say("oleh", "by"), s.Say("tindakan", "action"),
               s.Say("dasar", "basis"), s.Say("catatan", "comment")});
  for (const pv1::AuditEntry& e : response.entries()) {
    table.Add({absl::StrCat(e.sequence()), when(e.time()), e.actor(), e.action(), e.citation(),
               e.comment()});
  }
  table.Print(s.options().json);
  return 0;
}

int VerifyAuditTrail(Session& s) {
  pv1::VerifyAuditTrailResponse check;
  const grpc::Status status = s.reporting().VerifyAuditTrail(s.Context().get(), {}, &check);
  if (!status.ok()) return Fail(s, status);
  if (check.intact()) {
    std::cout << s.Say("Jejak audit utuh: ", "The audit trail is intact: ") << check.entries()
              << s.Say(" entri.", " entries.") << "\n";
    return 0;
  }
  std::cout << s.Say("Jejak audit rusak pada entri ", "The audit trail breaks at entry ")
            << check.first_bad_sequence() << ": " << check.problem() << "\n";
  return static_cast<int>(grpc::StatusCode::DATA_LOSS);
}

int PrintOverdueFollowUps(Session& s, const std::string& region, const std::string& owner,
                          const std::string& asisten) {
  pv1::ListOverdueFollowUpsRequest request;
  request.set_parent(region);
  request.set_owner(owner);
  request.set_asisten(asisten);
  pv1::ListOverdueFollowUpsResponse response;
  const grpc::Status status =
      s.reporting().ListOverdueFollowUps(s.Context().get(), request, &response);
  if (!status.ok()) return Fail(s, status);
  Table table({s.Say("tindak lanjut", "follow-up"), s.Say("apa", "what"),
               s.Say("pelaksana", "owner"), "asisten", s.Say("tenggat", "due")});
  for (const pv1::OverdueFollowUp& o : response.follow_ups()) {
    table.Add({o.action().name(), o.action().what(), o.action().owner(), o.action().owner_asisten(),
               o.action().due_date()});
  }
  table.Print(s.options().json);
  return 0;
}

}  // namespace rakor::cli
