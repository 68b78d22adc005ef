// One plain function per RPC: parse, validate, call the domain, fill the response.
#pragma once

#include "absl/status/status.h"
#include "rakor/reporting/v1/reporting_service.pb.h"
#include "services/reporting/handlers/request_context.h"

namespace rakor::reporting::handlers {

namespace v1 = rakor::reporting::v1;

absl::Status SubmitDocument(RequestContext* ctx, const v1::SubmitDocumentRequest* req,
                            v1::Document* resp);
absl::Status GetDocument(RequestContext* ctx, const v1::GetDocumentRequest* req,
                         v1::Document* resp);
absl::Status ListDocuments(RequestContext* ctx, const v1::ListDocumentsRequest* req,
                           v1::ListDocumentsResponse* resp);
absl::Status InitialDocument(RequestContext* ctx, const v1::StepRequest* req, v1::Document* resp);
absl::Status ForwardDocument(RequestContext* ctx, const v1::StepRequest* req, v1::Document* resp);
absl::Status ReturnDocument(RequestContext* ctx, const v1::StepRequest* req, v1::Document* resp);
absl::Status WithdrawDocument(RequestContext* ctx, const v1::StepRequest* req, v1::Document* resp);
absl::Status AcceptDocument(RequestContext* ctx, const v1::StepRequest* req, v1::Document* resp);
absl::Status AcknowledgeDocument(RequestContext* ctx, const v1::StepRequest* req,
                                 v1::Document* resp);
absl::Status ResubmitDocument(RequestContext* ctx, const v1::ResubmitDocumentRequest* req,
                              v1::Document* resp);
absl::Status ListAuditEntries(RequestContext* ctx, const v1::ListAuditEntriesRequest* req,
                              v1::ListAuditEntriesResponse* resp);
absl::Status VerifyAuditTrail(RequestContext* ctx, const v1::VerifyAuditTrailRequest* req,
                              v1::VerifyAuditTrailResponse* resp);
absl::Status CompleteFollowUp(RequestContext* ctx, const v1::CompleteFollowUpRequest* req,
                              v1::FollowUpAction* resp);
absl::Status ListOverdueFollowUps(RequestContext* ctx, const v1::ListOverdueFollowUpsRequest* req,
                                  v1::ListOverdueFollowUpsResponse* resp);
absl::Status GetReportingSettings(RequestContext* ctx, const v1::GetReportingSettingsRequest* req,
                                  v1::ReportingSettings* resp);
absl::Status UpdateReportingSettings(RequestContext* ctx,
                                     const v1::UpdateReportingSettingsRequest* req,
                                     v1::ReportingSettings* resp);

}  // namespace rakor::reporting::handlers
