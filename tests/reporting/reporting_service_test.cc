// Tier 2: the reporting service over loopback with the real registry and scheduling
// service: routes in each region, each step by the official whose turn it is,
// returns and revisions, retries and races, the audit chain, attachments, inboxes
// and the outbox to scheduling.
#include <set>
#include <thread>

#include "absl/strings/str_split.h"
#include "services/reporting/digest.h"
#include "storage/database.h"
#include "tests/support/reporting_server.h"

namespace rakor::reporting {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::IsOkAndHolds;
using ::rakor::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class Reports : public ReportingService {
 protected:
  void HoldWithDinkesPresent(const std::string& occurrence);
  // Creates `series` in `region` and records `present` at its meeting on `day`: the
  // held occurrence's name ("" after a failed assertion).
  std::string HoldNewMeeting(const std::string& region, const std::string& id,
                             const rakor::scheduling::v1::Series& series, absl::CivilDay day,
                             const std::string& present);
  // The names of every document `actor` lists with `filter`, page by page, and the
  // number of pages it took.
  std::pair<std::vector<std::string>, int> ListAll(const std::string& actor,
                                                   const std::string& filter, int page_size);
  // Minutes `id` of `occurrence` by `unit`, titled `title`.
  static rv1::SubmitDocumentRequest Minutes(const std::string& occurrence, const std::string& unit,
                                            const std::string& id, const std::string& title) {
    rv1::SubmitDocumentRequest submit;
    submit.set_parent(unit.substr(0, unit.find("/units/")));
    submit.set_document_id(id);
    submit.set_kind(rv1::MINUTES);
    submit.set_unit(unit);
    submit.set_occurrence(occurrence);
    *submit.mutable_revision() = ARevision(title);
    return submit;
  }
};

struct Case {
  std::string region, unit;
};

TEST_P(Reports, AReportGoesUpItsChainInEachRegionWithTheParafOnlyInSoppeng) {
  const std::vector<Case> cases = {
      {"regions/soppeng", "regions/soppeng/units/dinas-kesehatan"},
      {"regions/soppeng", "regions/soppeng/units/kecamatan-citta"},
      {"regions/soppeng", "regions/soppeng/units/sekretariat-dprd"},
      {"regions/temanggung", "regions/temanggung/units/dinas-kesehatan"},
      {"regions/temanggung", "regions/temanggung/units/kecamatan-parakan"},
      {"regions/temanggung", "regions/temanggung/units/sekretariat-dprd"},
      {"regions/banjar", "regions/banjar/units/dinas-kesehatan"},
      {"regions/banjar", "regions/banjar/units/kecamatan-banjar"},
      {"regions/banjar", "regions/banjar/units/sekretariat-dprd"},
  };
  int n = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.unit);
    rv1::Document d;
    ASSERT_THAT(Submit(c.region, "laporan-" + std::to_string(++n), c.unit, &d), IsOk());
    ASSERT_GE(d.route_size(), 3);  // the Asisten, the Sekda, the head of region
    const rv1::RouteStep& asisten = d.route(0);
    EXPECT_EQ(asisten.role(), "asisten");
    if (c.region == "regions/soppeng") {
      EXPECT_EQ(asisten.action(), rv1::PARAF);
      // Cited once: the registry's chain names the paraf rule at the Asisten's step.
      EXPECT_THAT(absl::StrSplit(asisten.citation(), "; "),
                  ::testing::Contains("Soppeng Pasal 26 ayat (2)").Times(1));
    } else {
      EXPECT_EQ(asisten.action(), rv1::FORWARD);
    }
    EXPECT_EQ(d.route(d.route_size() - 2).action(), rv1::ACCEPT);
    EXPECT_EQ(d.route(d.route_size() - 2).role(), "sekda");
    EXPECT_EQ(d.route(d.route_size() - 1).action(), rv1::ACKNOWLEDGE);
    EXPECT_EQ(d.route(d.route_size() - 1).role(), "head-of-region");
    for (const auto& step : d.route()) EXPECT_FALSE(step.citation().empty()) << step.unit();
    while (d.state() != rv1::ACKNOWLEDGED) {
      rv1::Document next;
      ASSERT_THAT(TakeDueStep(d, &next), IsOk());
      d = next;
    }
    for (const auto& step : d.route()) EXPECT_TRUE(step.has_done_time()) << step.unit();
    EXPECT_EQ(AuditCount(d.name(), c.unit + "#head"), 1 + d.route_size());
  }
}

TEST_P(Reports, EveryoneButTheOfficialWhoseTurnItIsIsRefusedAndNothingChanges) {
  rv1::Document d;
  const std::string dinkes = "regions/temanggung/units/dinas-kesehatan";
  ASSERT_THAT(Submit("regions/temanggung", "laporan", dinkes, &d), IsOk());
  const std::string asisten = d.route(0).unit() + "#asisten";
  rv1::StepRequest step;
  step.set_name(d.name());
  rv1::Document out;
  EXPECT_THAT(reporting_stub_->ForwardDocument(As(dinkes + "#head").get(), step, &out),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not")));
  EXPECT_THAT(reporting_stub_->ForwardDocument(
                  As("regions/temanggung/units/sekretariat-daerah#sekda").get(), step, &out),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("turn")));
  EXPECT_THAT(reporting_stub_->ForwardDocument(
                  As("regions/temanggung/units/dinas-sosial#head").get(), step, &out),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("nor on its route")));
  EXPECT_THAT(reporting_stub_->ForwardDocument(As("").get(), step, &out),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("anonymous")));
  // The right official, but an Asisten of Temanggung forwards: no accepting here.
  EXPECT_THAT(reporting_stub_->AcceptDocument(As(asisten).get(), step, &out),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("due for FORWARD")));
  // The same office in another role is not the Asisten.
  EXPECT_THAT(reporting_stub_->ForwardDocument(As(d.route(0).unit() + "#staff").get(), step, &out),
              StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
  // Nor may an outsider read it while it is in progress.
  rv1::GetDocumentRequest get;
  get.set_name(d.name());
  EXPECT_THAT(reporting_stub_->GetDocument(As("regions/temanggung/units/dinas-sosial#head").get(),
                                           get, &out),
              StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
  ASSERT_THAT(reporting_stub_->GetDocument(As(asisten).get(), get, &out), IsOk());
  EXPECT_EQ(out.etag(), d.etag());
  EXPECT_EQ(out.current_step(), 0);
  EXPECT_EQ(AuditCount(d.name(), asisten), 1);
}

TEST_P(Reports, AtEveryStepOnlyTheOfficialWhoseTurnItIsMovesIt) {
  rv1::Document d;
  const std::string submitter = "regions/soppeng/units/dinas-kesehatan";
  ASSERT_THAT(Submit("regions/soppeng", "laporan", submitter, &d), IsOk());
  std::vector<std::string> officials;
  for (const auto& step : d.route()) officials.push_back(step.unit() + "#" + step.role());
  ASSERT_EQ(officials.size(), 3u);  // the Asisten's paraf, the Sekda, the Bupati
  for (int at = 0; at < d.route_size(); ++at) {
    SCOPED_TRACE(officials[at]);
    rv1::StepRequest step;
    step.set_name(d.name());
    step.set_comment("Mohon diperbaiki");
    rv1::Document out;
    // Every step RPC, by everyone else on the route and by the submitter: not their turn.
    std::vector<std::string> others = {submitter + "#head"};
    for (int i = 0; i < d.route_size(); ++i) {
      if (i != at) others.push_back(officials[i]);
    }
    for (const std::string& other : others) {
      EXPECT_THAT(reporting_stub_->InitialDocument(As(other).get(), step, &out),
                  StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("turn")));
      EXPECT_THAT(reporting_stub_->AcceptDocument(As(other).get(), step, &out),
                  StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("turn")));
      EXPECT_THAT(reporting_stub_->ReturnDocument(As(other).get(), step, &out),
                  StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("turn")));
    }
    // Someone off the route, or nobody at all: not their document.
    for (const std::string& outsider :
         {std::string("regions/soppeng/units/dinas-sosial#head"), std::string("")}) {
      EXPECT_THAT(reporting_stub_->AcknowledgeDocument(As(outsider).get(), step, &out),
                  StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
    }
    EXPECT_EQ(AuditCount(d.name(), submitter + "#head"), 1 + at);  // nothing was recorded
    rv1::Document next;
    ASSERT_THAT(TakeDueStep(d, &next), IsOk());
    d = next;
  }
  EXPECT_EQ(d.state(), rv1::ACKNOWLEDGED);
  rv1::StepRequest after;
  after.set_name(d.name());
  rv1::Document out;
  EXPECT_THAT(reporting_stub_->AcknowledgeDocument(As(officials.back()).get(), after, &out),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("complete")));
}

