// The reporting service's gRPC adapter: maps each unary RPC to its handler through
// the shared plumbing, and streams attachments in and out. Holds no logic of its own.
#pragma once

#include <string>

#include "rakor/reporting/v1/reporting_service.grpc.pb.h"
#include "services/reporting/handlers/request_context.h"
#include "services/reporting/reporting.h"

namespace rakor::reporting {

#define RAKOR_REPORTING_UNARY_RPCS(X)                                                \
  X(SubmitDocument, SubmitDocumentRequest, Document)                                 \
  X(GetDocument, GetDocumentRequest, Document)                                       \
  X(ListDocuments, ListDocumentsRequest, ListDocumentsResponse)                      \
  X(InitialDocument, StepRequest, Document)                                          \
  X(ForwardDocument, StepRequest, Document)                                          \
  X(ReturnDocument, StepRequest, Document)                                           \
  X(ResubmitDocument, ResubmitDocumentRequest, Document)                             \
  X(WithdrawDocument, StepRequest, Document)                                         \
  X(AcceptDocument, StepRequest, Document)                                           \
  X(AcknowledgeDocument, StepRequest, Document)                                      \
  X(ListAuditEntries, ListAuditEntriesRequest, ListAuditEntriesResponse)             \
  X(VerifyAuditTrail, VerifyAuditTrailRequest, VerifyAuditTrailResponse)             \
  X(CompleteFollowUp, CompleteFollowUpRequest, FollowUpAction)                       \
  X(ListOverdueFollowUps, ListOverdueFollowUpsRequest, ListOverdueFollowUpsResponse) \
  X(GetReportingSettings, GetReportingSettingsRequest, ReportingSettings)            \
  X(UpdateReportingSettings, UpdateReportingSettingsRequest, ReportingSettings)

class ReportingServiceImpl final : public rakor::reporting::v1::ReportingService::CallbackService {
 public:
  // `insecure_development`: development mode (see the registry's service).
  // `spool_dir`: where uploads are spooled while they arrive.
  ReportingServiceImpl(Reporting* reporting, bool insecure_development, std::string spool_dir)
      : reporting_(reporting),
        insecure_development_(insecure_development),
        spool_dir_(std::move(spool_dir)) {}

#define RAKOR_DECLARE_UNARY(Method, Request, Response)                           \
  grpc::ServerUnaryReactor* Method(grpc::CallbackServerContext* call,            \
                                   const rakor::reporting::v1::Request* request, \
                                   rakor::reporting::v1::Response* response) override;
  RAKOR_REPORTING_UNARY_RPCS(RAKOR_DECLARE_UNARY)
#undef RAKOR_DECLARE_UNARY

  grpc::ServerReadReactor<rakor::reporting::v1::UploadAttachmentRequest>* UploadAttachment(
      grpc::CallbackServerContext* call, rakor::reporting::v1::Attachment* response) override;
  grpc::ServerWriteReactor<rakor::reporting::v1::ReadAttachmentResponse>* ReadAttachment(
      grpc::CallbackServerContext* call,
      const rakor::reporting::v1::ReadAttachmentRequest* request) override;

 private:
  // The caller, authorized by Policy() for `method` on `request`.
  absl::StatusOr<RequestContext> MakeContext(const grpc::CallbackServerContext& call,
                                             absl::string_view method,
                                             const google::protobuf::Message& request) const;

  Reporting* reporting_;
  bool insecure_development_;
  std::string spool_dir_;
};

}  // namespace rakor::reporting
