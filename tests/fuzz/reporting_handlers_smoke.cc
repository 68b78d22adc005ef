// Without libFuzzer (the gcc build, CI): a deterministic run of the fuzz target on
// mutations of one valid request per RPC, each as every caller, so that every build
// exercises it.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rakor/reporting/v1/reporting_service.pb.h"
#include "tests/fuzz/reporting_handlers_fuzz.h"
#include "tests/fuzz/services_environment.h"
#include "tests/fuzz/smoke_run.h"

namespace rakor::reporting::fuzz {
namespace {

namespace v1 = rakor::reporting::v1;

using ::rakor::fuzz::Serialized;

// One valid request per RPC, in RAKOR_REPORTING_UNARY_RPCS order. The inputs run in
// this order on one environment: the Dinas Kesehatan of Temanggung submits a report,
// which its Asisten (Pemerintahan dan Kesra) forwards, the Sekda returns, and the
// Dinas resubmits, then withdraws it; the steps after that are refused (not due,
// withdrawn), past the checks of who may take them. No step carries an etag, so that each applies to the document
// as the inputs before left it.
std::vector<std::string> Seeds() {
  const char* document = R"(name: "regions/temanggung/documents/laporan-stunting-november")";
  return {
      Serialized<v1::SubmitDocumentRequest>(
          R"(parent: "regions/temanggung" document_id: "laporan-stunting-november" kind: REPORT
             unit: "regions/temanggung/units/dinas-kesehatan" matter: TECHNICAL_OPERATIONAL
             request_id: "3f6a9c1e-2b4d-4e7f-8a1c-5d9e0b2f4a71"
             revision { title: "Laporan hasil koordinasi percepatan penurunan stunting"
               summary: "Ringkasan hasil koordinasi lintas puskesmas"
               decisions: "Data balita berisiko diperbarui setiap bulan"
               body: "Rapat dihadiri kepala puskesmas se-Kabupaten Temanggung."
               follow_ups { what: "Laporkan cakupan imunisasi"
                            owner: "regions/temanggung/units/dinas-kesehatan"
                            due_date: "2026-12-18" } })"),
      Serialized<v1::GetDocumentRequest>(document),
      Serialized<v1::ListDocumentsRequest>(
          R"(parent: "regions/temanggung" page_size: 10
             filter: "awaiting = \"regions/temanggung/units/asisten-pemerintahan-kesra\"")"),
      // InitialDocument: Temanggung's Asisten forwards, a paraf is Soppeng's (Pasal 26).
      Serialized<v1::StepRequest>(document),
      Serialized<v1::StepRequest>(document),  // ForwardDocument
      // ReturnDocument, with the comment a return needs.
      Serialized<v1::StepRequest>(
          R"(name: "regions/temanggung/documents/laporan-stunting-november"
             comment: "Lampirkan data realisasi anggaran")"),
      Serialized<v1::ResubmitDocumentRequest>(
          R"pb(name: "regions/temanggung/documents/laporan-stunting-november"
               request_id: "7a2c4e6f-9b1d-4f3a-8c5e-0d2f4b6a8c93"
               revision {
                 title: "Laporan hasil koordinasi percepatan penurunan stunting (perbaikan)"
                 summary: "Ringkasan hasil koordinasi, dengan realisasi anggaran"
                 decisions: "Data balita berisiko diperbarui setiap bulan"
                 follow_ups {
                   what: "Laporkan cakupan imunisasi"
                   owner: "regions/temanggung/units/dinas-kesehatan"
                   due_date: "2026-12-18"
                 }
               })pb"),
      // WithdrawDocument, with the reason a withdrawal needs.
      Serialized<v1::StepRequest>(
          R"(name: "regions/temanggung/documents/laporan-stunting-november"
             comment: "Dikirim dua kali; yang berlaku laporan-stunting-november-2")"),
      Serialized<v1::StepRequest>(document),  // AcceptDocument
      Serialized<v1::StepRequest>(document),  // AcknowledgeDocument
      Serialized<v1::ListAuditEntriesRequest>(
          R"(document: "regions/temanggung/documents/laporan-stunting-november")"),
      Serialized<v1::VerifyAuditTrailRequest>(""),
      Serialized<v1::CompleteFollowUpRequest>(
          R"(name: "regions/temanggung/documents/laporan-stunting-november/followUps/1"
             note: "Cakupan imunisasi November dilaporkan ke Sekda"
             request_id: "5e7a9c1b-3d5f-4b7a-9c1e-3f5a7b9d1e2f")"),
      Serialized<v1::ListOverdueFollowUpsRequest>(
          R"(parent: "regions/temanggung" owner: "regions/temanggung/units/dinas-kesehatan"
             asisten: "regions/temanggung/units/asisten-pemerintahan-kesra")"),
      Serialized<v1::GetReportingSettingsRequest>(
          R"(name: "regions/temanggung/reportingSettings")"),
      Serialized<v1::UpdateReportingSettingsRequest>(
          R"(settings { name: "regions/temanggung/reportingSettings" step_due_working_days: 5
               source: "Surat Edaran Sekretaris Daerah tentang tata naskah dinas" }
             update_mask { paths: "step_due_working_days" paths: "source" })"),
  };
}

TEST(ReportingHandlersFuzz, SurvivesMutationsOfValidRequests) {
  const std::vector<std::string> seeds = Seeds();
  ASSERT_EQ(static_cast<int>(seeds.size()), RpcCount());
  // Under 200 inputs per RPC: the run is repeated under AddressSanitizer in CI.
  rakor::fuzz::RunSmoke(seeds, CallerCount(), 150, RunOne, rakor::fuzz::AddToCorpus);
}

}  // namespace
}  // namespace rakor::reporting::fuzz