TEST_P(Reports, AReturnedDocumentComesBackAsANewRevisionAndTheOldOneStays) {
  rv1::Document d;
  const std::string kecamatan = "regions/soppeng/units/kecamatan-citta";
  ASSERT_THAT(Submit("regions/soppeng", "laporan", kecamatan, &d), IsOk());
  rv1::Document after_paraf;
  ASSERT_THAT(TakeDueStep(d, &after_paraf), IsOk());  // the Asisten's paraf
  const std::string sekda = after_paraf.route(after_paraf.current_step()).unit() + "#sekda";
  rv1::StepRequest back;
  back.set_name(d.name());
  rv1::Document returned;
  EXPECT_THAT(reporting_stub_->ReturnDocument(As(sekda).get(), back, &returned),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("comment")));
  back.set_comment("Lampirkan data realisasi anggaran");
  ASSERT_THAT(reporting_stub_->ReturnDocument(As(sekda).get(), back, &returned), IsOk());
  EXPECT_EQ(returned.state(), rv1::RETURNED);
  EXPECT_EQ(returned.return_comment(), "Lampirkan data realisasi anggaran");
  rv1::Document out;
  EXPECT_THAT(reporting_stub_->AcceptDocument(As(sekda).get(), back, &out),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("the submitter")));

  rv1::ResubmitDocumentRequest again;
  again.set_name(d.name());
  again.set_etag(returned.etag());
  *again.mutable_revision() = ARevision("Laporan hasil koordinasi (perbaikan)");
  rv1::Document resubmitted;
  EXPECT_THAT(reporting_stub_->ResubmitDocument(As(sekda).get(), again, &resubmitted),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("turn")));
  ASSERT_THAT(
      reporting_stub_->ResubmitDocument(As(kecamatan + "#staff").get(), again, &resubmitted),
      IsOk());
  EXPECT_EQ(resubmitted.state(), rv1::IN_REVIEW);
  EXPECT_EQ(resubmitted.current_step(), 0);  // the route starts again, paraf first
  ASSERT_EQ(resubmitted.revisions_size(), 2);
  EXPECT_EQ(resubmitted.revisions(0).title(), "Laporan hasil koordinasi");
  EXPECT_EQ(resubmitted.revisions(0).sha256(), d.revisions(0).sha256());
  EXPECT_NE(resubmitted.revisions(1).sha256(), d.revisions(0).sha256());
  EXPECT_FALSE(resubmitted.route(0).has_done_time());
}

TEST_P(Reports, ARetriedStepIsAppliedOnceAndOfConcurrentStepsOneWins) {
  rv1::Document d;
  ASSERT_THAT(Submit("regions/banjar", "laporan", "regions/banjar/units/dinas-kesehatan", &d),
              IsOk());
  rv1::Document first, retried;
  ASSERT_THAT(TakeDueStep(d, &first, "5f1c7a0e-2b7e-4f52-9a55-0c1d2e3f4a5b"), IsOk());
  ASSERT_THAT(TakeDueStep(d, &retried, "5f1c7a0e-2b7e-4f52-9a55-0c1d2e3f4a5b"), IsOk());
  EXPECT_EQ(retried.etag(), first.etag());
  EXPECT_EQ(first.current_step(), 1);
  const std::string sekda = first.route(1).unit() + "#sekda";
  EXPECT_EQ(AuditCount(d.name(), sekda), 2);  // submitted, forwarded once

  // Two officials' clients race on the same read: exactly one accept lands.
  std::atomic<int> ok{0}, refused{0};
  std::vector<std::thread> racers;
  for (int i = 0; i < 8; ++i) {
    racers.emplace_back([&, i] {
      rv1::StepRequest accept;
      accept.set_name(d.name());
      accept.set_etag(first.etag());
      accept.set_request_id("race-" + std::to_string(i));
      rv1::Document out;
      const grpc::Status s = reporting_stub_->AcceptDocument(As(sekda).get(), accept, &out);
      (s.ok() ? ok : refused)++;
      EXPECT_TRUE(s.ok() || s.error_code() == grpc::StatusCode::FAILED_PRECONDITION ||
                  s.error_code() == grpc::StatusCode::ABORTED)
          << s.error_message();
    });
  }
  for (auto& t : racers) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(refused.load(), 7);
  EXPECT_EQ(AuditCount(d.name(), sekda), 3);

  // A step on a stale read is refused.
  rv1::Document now;
  rv1::GetDocumentRequest get;
  get.set_name(d.name());
  ASSERT_THAT(reporting_stub_->GetDocument(As(sekda).get(), get, &now), IsOk());
  rv1::StepRequest stale;
  stale.set_name(d.name());
  stale.set_etag(first.etag());
  rv1::Document out;
  EXPECT_THAT(reporting_stub_->AcknowledgeDocument(
                  As(now.route(now.current_step()).unit() + "#head-of-region").get(), stale, &out),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("etag")));
}

TEST_P(Reports, ARequestIdSentToAnotherStepIsRefusedNotReplayed) {
  rv1::Document d, forwarded;
  ASSERT_THAT(Submit("regions/banjar", "laporan", "regions/banjar/units/dinas-kesehatan", &d),
              IsOk());
  ASSERT_THAT(TakeDueStep(d, &forwarded), IsOk());
  const std::string sekda = forwarded.route(forwarded.current_step()).unit() + "#sekda";
  rv1::StepRequest request;
  request.set_name(d.name());
  request.set_etag(forwarded.etag());
  request.set_comment("Sudah sesuai");
  request.set_request_id("7d0c2f4e-5b1a-4c3e-8f6d-9a8b7c6d5e4f");
  rv1::Document accepted, returned;
  ASSERT_THAT(reporting_stub_->AcceptDocument(As(sekda).get(), request, &accepted), IsOk());
  // Byte for byte the accept's request, sent to ReturnDocument (AIP-155).
  EXPECT_THAT(reporting_stub_->ReturnDocument(As(sekda).get(), request, &returned),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  rv1::GetDocumentRequest get;
  get.set_name(d.name());
  ASSERT_THAT(reporting_stub_->GetDocument(As(sekda).get(), get, &returned), IsOk());
  EXPECT_EQ(returned.state(), rv1::ACCEPTED);
  EXPECT_EQ(returned.etag(), accepted.etag());
}

TEST_P(Reports, TheAuditChainShowsARowEditedOrRemovedBehindTheServicesBack) {
  rv1::Document d;
  ASSERT_THAT(
      Submit("regions/temanggung", "laporan", "regions/temanggung/units/dinas-kesehatan", &d),
      IsOk());
  rv1::Document next;
  ASSERT_THAT(TakeDueStep(d, &next), IsOk());
  ASSERT_THAT(TakeDueStep(next, &d), IsOk());
  rv1::VerifyAuditTrailResponse check;
  EXPECT_THAT(reporting_stub_->VerifyAuditTrail(As("").get(), {}, &check),
              StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
  ASSERT_THAT(reporting_stub_->VerifyAuditTrail(
                  As("regions/temanggung/units/sekretariat-daerah#sekda").get(), {}, &check),
              IsOk());
  EXPECT_TRUE(check.intact());
  EXPECT_EQ(check.entries(), 3);

  EditDatabase(
      "UPDATE audit_entries SET actor = 'regions/temanggung/units/bupati#head-of-region'"
      " WHERE sequence = 2");
  ASSERT_THAT(reporting_stub_->VerifyAuditTrail(
                  As("regions/temanggung/units/sekretariat-daerah#sekda").get(), {}, &check),
              IsOk());
  EXPECT_FALSE(check.intact());
  EXPECT_EQ(check.first_bad_sequence(), 2);
  EXPECT_THAT(check.problem(), HasSubstr("edited"));

  EditDatabase("DELETE FROM audit_entries WHERE sequence >= 2");
  ASSERT_THAT(reporting_stub_->VerifyAuditTrail(
                  As("regions/temanggung/units/sekretariat-daerah#sekda").get(), {}, &check),
              IsOk());
  EXPECT_FALSE(check.intact());
  EXPECT_THAT(check.problem(), HasSubstr("missing"));
}

TEST_P(Reports, AChangeOfARegionsSettingsIsOnTheAuditTrailWithWhoAndFromWhat) {
  const std::string sekda = "regions/temanggung/units/sekretariat-daerah#sekda";
  rv1::Document d;
  ASSERT_THAT(
      Submit("regions/temanggung", "laporan", "regions/temanggung/units/dinas-kesehatan", &d),
      IsOk());
  rv1::UpdateReportingSettingsRequest update;
  update.mutable_settings()->set_name("regions/temanggung/reportingSettings");
  update.mutable_settings()->set_step_due_working_days(5);
  update.mutable_settings()->set_source("Surat Edaran Sekda tentang tata naskah dinas");
  update.mutable_update_mask()->add_paths("step_due_working_days");
  update.mutable_update_mask()->add_paths("source");
  rv1::ReportingSettings updated;
  ASSERT_THAT(reporting_stub_->UpdateReportingSettings(As(sekda).get(), update, &updated), IsOk());
  // A refused change leaves nothing on the trail, nor does one that changes nothing.
  rv1::ReportingSettings unchanged;
  ASSERT_THAT(reporting_stub_->UpdateReportingSettings(As(sekda).get(), update, &unchanged),
              IsOk());
  EXPECT_EQ(unchanged.etag(), updated.etag());
  update.mutable_settings()->set_step_due_working_days(0);
  EXPECT_THAT(reporting_stub_->UpdateReportingSettings(As(sekda).get(), update, &unchanged),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("step_due_working_days")));

  rv1::ListAuditEntriesRequest list;
  list.set_document("regions/temanggung/reportingSettings");
  rv1::ListAuditEntriesResponse trail;
  ASSERT_THAT(reporting_stub_->ListAuditEntries(
                  As("regions/temanggung/units/dinas-kesehatan#head").get(), list, &trail),
              IsOk());
  ASSERT_EQ(trail.entries_size(), 1);
  const rv1::AuditEntry& entry = trail.entries(0);
  EXPECT_EQ(entry.actor(), sekda);
  EXPECT_EQ(entry.action(), "SETTINGS_UPDATE");
  EXPECT_EQ(entry.comment(),
            "step_due_working_days 3 -> 5; source \"rakor's default (--step_due_working_days)\" "
            "-> \"Surat Edaran Sekda tentang tata naskah dinas\"");
  EXPECT_EQ(entry.citation(), "Surat Edaran Sekda tentang tata naskah dinas");
  EXPECT_EQ(entry.hash(), updated.audit_head());
  list.set_document("regions/temanggung/reportingSetting");
  grpc::Status malformed = reporting_stub_->ListAuditEntries(
      As("regions/temanggung/units/dinas-kesehatan#head").get(), list, &trail);
  EXPECT_EQ(malformed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(malformed.error_message(), ::testing::StartsWith("document:"));

  // In the same chain as the documents' steps, and missed when removed.
  rv1::VerifyAuditTrailResponse check;
  ASSERT_THAT(reporting_stub_->VerifyAuditTrail(As(sekda).get(), {}, &check), IsOk());
  EXPECT_TRUE(check.intact()) << check.problem();
  EXPECT_EQ(check.entries(), 2);
  EditDatabase("DELETE FROM audit_entries WHERE action = 'SETTINGS_UPDATE'");
  ASSERT_THAT(reporting_stub_->VerifyAuditTrail(As(sekda).get(), {}, &check), IsOk());
  EXPECT_FALSE(check.intact());
  EXPECT_THAT(check.problem(), HasSubstr("regions/temanggung/reportingSettings"));
}

TEST_P(Reports, AttachmentsAreStreamedStoredOnceVerifiedAndRefusedWhenTheyDoNotMatch) {
  std::string bytes(3 << 20, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 131) % 251);
  const std::string sha = Sha256Hex(bytes);
  auto upload = [&](const std::string& declared_sha, int64_t declared_size, rv1::Attachment* out) {
    auto ctx = As("regions/banjar/units/dinas-kesehatan#staff");
    auto writer = reporting_stub_->UploadAttachment(ctx.get(), out);
    rv1::UploadAttachmentRequest header;
    header.mutable_header()->set_content_type("application/pdf");
    header.mutable_header()->set_size_bytes(declared_size);
    header.mutable_header()->set_sha256(declared_sha);
    writer->Write(header);
    for (size_t at = 0; at < bytes.size(); at += 64 << 10) {
      rv1::UploadAttachmentRequest chunk;
      chunk.set_chunk(bytes.substr(at, 64 << 10));
      if (!writer->Write(chunk)) break;  // refused midway
    }
    writer->WritesDone();
    return writer->Finish();
  };
  rv1::Attachment stored, again;
  ASSERT_THAT(upload(sha, bytes.size(), &stored), IsOk());
  EXPECT_EQ(stored.name(), "attachments/" + sha);
  EXPECT_EQ(stored.size_bytes(), static_cast<int64_t>(bytes.size()));
  ASSERT_THAT(upload(sha, bytes.size(), &again), IsOk());
  EXPECT_EQ(again.name(), stored.name());  // shared, not stored twice
  EXPECT_THAT(upload(std::string(64, 'a'), bytes.size(), &again),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("header.sha256")));
  EXPECT_THAT(upload(sha, 5 << 20, &again),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("header.size_bytes")));

  auto read = [&](std::string* out,
                  const std::string& as = "regions/banjar/units/dinas-kesehatan#staff") {
    rv1::ReadAttachmentRequest request;
    request.set_name(stored.name());
    auto ctx = As(as);
    auto reader = reporting_stub_->ReadAttachment(ctx.get(), request);
    rv1::ReadAttachmentResponse chunk;
    while (reader->Read(&chunk)) out->append(chunk.chunk());
    return reader->Finish();
  };
  std::string back;
  ASSERT_THAT(read(&back), IsOk());  // the uploader's unit reads it back
  EXPECT_TRUE(back == bytes);
  // Nobody else knows of it yet, in the region or outside it.
  std::string other;
  EXPECT_THAT(read(&other, "regions/banjar/units/inspektorat#staff"),
              StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
  EXPECT_THAT(read(&other, "regions/temanggung/units/dinas-kesehatan#staff"),
              StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
  EXPECT_TRUE(other.empty());

  // A document attaches it; an unknown attachment is refused.
  rv1::SubmitDocumentRequest submit;
  submit.set_parent("regions/banjar");
  submit.set_document_id("laporan");
  submit.set_kind(rv1::REPORT);
  submit.set_unit("regions/banjar/units/dinas-kesehatan");
  submit.set_matter(rv1::TECHNICAL_OPERATIONAL);
  *submit.mutable_revision() = ARevision("Laporan dengan lampiran");
  submit.mutable_revision()->add_attachments("attachments/" + std::string(64, 'b'));
  rv1::Document d;
  EXPECT_THAT(reporting_stub_->SubmitDocument(As("regions/banjar/units/dinas-kesehatan#head").get(),
                                              submit, &d),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("attachments/bbbb")));
  submit.mutable_revision()->set_attachments(0, stored.name());
  ASSERT_THAT(reporting_stub_->SubmitDocument(As("regions/banjar/units/dinas-kesehatan#head").get(),
                                              submit, &d),
              IsOk());
  // Once a document carries it, the officials on its route read it; others still not.
  other.clear();
  EXPECT_THAT(read(&other, d.route(0).unit() + "#" + d.route(0).role()), IsOk());
  EXPECT_TRUE(other == bytes);
  EXPECT_THAT(read(&other, "regions/banjar/units/inspektorat#staff"),
              StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));

  // Bytes changed behind the service's back are not served.
  EditDatabase(
      "UPDATE attachment_chunks SET bytes = (SELECT c.bytes FROM attachment_chunks c WHERE "
      "c.chunk = 0) WHERE chunk = 3");
  back.clear();
  EXPECT_THAT(read(&back), StatusIs(absl::StatusCode::kDataLoss, HasSubstr("SHA-256")));
  EXPECT_TRUE(back.empty());
}

