// The reporting service over loopback with the real registry and scheduling service
// (also over loopback, seeded) it asks: the fixture of the reporting service tests,
// run on both engines.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rakor/reporting/v1/reporting_service.grpc.pb.h"
#include "services/common/channels.h"
#include "services/reporting/clients/upstream.h"
#include "services/reporting/service.h"
#include "storage/reporting/schema.h"
#include "tests/support/scheduling_server.h"

namespace rakor::reporting {

namespace rv1 = rakor::reporting::v1;

class ReportingService : public rakor::scheduling::SchedulingService {
 protected:
  void SetUp() override {
    SchedulingService::SetUp();
    if (std::string(GetParam()) == "postgres") {
      reporting_database_ = rakor::testing::PostgresServer::Get(nullptr)->NewDatabase();
    } else {
      reporting_database_ = rakor::testing::TempPath("reporting.db");
    }
    OpenReporting();
  }
  void TearDown() override {
    StopReporting();
    SchedulingService::TearDown();
  }

  void OpenReporting() {
    upstream_ = std::make_unique<Upstream>(
        rakor::ServiceChannel("127.0.0.1:" + std::to_string(port_)),
        rakor::ServiceChannel("127.0.0.1:" + std::to_string(scheduling_port_)), absl::Seconds(1));
    ReportingOptions options;
    options.max_attachment_bytes = 4 << 20;
    auto opened = Reporting::Open(reporting_database_, &clock_, upstream_.get(), options);
    ASSERT_THAT(opened, rakor::testing::IsOk());
    reporting_ = *std::move(opened);
    reporting_impl_ = std::make_unique<ReportingServiceImpl>(reporting_.get(), true,
                                                             rakor::testing::TempPath("spool"));
    std::filesystem::create_directories(rakor::testing::TempPath("spool"));
    auto running = StartServer("127.0.0.1:0", {reporting_impl_.get()});
    ASSERT_THAT(running, rakor::testing::IsOk());
    reporting_server_ = std::move(running->server);
    reporting_address_ = "127.0.0.1:" + std::to_string(running->port);
    reporting_stub_ = rv1::ReportingService::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(running->port), grpc::InsecureChannelCredentials()));
  }
  void StopReporting() {
    if (reporting_server_ != nullptr) reporting_server_->Shutdown();
    reporting_server_.reset();
    reporting_impl_.reset();
    reporting_.reset();
  }

  // A context calling as `actor` ("<unit>#<role>"); "" for an anonymous caller.
  static std::unique_ptr<grpc::ClientContext> As(const std::string& actor) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    if (!actor.empty()) ctx->AddMetadata("rakor-actor", actor);
    return ctx;
  }

  // Runs `sql` on the reporting database behind the service's back.
  void EditDatabase(const std::string& sql) {
    auto db = storage::Database::Open(
        reporting_database_, storage::reporting::ReportingMigrations(), storage::Durability::kFull);
    ASSERT_THAT(db, rakor::testing::IsOk());
    ASSERT_THAT((*db)->Write([&](storage::Transaction& txn) {
      txn.Exec(sql);
      return absl::OkStatus();
    }),
                rakor::testing::IsOk());
  }

  static rv1::Revision ARevision(const std::string& title) {
    rv1::Revision r;
    r.set_title(title);
    r.set_summary("Ringkasan hasil koordinasi");
    r.add_decisions("Data penerima bantuan diperbarui bulan depan");
    return r;
  }

  grpc::Status Submit(const std::string& region, const std::string& id, const std::string& unit,
                      rv1::Document* out, rv1::Matter matter = rv1::TECHNICAL_OPERATIONAL) {
    rv1::SubmitDocumentRequest request;
    request.set_parent(region);
    request.set_document_id(id);
    request.set_kind(rv1::REPORT);
    request.set_unit(unit);
    request.set_matter(matter);
    *request.mutable_revision() = ARevision("Laporan hasil koordinasi");
    return reporting_stub_->SubmitDocument(As(unit + "#head").get(), request, out);
  }

  // The step due on `d`, taken by the official whose turn it is.
  grpc::Status TakeDueStep(const rv1::Document& d, rv1::Document* out,
                           const std::string& request_id = "") {
    const rv1::RouteStep& step = d.route(d.current_step());
    rv1::StepRequest request;
    request.set_name(d.name());
    request.set_etag(d.etag());
    request.set_request_id(request_id);
    auto ctx = As(step.unit() + "#" + step.role());
    switch (step.action()) {
      case rv1::PARAF:
        return reporting_stub_->InitialDocument(ctx.get(), request, out);
      case rv1::FORWARD:
        return reporting_stub_->ForwardDocument(ctx.get(), request, out);
      case rv1::ACCEPT:
        return reporting_stub_->AcceptDocument(ctx.get(), request, out);
      default:
        return reporting_stub_->AcknowledgeDocument(ctx.get(), request, out);
    }
  }

  int AuditCount(const std::string& document, const std::string& actor) {
    rv1::ListAuditEntriesRequest request;
    request.set_document(document);
    rv1::ListAuditEntriesResponse entries;
    EXPECT_TRUE(reporting_stub_->ListAuditEntries(As(actor).get(), request, &entries).ok());
    return entries.entries_size();
  }

  std::string reporting_database_;
  std::unique_ptr<Upstream> upstream_;
  std::unique_ptr<Reporting> reporting_;
  std::unique_ptr<ReportingServiceImpl> reporting_impl_;
  std::unique_ptr<grpc::Server> reporting_server_;
  std::unique_ptr<rv1::ReportingService::Stub> reporting_stub_;
  std::string reporting_address_;
};

}  // namespace rakor::reporting