TEST_P(Reports, InboxesShowWhatAwaitsEachOfficialAndWhatIsOverdue) {
  rv1::Document a, b;
  ASSERT_THAT(
      Submit("regions/temanggung", "laporan-a", "regions/temanggung/units/dinas-kesehatan", &a),
      IsOk());
  ASSERT_THAT(
      Submit("regions/temanggung", "laporan-b", "regions/temanggung/units/dinas-sosial", &b),
      IsOk());
  const std::string asisten = a.route(0).unit();
  ASSERT_EQ(b.route(0).unit(), asisten);  // both are Kesra's
  auto inbox = [&](const std::string& actor, const std::string& filter) {
    rv1::ListDocumentsRequest request;
    request.set_parent("regions/temanggung");
    request.set_filter(filter);
    rv1::ListDocumentsResponse page;
    EXPECT_THAT(reporting_stub_->ListDocuments(As(actor).get(), request, &page), IsOk());
    std::vector<std::string> names;
    for (const auto& d : page.documents())
      names.push_back(d.name().substr(d.name().rfind('/') + 1));
    return names;
  };
  EXPECT_THAT(inbox(asisten + "#asisten", "awaiting = \"" + asisten + "\""),
              ElementsAre("laporan-a", "laporan-b"));
  EXPECT_THAT(inbox("regions/temanggung/units/dinas-kesehatan#head", ""),
              ElementsAre("laporan-a"));  // a unit sees its own, not the other's
  EXPECT_THAT(inbox(asisten + "#asisten", "overdue = true"), ElementsAre());
  clock_.Advance(absl::Hours(24 * 6));  // past three working days
  EXPECT_THAT(inbox(asisten + "#asisten", "overdue = true"), ElementsAre("laporan-a", "laporan-b"));
  rv1::Document forwarded;
  ASSERT_THAT(TakeDueStep(a, &forwarded), IsOk());
  EXPECT_THAT(inbox(asisten + "#asisten", "awaiting = \"" + asisten + "\""),
              ElementsAre("laporan-b"));
  rv1::ListDocumentsRequest bad;
  bad.set_parent("regions/temanggung");
  bad.set_filter("state = LOST");
  rv1::ListDocumentsResponse page;
  EXPECT_THAT(reporting_stub_->ListDocuments(As(asisten + "#asisten").get(), bad, &page),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("state")));
}

TEST_P(Reports, AnInboxOfLargeDocumentsComesInPagesUnderTheMessageLimit) {
  // Forty reports with long bodies await one Asisten: more than one gRPC message
  // holds (2 MiB), asked for in one page of a thousand.
  const std::string dinkes = "regions/temanggung/units/dinas-kesehatan";
  rv1::SubmitDocumentRequest submit;
  submit.set_parent("regions/temanggung");
  submit.set_kind(rv1::REPORT);
  submit.set_matter(rv1::TECHNICAL_OPERATIONAL);
  submit.set_unit(dinkes);
  *submit.mutable_revision() = ARevision("Laporan hasil koordinasi");
  submit.mutable_revision()->set_body(std::string(60 << 10, 'x'));
  rv1::Document d;
  for (int i = 0; i < 40; ++i) {
    submit.set_document_id(absl::StrCat("laporan-", 100 + i));
    ASSERT_THAT(reporting_stub_->SubmitDocument(As(dinkes + "#head").get(), submit, &d), IsOk());
  }
  const std::string asisten = d.route(0).unit();
  rv1::ListDocumentsRequest request;
  request.set_parent("regions/temanggung");
  request.set_filter("awaiting = \"" + asisten + "\"");
  request.set_page_size(1000);
  std::vector<std::string> seen;
  int pages = 0;
  do {
    rv1::ListDocumentsResponse page;
    ASSERT_THAT(reporting_stub_->ListDocuments(As(asisten + "#asisten").get(), request, &page),
                IsOk());
    ++pages;
    for (const auto& found : page.documents()) seen.push_back(found.name());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  EXPECT_EQ(seen.size(), 40u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 40u);
  EXPECT_GE(pages, 3);
}

std::pair<std::vector<std::string>, int> Reports::ListAll(const std::string& actor,
                                                          const std::string& filter,
                                                          int page_size) {
  rv1::ListDocumentsRequest request;
  request.set_parent("regions/temanggung");
  request.set_filter(filter);
  request.set_page_size(page_size);
  std::vector<std::string> names;
  int pages = 0;
  do {
    rv1::ListDocumentsResponse page;
    EXPECT_THAT(reporting_stub_->ListDocuments(As(actor).get(), request, &page), IsOk());
    if (++pages > 100) break;
    for (const auto& d : page.documents())
      names.push_back(d.name().substr(d.name().rfind('/') + 1));
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return {names, pages};
}

TEST_P(Reports, PagesHoldOnlyWhatTheCallerMayReadAndAreFullUntilTheLast) {
  // Two units' reports, named in turn, await the same Asisten; three are overdue.
  const std::string dinkes = "regions/temanggung/units/dinas-kesehatan";
  const std::string dinsos = "regions/temanggung/units/dinas-sosial";
  rv1::Document d;
  for (int i = 0; i < 6; ++i) {
    if (i == 3) clock_.Advance(absl::Hours(24 * 6));  // past three working days
    ASSERT_THAT(
        Submit("regions/temanggung", absl::StrCat("laporan-", i), i % 2 ? dinsos : dinkes, &d),
        IsOk());
  }
  const std::string asisten = d.route(0).unit() + "#asisten";
  EXPECT_EQ(ListAll(dinkes + "#head", "", 2),
            std::make_pair(std::vector<std::string>{"laporan-0", "laporan-2", "laporan-4"}, 2));
  EXPECT_EQ(ListAll(dinsos + "#staff", "", 1),
            std::make_pair(std::vector<std::string>{"laporan-1", "laporan-3", "laporan-5"}, 3));
  // Judged after reading: the first documents read are passed over, the page still fills.
  EXPECT_EQ(ListAll(asisten, "overdue = false", 2),
            std::make_pair(std::vector<std::string>{"laporan-3", "laporan-4", "laporan-5"}, 2));
  EXPECT_EQ(ListAll(asisten, "overdue = true AND unit = \"" + dinsos + "\"", 1),
            std::make_pair(std::vector<std::string>{"laporan-1"}, 1));
  // An empty value is a value: reports have no occurrence, and no document no unit.
  EXPECT_EQ(ListAll(dinkes + "#head", "occurrence = \"\"", 5).first.size(), 3u);
  EXPECT_THAT(ListAll(dinkes + "#head", "unit = \"\"", 5).first, ::testing::IsEmpty());
  EXPECT_EQ(ListAll("regions/temanggung/units/dinas-pendidikan-pora#head", "", 5),
            std::make_pair(std::vector<std::string>{}, 1));
}

TEST_P(Reports, DocumentsWrittenBeforeTheIndexOrByAnOlderReplicaAreIndexed) {
  rv1::Document a, b;
  ASSERT_THAT(
      Submit("regions/temanggung", "laporan-a", "regions/temanggung/units/dinas-kesehatan", &a),
      IsOk());
  ASSERT_THAT(TakeDueStep(a, &b), IsOk());
  ASSERT_THAT(
      Submit("regions/temanggung", "laporan-b", "regions/temanggung/units/dinas-sosial", &b),
      IsOk());
  // As a database of schema version 4 has them: no index rows.
  StopReporting();
  EditDatabase("DELETE FROM document_index");
  EditDatabase("DELETE FROM document_parties");
  OpenReporting();
  const std::string asisten = b.route(0).unit();
  EXPECT_EQ(ListAll(asisten + "#asisten", "awaiting = \"" + asisten + "\"", 10).first,
            std::vector<std::string>{"laporan-b"});
  EXPECT_EQ(ListAll(a.unit() + "#head", "", 10).first, std::vector<std::string>{"laporan-a"});
  absl::StatusOr<Reporting::Backlog> backlog = reporting_->CurrentBacklog();
  ASSERT_THAT(backlog.status(), IsOk());
  EXPECT_EQ(backlog->regions["regions/temanggung"].waiting,
            (std::map<std::string, int64_t>{{"asisten", 1}, {"sekda", 1}}));

  // An older replica, while replicas are replaced, changes documents and not their index.
  EditDatabase("UPDATE document_index SET revision = 0, awaiting = ''");
  EXPECT_THAT(ListAll(asisten + "#asisten", "awaiting = \"" + asisten + "\"", 10).first,
              ::testing::IsEmpty());
  EXPECT_THAT(reporting_->Reindex(), IsOkAndHolds(2));
  EXPECT_EQ(ListAll(asisten + "#asisten", "awaiting = \"" + asisten + "\"", 10).first,
            std::vector<std::string>{"laporan-b"});
  EXPECT_THAT(reporting_->Reindex(), IsOkAndHolds(0));
}

TEST_P(Reports, ADocumentStopsTakingRevisionsBeforeItCouldNoLongerBeSentWhole) {
  // Returned and revised with long bodies again and again: every revision is kept,
  // so the document grows towards what one gRPC message holds (2 MiB).
  const std::string dinkes = "regions/temanggung/units/dinas-kesehatan";
  rv1::Document d;
  ASSERT_THAT(Submit("regions/temanggung", "laporan", dinkes, &d), IsOk());
  const std::string asisten = d.route(0).unit() + "#asisten";
  rv1::ResubmitDocumentRequest again;
  again.set_name(d.name());
  *again.mutable_revision() = ARevision("Laporan hasil koordinasi (perbaikan)");
  again.mutable_revision()->set_body(std::string(60 << 10, 'x'));
  grpc::Status refused;
  int revisions = 1;
  while (refused.ok() && revisions < 60) {
    rv1::StepRequest back;
    back.set_name(d.name());
    back.set_comment("Lengkapi datanya");
    ASSERT_THAT(reporting_stub_->ReturnDocument(As(asisten).get(), back, &d), IsOk());
    again.set_etag(d.etag());
    refused = reporting_stub_->ResubmitDocument(As(dinkes + "#head").get(), again, &d);
    if (refused.ok()) ++revisions;
  }
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition,
                                HasSubstr("send a shorter revision")));
  EXPECT_GT(revisions, 20);  // 60 KB each: about 25 fit
  // Refused, nothing changed; and the document, largest as it is, is read whole.
  rv1::GetDocumentRequest get;
  get.set_name(d.name());
  rv1::Document read;
  ASSERT_THAT(reporting_stub_->GetDocument(As(dinkes + "#head").get(), get, &read), IsOk());
  EXPECT_EQ(read.revisions_size(), revisions);
  EXPECT_EQ(read.state(), rv1::RETURNED);
  EXPECT_EQ(read.etag(), d.etag());
  rv1::ListDocumentsRequest list;
  list.set_parent("regions/temanggung");
  rv1::ListDocumentsResponse page;
  ASSERT_THAT(reporting_stub_->ListDocuments(As(dinkes + "#head").get(), list, &page), IsOk());
  EXPECT_EQ(page.documents_size(), 1);
  // A short revision still fits, and the steps after it, at the limit, are never refused.
  again.mutable_revision()->clear_body();
  ASSERT_THAT(reporting_stub_->ResubmitDocument(As(dinkes + "#head").get(), again, &d), IsOk());
  for (int step = 0; d.state() != rv1::ACKNOWLEDGED && step < 5; ++step) {
    rv1::Document next;
    ASSERT_THAT(TakeDueStep(d, &next), IsOk());
    d = next;
  }
  EXPECT_EQ(d.state(), rv1::ACKNOWLEDGED);
}

TEST_P(Reports, AStepIsOverdueAfterTheRegionsOwnNumberOfWorkingDaysNotCountingItsDaysOff) {
  Seed();  // Temanggung's days off include Hari Raya Natal, Friday 25 December 2026
  clock_.Set(rakor::scheduling::WibTime(2026, 12, 23, 10, 0));  // a Wednesday
  rv1::Document d;
  ASSERT_THAT(
      Submit("regions/temanggung", "laporan-natal", "regions/temanggung/units/dinas-kesehatan", &d),
      IsOk());
  const std::string asisten = d.route(0).unit() + "#asisten";
  auto overdue = [&] {
    rv1::GetDocumentRequest get;
    get.set_name(d.name());
    rv1::Document now;
    EXPECT_THAT(reporting_stub_->GetDocument(As(asisten).get(), get, &now), IsOk());
    return now.overdue();
  };
  // Three working days by default: Thursday 24th, (Christmas), Monday 28th, Tuesday 29th.
  clock_.Set(rakor::scheduling::WibTime(2026, 12, 28, 12, 0));
  EXPECT_FALSE(overdue()) << "Monday to Friday alone would make it overdue on the 28th";
  clock_.Set(rakor::scheduling::WibTime(2026, 12, 29, 10, 1));
  EXPECT_TRUE(overdue());

  // The region sets its own number: its Sekda may, an Asisten may not.
  std::string sekda;
  for (const auto& step : d.route()) {
    if (step.role() == "sekda") sekda = step.unit() + "#sekda";
  }
  rv1::GetReportingSettingsRequest get;
  get.set_name("regions/temanggung/reportingSettings");
  rv1::ReportingSettings current;
  ASSERT_THAT(reporting_stub_->GetReportingSettings(As("").get(), get, &current), IsOk());
  EXPECT_EQ(current.step_due_working_days(), 3);
  rv1::UpdateReportingSettingsRequest update;
  update.mutable_settings()->set_name(current.name());
  update.mutable_settings()->set_etag(current.etag());
  update.mutable_settings()->set_step_due_working_days(5);
  update.mutable_settings()->set_source("Surat Edaran Sekda tentang tata naskah dinas");
  update.mutable_update_mask()->add_paths("step_due_working_days");
  update.mutable_update_mask()->add_paths("source");
  rv1::ReportingSettings updated;
  EXPECT_THAT(reporting_stub_->UpdateReportingSettings(As(asisten).get(), update, &updated),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("sekda")));
  update.mutable_settings()->set_step_due_working_days(0);
  EXPECT_THAT(reporting_stub_->UpdateReportingSettings(As(sekda).get(), update, &updated),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("step_due_working_days")));
  update.mutable_settings()->set_step_due_working_days(5);
  ASSERT_THAT(reporting_stub_->UpdateReportingSettings(As(sekda).get(), update, &updated), IsOk());
  EXPECT_EQ(updated.step_due_working_days(), 5);
  EXPECT_NE(updated.etag(), current.etag());
  EXPECT_FALSE(overdue());  // five working days end on Thursday 31st
  // An official acting on what they read before the change loses.
  EXPECT_THAT(reporting_stub_->UpdateReportingSettings(As(sekda).get(), update, &updated),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("etag")));
  // Another region keeps the default.
  get.set_name("regions/soppeng/reportingSettings");
  ASSERT_THAT(reporting_stub_->GetReportingSettings(As("").get(), get, &current), IsOk());
  EXPECT_EQ(current.step_due_working_days(), 3);
}

TEST_P(Reports, OverdueFollowUpsAreListedPerOwnerAndPerAsistenOfTheOwner) {
  clock_.Set(rakor::scheduling::WibTime(2026, 12, 14, 9, 0));
  rv1::SubmitDocumentRequest submit;
  submit.set_parent("regions/temanggung");
  submit.set_document_id("laporan-tindak-lanjut");
  submit.set_kind(rv1::REPORT);
  submit.set_matter(rv1::GENERAL_POLICY);
  submit.set_unit("regions/temanggung/units/dinas-kesehatan");
  *submit.mutable_revision() = ARevision("Laporan hasil koordinasi");
  auto follow_up = [&](const std::string& what, const std::string& owner) {
    auto* f = submit.mutable_revision()->add_follow_ups();
    f->set_what(what);
    f->set_owner("regions/temanggung/units/" + owner);
    f->set_due_date("2026-12-01");
  };
  follow_up("Perbaiki jalan ke puskesmas", "dinas-pekerjaan-umum-dan-penataan-ruang");
  follow_up("Laporkan cakupan imunisasi", "dinas-kesehatan");
  follow_up("Tidak ada", "dinas-yang-tidak-ada");
  rv1::Document d;
  EXPECT_THAT(
      reporting_stub_->SubmitDocument(As("regions/temanggung/units/dinas-kesehatan#head").get(),
                                      submit, &d),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("revision.follow_ups[2].owner")));
  submit.mutable_revision()->mutable_follow_ups()->RemoveLast();
  ASSERT_THAT(reporting_stub_->SubmitDocument(
                  As("regions/temanggung/units/dinas-kesehatan#head").get(), submit, &d),
              IsOk());
  EXPECT_EQ(d.revisions(0).follow_ups(0).owner_asisten(),
            "regions/temanggung/units/asisten-perekonomian-pembangunan");
  EXPECT_EQ(d.revisions(0).follow_ups(1).owner_asisten(),
            "regions/temanggung/units/asisten-pemerintahan-kesra");

  auto late = [&](const std::string& actor, const std::string& owner, const std::string& asisten) {
    rv1::ListOverdueFollowUpsRequest request;
    request.set_parent("regions/temanggung");
    request.set_owner(owner);
    request.set_asisten(asisten);
    rv1::ListOverdueFollowUpsResponse response;
    EXPECT_THAT(reporting_stub_->ListOverdueFollowUps(As(actor).get(), request, &response), IsOk());
    std::vector<std::string> what;
    for (const auto& o : response.follow_ups()) what.push_back(o.action().what());
    return what;
  };
  const std::string ekbang = "regions/temanggung/units/asisten-perekonomian-pembangunan";
  // The Asisten for Perekonomian is not on this report's route: while it is in
  // progress it is the route's business only.
  EXPECT_THAT(late(ekbang + "#asisten", "", ""), ElementsAre());
  // Nor is it overdue for the route: until accepted, what it asks may still change
  // and it cannot be recorded as done.
  EXPECT_THAT(late("regions/temanggung/units/dinas-kesehatan#head", "", ""), ElementsAre());
  auto counted = [&] {
    absl::StatusOr<Reporting::Backlog> backlog = reporting_->CurrentBacklog();
    EXPECT_THAT(backlog.status(), IsOk());
    return backlog.ok() ? backlog->regions["regions/temanggung"].overdue_follow_ups : -1;
  };
  EXPECT_EQ(counted(), 0);
  rv1::Document forwarded, accepted;
  ASSERT_THAT(TakeDueStep(d, &forwarded), IsOk());
  ASSERT_THAT(TakeDueStep(forwarded, &accepted), IsOk());
  ASSERT_EQ(accepted.state(), rv1::ACCEPTED);
  EXPECT_EQ(counted(), 2);
  // Once accepted, the Asisten follows up the units it coordinates; sorted by Asisten.
  EXPECT_THAT(late(ekbang + "#asisten", "", ""), ElementsAre("Perbaiki jalan ke puskesmas"));
  EXPECT_THAT(late("regions/temanggung/units/dinas-kesehatan#head", "", ""),
              ElementsAre("Laporkan cakupan imunisasi", "Perbaiki jalan ke puskesmas"));
  EXPECT_THAT(late("regions/temanggung/units/dinas-kesehatan#head", "", ekbang),
              ElementsAre("Perbaiki jalan ke puskesmas"));
  EXPECT_THAT(late("regions/temanggung/units/dinas-kesehatan#head",
                   "regions/temanggung/units/dinas-kesehatan", ""),
              ElementsAre("Laporkan cakupan imunisasi"));
  EXPECT_THAT(late("regions/temanggung/units/dinas-sosial#head", "", ""), ElementsAre());
  rv1::ListOverdueFollowUpsRequest bad;
  bad.set_parent("regions/temanggung");
  bad.set_asisten("regions/soppeng/units/asisten-pemerintahan-kesra");
  rv1::ListOverdueFollowUpsResponse response;
  EXPECT_THAT(reporting_stub_->ListOverdueFollowUps(As(ekbang + "#asisten").get(), bad, &response),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("asisten")));
}

TEST_P(Reports, AFollowUpRecordedAsDoneByThoseWhoFollowItLeavesTheOverdueList) {
  clock_.Set(rakor::scheduling::WibTime(2026, 12, 14, 9, 0));
  const std::string dinkes = "regions/temanggung/units/dinas-kesehatan";
  const std::string pupr = "regions/temanggung/units/dinas-pekerjaan-umum-dan-penataan-ruang";
  const std::string ekbang = "regions/temanggung/units/asisten-perekonomian-pembangunan";
  rv1::SubmitDocumentRequest submit;
  submit.set_parent("regions/temanggung");
  submit.set_document_id("laporan-tindak-lanjut");
  submit.set_kind(rv1::REPORT);
  submit.set_matter(rv1::GENERAL_POLICY);
  submit.set_unit(dinkes);
  *submit.mutable_revision() = ARevision("Laporan hasil koordinasi");
  for (const std::string& owner : {pupr, dinkes}) {
    rv1::FollowUpAction& f = *submit.mutable_revision()->add_follow_ups();
    f.set_what("Tindak lanjut " + owner);
    f.set_owner(owner);
    f.set_due_date("2026-12-01");
  }
  rv1::Document d;
  // Done is recorded with who and what, not submitted as done.
  submit.mutable_revision()->mutable_follow_ups(1)->set_status(rv1::FollowUpAction::DONE);
  EXPECT_THAT(
      reporting_stub_->SubmitDocument(As(dinkes + "#head").get(), submit, &d),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("revision.follow_ups[1].status")));
  submit.mutable_revision()->mutable_follow_ups(1)->clear_status();
  ASSERT_THAT(reporting_stub_->SubmitDocument(As(dinkes + "#head").get(), submit, &d), IsOk());
  const std::string road = d.name() + "/followUps/1";
  EXPECT_EQ(d.revisions(0).follow_ups(0).name(), road);
  auto complete = [&](const std::string& actor, const std::string& name, const std::string& note,
                      rv1::FollowUpAction* out) {
    rv1::CompleteFollowUpRequest request;
    request.set_name(name);
    request.set_note(note);
    return reporting_stub_->CompleteFollowUp(As(actor).get(), request, out);
  };
  auto overdue = [&]() {
    rv1::ListOverdueFollowUpsRequest request;
    request.set_parent("regions/temanggung");
    rv1::ListOverdueFollowUpsResponse response;
    EXPECT_THAT(
        reporting_stub_->ListOverdueFollowUps(As(dinkes + "#head").get(), request, &response),
        IsOk());
    std::vector<std::string> names;
    for (const auto& o : response.follow_ups()) names.push_back(o.action().name());
    return names;
  };
  rv1::FollowUpAction out;
  // In review, what the meeting decided may still change.
  EXPECT_THAT(complete(dinkes + "#head", road, "Sudah", &out),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("accepted")));
  rv1::Document forwarded, accepted;
  ASSERT_THAT(TakeDueStep(d, &forwarded), IsOk());
  ASSERT_THAT(TakeDueStep(forwarded, &accepted), IsOk());
  ASSERT_EQ(accepted.state(), rv1::ACCEPTED);
  EXPECT_THAT(overdue(), ElementsAre(d.name() + "/followUps/2", road));

  // Bad input changes nothing and names the field and the rule.
  EXPECT_THAT(complete(pupr + "#head", road, "", &out),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("note")));
  EXPECT_THAT(complete(pupr + "#head", d.name() + "/followUps/0", "Sudah", &out),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("followUps/{n}")));
  EXPECT_THAT(complete(dinkes + "#head", d.name() + "/followUps/3", "Sudah", &out),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("followUps/3")));
  // Off the route, a unit learns nothing of which follow-ups a document has: the
  // same refusal for one that exists and one that does not.
  for (const std::string& name : {road, d.name() + "/followUps/3"}) {
    EXPECT_THAT(complete("regions/temanggung/units/dinas-sosial#head", name, "Sudah", &out),
                StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("dinas-sosial")));
  }
  EXPECT_THAT(complete(pupr + "#head", d.name() + "/followUps/3", "Sudah", &out),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("pekerjaan-umum")));
  // The owner's Asisten may; so may the owner, the submitter and the Sekda.
  ASSERT_THAT(
      complete(ekbang + "#asisten", road, "Jalan ke Puskesmas Parakan selesai diaspal", &out),
      IsOk());
  // The answer is the follow-up alone: the Asisten is not on the report's route.
  EXPECT_EQ(out.name(), road);
  EXPECT_EQ(out.status(), rv1::FollowUpAction::DONE);
  EXPECT_EQ(out.done_by(), ekbang + "#asisten");
  EXPECT_EQ(out.done_note(), "Jalan ke Puskesmas Parakan selesai diaspal");
  EXPECT_TRUE(out.has_done_time());
  EXPECT_THAT(overdue(), ElementsAre(d.name() + "/followUps/2"));
  EXPECT_THAT(complete(pupr + "#head", road, "Sekali lagi", &out),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("already done")));
  EXPECT_EQ(AuditCount(d.name(), dinkes + "#head"), 4);  // submit, forward, accept, done

  // A retry of the same request is answered as before, and applied once.
  rv1::CompleteFollowUpRequest retried;
  retried.set_name(d.name() + "/followUps/2");
  retried.set_note("Cakupan imunisasi dilaporkan");
  retried.set_request_id("0b5c8e3a-6f1d-4a7b-9c2e-1d3f5a7b9c0e");
  rv1::FollowUpAction first, second;
  ASSERT_THAT(reporting_stub_->CompleteFollowUp(As(dinkes + "#staff").get(), retried, &first),
              IsOk());
  ASSERT_THAT(reporting_stub_->CompleteFollowUp(As(dinkes + "#staff").get(), retried, &second),
              IsOk());
  EXPECT_EQ(second.done_time().seconds(), first.done_time().seconds());
  EXPECT_THAT(overdue(), ElementsAre());
  EXPECT_EQ(AuditCount(d.name(), dinkes + "#head"), 5);
}

TEST_P(Reports, WithSchedulingDownDueDatesAreStillTheRegionsDates) {
  // Half past midnight on 2 December in Soppeng (WITA), still 1 December in UTC; the
  // scheduling service, which gives the region's calendar, has not answered yet.
  StopScheduling();
  absl::TimeZone wita;
  ASSERT_TRUE(absl::LoadTimeZone("Asia/Makassar", &wita));
  clock_.Set(absl::FromCivil(absl::CivilMinute(2026, 12, 2, 0, 30), wita));
  const std::string dinkes = "regions/soppeng/units/dinas-kesehatan";
  rv1::SubmitDocumentRequest submit;
  submit.set_parent("regions/soppeng");
  submit.set_document_id("laporan-desember");
  submit.set_kind(rv1::REPORT);
  submit.set_matter(rv1::TECHNICAL_OPERATIONAL);
  submit.set_unit(dinkes);
  *submit.mutable_revision() = ARevision("Laporan hasil koordinasi");
  rv1::FollowUpAction& f = *submit.mutable_revision()->add_follow_ups();
  f.set_what("Rekap imunisasi");
  f.set_owner(dinkes);
  f.set_due_date("2026-12-01");
  rv1::Document d;
  ASSERT_THAT(reporting_stub_->SubmitDocument(As(dinkes + "#head").get(), submit, &d), IsOk());
  for (int step = 0; d.state() == rv1::IN_REVIEW && step < 5; ++step) {
    rv1::Document next;
    ASSERT_THAT(TakeDueStep(d, &next), IsOk());
    d = next;
  }
  ASSERT_EQ(d.state(), rv1::ACCEPTED);
  rv1::ListOverdueFollowUpsRequest request;
  request.set_parent("regions/soppeng");
  rv1::ListOverdueFollowUpsResponse response;
  ASSERT_THAT(reporting_stub_->ListOverdueFollowUps(As(dinkes + "#head").get(), request, &response),
              IsOk());
  ASSERT_EQ(response.follow_ups_size(), 1);  // due yesterday, in Soppeng
  EXPECT_EQ(response.follow_ups(0).action().name(), d.name() + "/followUps/1");
}

TEST_P(Reports, ADefaultOverdueRuleThatWouldMakeEveryStepOverdueIsRefusedAtStart) {
  for (int days : {0, -1, 31}) {
    ReportingOptions options;
    options.step_due_working_days = days;
    EXPECT_THAT(
        Reporting::Open(rakor::testing::TempPath("other.db"), &clock_, upstream_.get(), options),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("step_due_working_days")));
  }
}

TEST_P(Reports, TwoReplicasOnOneDatabaseAnswerAlike) {
  rv1::Document d;
  ASSERT_THAT(
      Submit("regions/temanggung", "laporan-replika", "regions/temanggung/units/dinas-sosial", &d),
      IsOk());
  // A second replica, as a Deployment of two runs on one PostgreSQL database.
  auto replica = Reporting::Open(reporting_database_, &clock_, upstream_.get());
  ASSERT_THAT(replica, IsOk());
  const Caller asisten{d.route(0).unit(), Role::kAsisten};
  absl::StatusOr<rv1::Document> there = (*replica)->Get(d.name(), asisten);
  ASSERT_THAT(there.status(), IsOk());
  EXPECT_EQ(there->etag(), d.etag());
  auto stepped = (*replica)->Step(d.name(), Act::kForward, d.etag(), "", RequestKey{}, asisten);
  ASSERT_THAT(stepped, IsOk());
  rv1::GetDocumentRequest get;
  get.set_name(d.name());
  rv1::Document seen;
  ASSERT_THAT(reporting_stub_->GetDocument(As(d.route(0).unit() + "#asisten").get(), get, &seen),
              IsOk());
  EXPECT_EQ(seen.etag(), stepped->etag());
  EXPECT_EQ(seen.current_step(), 1);
}

constexpr char kOctoberRakor[] =
    "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20261005T090000";

// Seeds the meetings and records Dinas Kesehatan present at `occurrence`: held.
void Reports::HoldWithDinkesPresent(const std::string& occurrence) {
  Seed();
  rakor::scheduling::v1::RecordAttendanceRequest attend;
  attend.set_occurrence(occurrence);
  auto* a = attend.add_attendance();
  a->set_unit("regions/temanggung/units/dinas-kesehatan");
  a->set_status(rakor::scheduling::v1::PRESENT_IN_PERSON);
  rakor::scheduling::v1::Occurrence held;
  ASSERT_THAT(scheduling_stub_->RecordAttendance(Ctx().get(), attend, &held), IsOk());
}

std::string Reports::HoldNewMeeting(const std::string& region, const std::string& id,
                                    const rakor::scheduling::v1::Series& series, absl::CivilDay day,
                                    const std::string& present) {
  rakor::scheduling::v1::Series created;
  EXPECT_THAT(Create(region, id, series, &created), IsOk());
  const std::vector<rakor::scheduling::v1::Occurrence> held = List(region, day, day + 1);
  EXPECT_EQ(held.size(), 1u);
  if (held.size() != 1) return "";
  rakor::scheduling::v1::RecordAttendanceRequest attend;
  attend.set_occurrence(held[0].name());
  auto* a = attend.add_attendance();
  a->set_unit(present);
  a->set_status(rakor::scheduling::v1::PRESENT_IN_PERSON);
  rakor::scheduling::v1::Occurrence recorded;
  EXPECT_THAT(scheduling_stub_->RecordAttendance(Ctx().get(), attend, &recorded), IsOk());
  return held[0].name();
}

TEST_P(Reports, MinutesTheSetdaSubmitsCountOnceTheHeadOfRegionAcknowledgesThem) {
  const std::string occurrence = kOctoberRakor;
  ASSERT_NO_FATAL_FAILURE(HoldWithDinkesPresent(occurrence));

  const std::string setda = "regions/temanggung/units/sekretariat-daerah";
  rv1::SubmitDocumentRequest submit = Minutes(occurrence, setda, "notulen-oktober",
                                              "Notulen Rapat Koordinasi Tingkat Kabupaten Oktober");
  rv1::Document d;
  ASSERT_THAT(reporting_stub_->SubmitDocument(As(setda + "#staff").get(), submit, &d), IsOk());
  // The Sekda reports to the Bupati himself (Temanggung Pasal 25 ayat (1)): no acceptance.
  ASSERT_EQ(d.route_size(), 1);
  EXPECT_EQ(d.route(0).action(), rv1::ACKNOWLEDGE);
  EXPECT_EQ(d.route(0).citation(), "Temanggung Pasal 25 ayat (1)");

  rv1::Document acknowledged;
  ASSERT_THAT(TakeDueStep(d, &acknowledged), IsOk());
  EXPECT_EQ(acknowledged.state(), rv1::ACKNOWLEDGED);
  EXPECT_THAT(reporting_->DeliverOutbox(), IsOkAndHolds(1));
  rakor::scheduling::v1::Occurrence marked;
  ASSERT_THAT(GetOccurrence(occurrence, &marked), IsOk());
  EXPECT_EQ(marked.minutes(), d.name());
  EXPECT_TRUE(marked.has_minutes_accept_time());
}

TEST_P(Reports, MinutesOutliveAReorganisationAndFollowUpsMayFallToUnitsNoAsistenCoordinates) {
  ASSERT_NO_FATAL_FAILURE(HoldWithDinkesPresent(kOctoberRakor));
  // A month after the meeting a reorganisation dissolves an invitee: the meeting
  // still had it, and its lead coordinator is judged by who sat in it then.
  ASSERT_THAT(registry_->DeleteUnit("regions/temanggung/units/dinas-sosial", "",
                                    rakor::testing::Jakarta(2026, 11, 5), "t"),
              IsOk());
  const std::string setda = "regions/temanggung/units/sekretariat-daerah";
  rv1::SubmitDocumentRequest submit = Minutes(kOctoberRakor, setda, "notulen-oktober",
                                              "Notulen Rapat Koordinasi Tingkat Kabupaten Oktober");
  rv1::FollowUpAction& dinkes = *submit.mutable_revision()->add_follow_ups();
  dinkes.set_what("Data stunting per kecamatan");
  dinkes.set_owner("regions/temanggung/units/dinas-kesehatan");
  dinkes.set_due_date("2026-12-15");
  // The Forkopimda is outside the Perangkat Daerah chain (Temanggung Pasal 27 ayat
  // (1)), yet may be asked to act: no Asisten follows its follow-up.
  rv1::FollowUpAction& forkopimda = *submit.mutable_revision()->add_follow_ups();
  forkopimda.set_what("Pengamanan Natal dan Tahun Baru");
  forkopimda.set_owner("regions/temanggung/units/forkopimda");
  forkopimda.set_due_date("2026-12-20");
  rv1::Document d;
  ASSERT_THAT(reporting_stub_->SubmitDocument(As(setda + "#staff").get(), submit, &d), IsOk());
  const rv1::Revision& r = d.revisions(0);
  ASSERT_EQ(r.follow_ups_size(), 2);
  EXPECT_EQ(r.follow_ups(0).owner_asisten(), "regions/temanggung/units/asisten-pemerintahan-kesra");
  EXPECT_EQ(r.follow_ups(1).owner_asisten(), "");
  EXPECT_EQ(r.follow_ups(1).status(), rv1::FollowUpAction::OPEN);

  // A follow-up for a unit that does not exist is still refused, naming the field.
  rv1::SubmitDocumentRequest report;
  report.set_parent("regions/temanggung");
  report.set_document_id("laporan-forkopimda");
  report.set_kind(rv1::REPORT);
  report.set_matter(rv1::GENERAL_POLICY);
  report.set_unit("regions/temanggung/units/dinas-kesehatan");
  *report.mutable_revision() = ARevision("Laporan");
  rv1::FollowUpAction& nobody = *report.mutable_revision()->add_follow_ups();
  nobody.set_what("Tidak ada");
  nobody.set_owner("regions/temanggung/units/dinas-tidak-ada");
  nobody.set_due_date("2026-12-20");
  EXPECT_THAT(
      reporting_stub_->SubmitDocument(As("regions/temanggung/units/dinas-kesehatan#head").get(),
                                      report, &d),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("revision.follow_ups[0].owner")));
}

TEST_P(Reports, MinutesOfAForkopimdaMeetingGoUpWithoutALeadAsisten) {
  // Banjar Pasal 22: the Forkopimda, chaired by the Wali Kota. None of its members is
  // coordinated by an Asisten, so no Asisten leads it (Soppeng Pasal 22 ayat (4) has
  // nobody to choose) and the minutes take the Setda's own route.
  rakor::scheduling::v1::Series forum;
  forum.set_title("Rapat Forkopimda");
  forum.set_chair("regions/banjar/units/wali-kota");
  forum.set_form(rakor::scheduling::v1::RAPAT_KOORDINASI);
  forum.set_mode(rakor::scheduling::v1::IN_PERSON);
  forum.set_place("Aula Setda");
  forum.set_legal_basis("Banjar Pasal 22");
  forum.set_reason("Persiapan pengamanan Natal dan Tahun Baru");
  forum.set_start_local("2026-11-16T09:00:00");
  forum.mutable_duration()->set_seconds(7200);
  for (const char* unit :
       {"forkopimda", "kepolisian-resor", "kejaksaan-negeri", "sekretariat-daerah"}) {
    forum.add_invitees()->set_unit(absl::StrCat("regions/banjar/units/", unit));
  }
  const std::string held =
      HoldNewMeeting("regions/banjar", "forkopimda-nataru", forum, absl::CivilDay(2026, 11, 16),
                     "regions/banjar/units/kepolisian-resor");
  ASSERT_FALSE(held.empty());

  const std::string setda = "regions/banjar/units/sekretariat-daerah";
  rv1::SubmitDocumentRequest submit =
      Minutes(held, setda, "notulen-forkopimda-nataru", "Notulen Rapat Forkopimda");
  rv1::Document d;
  ASSERT_THAT(reporting_stub_->SubmitDocument(As(setda + "#staff").get(), submit, &d), IsOk());
  ASSERT_GE(d.route_size(), 1);
  for (const rv1::RouteStep& step : d.route()) EXPECT_NE(step.role(), "asisten") << step.unit();
  EXPECT_EQ(d.route(d.route_size() - 1).unit(), "regions/banjar/units/wali-kota");
}

TEST_P(Reports, InSoppengMinutesTheSetdaSendsUpCarryTheLeadAsistensParaf) {
  // Soppeng Pasal 26 ayat (1)-(2): what goes to the Bupati carries an Asisten's paraf;
  // a meeting of units under several Asisten is led by the Asisten Pemerintahan dan
  // Kesra (Pasal 22 ayat (4)).
  rakor::scheduling::v1::Series monthly = kSoppengMonthly;
  monthly.add_invitees()->set_group(rakor::scheduling::v1::InviteeSelector::PERANGKAT_DAERAH);
  const std::string held =
      HoldNewMeeting("regions/soppeng", "rakor-bulanan", monthly, absl::CivilDay(2026, 11, 2),
                     "regions/soppeng/units/dinas-kesehatan");
  ASSERT_FALSE(held.empty());

  const std::string setda = "regions/soppeng/units/sekretariat-daerah";
  rv1::SubmitDocumentRequest submit =
      Minutes(held, setda, "notulen-november", "Notulen Rapat Koordinasi November");
  rv1::Document d;
  ASSERT_THAT(reporting_stub_->SubmitDocument(As(setda + "#staff").get(), submit, &d), IsOk());
  ASSERT_EQ(d.route_size(), 2);
  EXPECT_EQ(d.route(0).unit(), "regions/soppeng/units/asisten-pemerintahan-kesra");
  EXPECT_EQ(d.route(0).action(), rv1::PARAF);
  EXPECT_THAT(d.route(0).citation(), HasSubstr("Soppeng Pasal 26 ayat (2)"));
  EXPECT_EQ(d.route(1).action(), rv1::ACKNOWLEDGE);
}

TEST_P(Reports, ASubmitterWithdrawsADocumentNotYetAcceptedAndItLeavesEveryInbox) {
  const std::string dinkes = "regions/temanggung/units/dinas-kesehatan";
  rv1::Document d;
  ASSERT_THAT(Submit("regions/temanggung", "laporan-keliru", dinkes, &d), IsOk());
  const std::string asisten = d.route(0).unit();
  auto awaiting = [&](const std::string& unit, const std::string& actor) {
    return ListAll(actor, "awaiting = \"" + unit + "\"", 10).first;
  };
  ASSERT_EQ(awaiting(asisten, asisten + "#asisten"), std::vector<std::string>{"laporan-keliru"});
  rv1::StepRequest withdraw;
  withdraw.set_name(d.name());
  withdraw.set_request_id("2f6b8d0a-4c1e-4a3b-9d5f-7e9a1c3b5d70");
  rv1::Document out;
  // With a reason, by the submitter only; nothing changes otherwise.
  EXPECT_THAT(reporting_stub_->WithdrawDocument(As(dinkes + "#head").get(), withdraw, &out),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("comment")));
  withdraw.set_comment("Dikirim ke alur yang salah; diganti laporan-benar");
  EXPECT_THAT(reporting_stub_->WithdrawDocument(As(asisten + "#asisten").get(), withdraw, &out),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr(dinkes)));
  EXPECT_THAT(reporting_stub_->WithdrawDocument(
                  As("regions/temanggung/units/dinas-sosial#head").get(), withdraw, &out),
              StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
  withdraw.set_etag(d.etag());
  rv1::Document withdrawn, again;
  ASSERT_THAT(reporting_stub_->WithdrawDocument(As(dinkes + "#head").get(), withdraw, &withdrawn),
              IsOk());
  EXPECT_EQ(withdrawn.state(), rv1::WITHDRAWN);
  EXPECT_EQ(withdrawn.withdraw_reason(), "Dikirim ke alur yang salah; diganti laporan-benar");
  // A retry is answered as the first time; the same id sent as a step is refused.
  ASSERT_THAT(reporting_stub_->WithdrawDocument(As(dinkes + "#head").get(), withdraw, &again),
              IsOk());
  EXPECT_EQ(again.etag(), withdrawn.etag());
  EXPECT_THAT(reporting_stub_->ForwardDocument(As(asisten + "#asisten").get(), withdraw, &out),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));

  // Out of every inbox and count; kept, and read-only, for those who could read it.
  EXPECT_THAT(awaiting(asisten, asisten + "#asisten"), ::testing::IsEmpty());
  EXPECT_EQ(ListAll(asisten + "#asisten", "state = \"WITHDRAWN\"", 10).first,
            std::vector<std::string>{"laporan-keliru"});
  absl::StatusOr<Reporting::Backlog> backlog = reporting_->CurrentBacklog();
  ASSERT_THAT(backlog.status(), IsOk());
  EXPECT_THAT(backlog->regions["regions/temanggung"].waiting, ::testing::IsEmpty());
  withdraw.clear_request_id();
  withdraw.clear_etag();
  EXPECT_THAT(reporting_stub_->ForwardDocument(As(asisten + "#asisten").get(), withdraw, &out),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("withdrew")));
  EXPECT_THAT(reporting_stub_->WithdrawDocument(As(dinkes + "#head").get(), withdraw, &out),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("WITHDRAWN")));
  rv1::ListAuditEntriesRequest list;
  list.set_document(d.name());
  rv1::ListAuditEntriesResponse trail;
  ASSERT_THAT(reporting_stub_->ListAuditEntries(As(dinkes + "#head").get(), list, &trail), IsOk());
  ASSERT_EQ(trail.entries_size(), 2);
  EXPECT_EQ(trail.entries(1).action(), "WITHDRAW");
  EXPECT_EQ(trail.entries(1).actor(), dinkes + "#head");
  EXPECT_EQ(trail.entries(1).comment(), withdrawn.withdraw_reason());

  // A returned document may be withdrawn too; an accepted one is a record.
  rv1::Document returned, accepted;
  ASSERT_THAT(Submit("regions/temanggung", "laporan-dikembalikan", dinkes, &d), IsOk());
  rv1::StepRequest send_back;
  send_back.set_name(d.name());
  send_back.set_comment("Lengkapi datanya");
  ASSERT_THAT(reporting_stub_->ReturnDocument(As(asisten + "#asisten").get(), send_back, &returned),
              IsOk());
  withdraw.set_name(d.name());
  ASSERT_THAT(reporting_stub_->WithdrawDocument(As(dinkes + "#staff").get(), withdraw, &out),
              IsOk());
  EXPECT_EQ(out.state(), rv1::WITHDRAWN);
  ASSERT_THAT(Submit("regions/temanggung", "laporan-diterima", dinkes, &d), IsOk());
  for (int step = 0; d.state() == rv1::IN_REVIEW && step < 5; ++step) {
    ASSERT_THAT(TakeDueStep(d, &accepted), IsOk());
    d = accepted;
  }
  ASSERT_EQ(d.state(), rv1::ACCEPTED);
  withdraw.set_name(d.name());
  EXPECT_THAT(reporting_stub_->WithdrawDocument(As(dinkes + "#head").get(), withdraw, &out),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("record")));
}

TEST_P(Reports, WithdrawnMinutesLeaveTheirMeetingFreeForNewOnes) {
  ASSERT_NO_FATAL_FAILURE(HoldWithDinkesPresent(kOctoberRakor));
  const std::string dinkes = "regions/temanggung/units/dinas-kesehatan";
  rv1::Document first, withdrawn, second;
  ASSERT_THAT(reporting_stub_->SubmitDocument(
                  As(dinkes + "#staff").get(),
                  Minutes(kOctoberRakor, dinkes, "notulen-oktober", "Notulen (keliru)"), &first),
              IsOk());
  rv1::SubmitDocumentRequest replacement =
      Minutes(kOctoberRakor, dinkes, "notulen-oktober-2", "Notulen Rapat Koordinasi Oktober");
  EXPECT_THAT(reporting_stub_->SubmitDocument(As(dinkes + "#staff").get(), replacement, &second),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("notulen-oktober")));
  rv1::StepRequest withdraw;
  withdraw.set_name(first.name());
  withdraw.set_comment("Notulen rapat lain terlampir");
  ASSERT_THAT(reporting_stub_->WithdrawDocument(As(dinkes + "#staff").get(), withdraw, &withdrawn),
              IsOk());
  ASSERT_THAT(reporting_stub_->SubmitDocument(As(dinkes + "#staff").get(), replacement, &second),
              IsOk());
  // Both are the meeting's documents; only the new ones hold it, and reach scheduling.
  EXPECT_EQ(
      ListAll(dinkes + "#head", absl::StrCat("occurrence = \"", kOctoberRakor, "\""), 10).first,
      (std::vector<std::string>{"notulen-oktober", "notulen-oktober-2"}));
  rv1::Document accepted;
  ASSERT_THAT(TakeDueStep(second, &accepted), IsOk());
  ASSERT_EQ(accepted.state(), rv1::ACCEPTED);
  EXPECT_THAT(reporting_->DeliverOutbox(), IsOkAndHolds(1));
  rakor::scheduling::v1::Occurrence marked;
  ASSERT_THAT(GetOccurrence(kOctoberRakor, &marked), IsOk());
  EXPECT_EQ(marked.minutes(), second.name());
  // Kept as withdrawn across a restart, and the meeting stays with the new minutes.
  StopReporting();
  OpenReporting();
  rv1::SubmitDocumentRequest third =
      Minutes(kOctoberRakor, dinkes, "notulen-oktober-3", "Notulen lagi");
  EXPECT_THAT(reporting_stub_->SubmitDocument(As(dinkes + "#staff").get(), third, &second),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("notulen-oktober-2")));
}

TEST_P(Reports, AcceptedMinutesReachSchedulingThroughTheOutboxEvenIfItWasDown) {
  const std::string occurrence = kOctoberRakor;
  ASSERT_NO_FATAL_FAILURE(HoldWithDinkesPresent(occurrence));

  rv1::SubmitDocumentRequest submit =
      Minutes(occurrence, "regions/temanggung/units/dinas-kesehatan", "notulen-oktober",
              "Notulen Rapat Koordinasi Oktober");
  auto* follow = submit.mutable_revision()->add_follow_ups();
  follow->set_what("Laporkan cakupan imunisasi");
  follow->set_owner("regions/temanggung/units/dinas-kesehatan");
  follow->set_due_date("2026-11-01");
  rv1::Document d;
  ASSERT_THAT(reporting_stub_->SubmitDocument(
                  As("regions/temanggung/units/dinas-kesehatan#staff").get(), submit, &d),
              IsOk());
  ASSERT_EQ(d.revisions(0).attendance_size(), 1);  // as scheduling recorded it
  // Temanggung names no lead Asisten for a meeting of every unit: the Sekda leads.
  EXPECT_EQ(d.route(0).action(), rv1::ACCEPT);

  // One occurrence has one set of minutes.
  submit.set_document_id("notulen-oktober-lagi");
  rv1::Document twice;
  EXPECT_THAT(reporting_stub_->SubmitDocument(
                  As("regions/temanggung/units/dinas-kesehatan#staff").get(), submit, &twice),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("notulen-oktober")));

  StopScheduling();
  rv1::Document accepted;
  ASSERT_THAT(TakeDueStep(d, &accepted), IsOk());
  EXPECT_EQ(accepted.state(), rv1::ACCEPTED);
  rv1::StepRequest reopen;
  reopen.set_name(d.name());
  reopen.set_comment("Perbaiki");
  rv1::Document out;
  const auto& head = accepted.route(accepted.current_step());
  EXPECT_THAT(
      reporting_stub_->ReturnDocument(As(head.unit() + "#" + head.role()).get(), reopen, &out),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("ACKNOWLEDGE")));
  EXPECT_THAT(reporting_->DeliverOutbox(), IsOkAndHolds(0));
  absl::StatusOr<Reporting::Backlog> backlog = reporting_->CurrentBacklog();
  ASSERT_THAT(backlog, IsOk());
  EXPECT_EQ(backlog->outbox_messages, 1);
  // The metrics see it with the head of region, waiting for the acknowledgement.
  EXPECT_EQ(backlog->regions["regions/temanggung"].waiting[head.role()], 1);
  StopReporting();  // and the notification survives a restart
  OpenScheduling();
  OpenReporting();
  clock_.Advance(absl::Minutes(10));  // past the backoff
  EXPECT_GE(reporting_->CurrentBacklog()->outbox_oldest_age, absl::Minutes(10));
  EXPECT_THAT(reporting_->DeliverOutbox(), IsOkAndHolds(1));
  EXPECT_EQ(reporting_->CurrentBacklog()->outbox_messages, 0);
  EXPECT_THAT(reporting_->DeliverOutbox(), IsOkAndHolds(0));  // delivered once

  rakor::scheduling::v1::Occurrence marked;
  ASSERT_THAT(GetOccurrence(occurrence, &marked), IsOk());
  EXPECT_EQ(marked.minutes(), d.name());
  EXPECT_TRUE(marked.has_minutes_accept_time());
  // The next meeting of the series carries the follow-up the minutes left open.
  rakor::scheduling::v1::Occurrence november;
  ASSERT_THAT(GetOccurrence("regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/"
                            "20261102T090000",
                            &november),
              IsOk());
  ASSERT_EQ(november.carried_follow_ups_size(), 1);
  EXPECT_EQ(november.carried_follow_ups(0).what(), "Laporkan cakupan imunisasi");
  EXPECT_EQ(november.carried_follow_ups(0).owner(), "regions/temanggung/units/dinas-kesehatan");
  EXPECT_EQ(november.carried_follow_ups(0).minutes(), d.name());
  EXPECT_EQ(marked.carried_follow_ups_size(), 0);  // October's own are not carried to itself

  // The follow-up past its date shows for its owner.
  rv1::ListOverdueFollowUpsRequest overdue;
  overdue.set_parent("regions/temanggung");
  rv1::ListOverdueFollowUpsResponse late;
  ASSERT_THAT(reporting_stub_->ListOverdueFollowUps(
                  As("regions/temanggung/units/dinas-kesehatan#head").get(), overdue, &late),
              IsOk());
  ASSERT_EQ(late.follow_ups_size(), 1);
  EXPECT_EQ(late.follow_ups(0).action().what(), "Laporkan cakupan imunisasi");
  EXPECT_EQ(november.carried_follow_ups(0).name(), late.follow_ups(0).action().name());

  // Done, it leaves November's agenda too, once the outbox has told scheduling.
  rv1::CompleteFollowUpRequest complete;
  complete.set_name(late.follow_ups(0).action().name());
  complete.set_note("Cakupan imunisasi 96 persen, dilaporkan ke Bupati");
  rv1::FollowUpAction done;
  ASSERT_THAT(reporting_stub_->CompleteFollowUp(
                  As("regions/temanggung/units/dinas-kesehatan#head").get(), complete, &done),
              IsOk());
  ASSERT_THAT(GetOccurrence("regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/"
                            "20261102T090000",
                            &november),
              IsOk());
  EXPECT_EQ(november.carried_follow_ups_size(), 1);  // not yet told
  EXPECT_THAT(reporting_->DeliverOutbox(), IsOkAndHolds(1));
  ASSERT_THAT(GetOccurrence("regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/"
                            "20261102T090000",
                            &november),
              IsOk());
  EXPECT_EQ(november.carried_follow_ups_size(), 0);
  ASSERT_THAT(GetOccurrence(occurrence, &marked), IsOk());
  ASSERT_EQ(marked.follow_ups_size(), 1);  // October's minutes keep it, with when it was done
  EXPECT_EQ(marked.follow_ups(0).done_time().seconds(), done.done_time().seconds());
}

INSTANTIATE_TEST_SUITE_P(BothEngines, Reports, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace rakor::reporting
