#include "services/reporting/service.h"

#include <optional>

#include "services/common/blocking_pool.h"
#include "services/common/caller_identity.h"
#include "services/common/grpc_status.h"
#include "services/common/rpc_record.h"
#include "services/common/unary_call.h"
#include "services/reporting/attachment_upload.h"
#include "services/reporting/errors.h"
#include "services/reporting/handlers/handlers.h"
#include "services/reporting/names.h"
#include "services/reporting/policy.h"

namespace rakor::reporting {
namespace {

using v1::Attachment;
using v1::ReadAttachmentResponse;
using v1::UploadAttachmentRequest;

// Reads an upload message by message into an AttachmentUpload (never the whole
// attachment in memory), then stores it. Storing writes the whole attachment into
// the database: that runs on the blocking pool, not on gRPC's few callback threads
// (services/common/blocking_pool.h), as does every database read of the stream.
class UploadReactor final : public grpc::ServerReadReactor<UploadAttachmentRequest> {
 public:
  UploadReactor(grpc::CallbackServerContext* call, Reporting* reporting, std::string spool_dir,
                absl::Status refused, std::string uploader, Attachment* response)
      : call_(call),
        reporting_(reporting),
        uploader_(std::move(uploader)),
        upload_(std::move(spool_dir), reporting->options().max_attachment_bytes),
        response_(response),
        start_(absl::Now()) {
    if (!refused.ok()) {
      Done(refused);
      return;
    }
    StartRead(&message_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {  // the client is done sending
      if (!upload_.begun()) return Done(errors::RequiredField("header"));
      BlockingPool::ForWaitingHandlers().Run([this] {
        absl::Status finished = upload_.Finish();
        if (finished.ok()) {
          absl::StatusOr<Attachment> stored =
              reporting_->StoreAttachment(upload_.path(), upload_.header(), uploader_);
          finished = stored.status();
          if (stored.ok()) *response_ = *std::move(stored);
        }
        Done(finished);
      });
      return;
    }
    absl::Status taken;
    if (!upload_.begun()) {
      taken = message_.has_header() ? upload_.Begin(message_.header())
                                    : errors::RequiredField("header");
    } else if (message_.has_header()) {
      taken = errors::InvalidField("header", "is sent once, first");
    } else {
      taken = upload_.Append(message_.chunk());
    }
    if (!taken.ok()) return Done(taken);
    StartRead(&message_);
  }

  void OnDone() override { delete this; }

 private:
  void Done(const absl::Status& status) {
    RecordRpc("UploadAttachment", status, absl::Now() - start_, call_->peer());
    Finish(ToGrpcStatus(status));
  }

  grpc::CallbackServerContext* call_;
  Reporting* reporting_;
  std::string uploader_;
  AttachmentUpload upload_;
  Attachment* response_;
  UploadAttachmentRequest message_;
  absl::Time start_;
};

// Verifies an attachment against its digest, then streams it chunk by chunk.
class ReadReactor final : public grpc::ServerWriteReactor<ReadAttachmentResponse> {
 public:
  ReadReactor(grpc::CallbackServerContext* call, Reporting* reporting, std::string sha256,
              absl::Status refused, Caller reader)
      : call_(call), reporting_(reporting), sha256_(std::move(sha256)), start_(absl::Now()) {
    if (!refused.ok()) {
      Done(refused);
      return;
    }
    BlockingPool::ForWaitingHandlers().Run([this, reader = std::move(reader)] {
      absl::Status verified = reporting_->CheckAttachmentReader(sha256_, reader);
      if (verified.ok()) verified = reporting_->GetAttachment(AttachmentName(sha256_)).status();
      if (verified.ok()) verified = reporting_->VerifyAttachment(sha256_);
      if (!verified.ok()) return Done(verified);
      Next();
    });
  }

  void OnWriteDone(bool ok) override {
    if (!ok) return Done(absl::CancelledError("the client went away"));
    BlockingPool::ForWaitingHandlers().Run([this] { Next(); });
  }

  void OnDone() override { delete this; }

 private:
  void Next() {
    absl::StatusOr<std::optional<std::string>> chunk =
        reporting_->AttachmentChunk(sha256_, index_++);
    if (!chunk.ok()) return Done(chunk.status());
    if (!chunk->has_value()) return Done(absl::OkStatus());
    message_.set_chunk(**std::move(chunk));
    StartWrite(&message_);
  }

  void Done(const absl::Status& status) {
    RecordRpc("ReadAttachment", status, absl::Now() - start_, call_->peer());
    Finish(ToGrpcStatus(status));
  }

  grpc::CallbackServerContext* call_;
  Reporting* reporting_;
  std::string sha256_;
  int64_t index_ = 0;
  ReadAttachmentResponse message_;
  absl::Time start_;
};

}  // namespace

absl::StatusOr<RequestContext> ReportingServiceImpl::MakeContext(
    const grpc::CallbackServerContext& call, absl::string_view method,
    const google::protobuf::Message& request) const {
  absl::StatusOr<Caller> caller =
      AuthorizedCaller(call, insecure_development_, Policy(), errors::kDomain, method, request);
  if (!caller.ok()) return caller.status();
  return RequestContext{reporting_, *std::move(caller), reporting_->clock().Now()};
}

#define RAKOR_DEFINE_UNARY(Method, Request, Response)                                        \
  grpc::ServerUnaryReactor* ReportingServiceImpl::Method(                                    \
      grpc::CallbackServerContext* call, const rakor::reporting::v1::Request* request,       \
      rakor::reporting::v1::Response* response) {                                            \
    return ServeUnaryBlocking(call, #Method, MakeContext(*call, #Method, *request), request, \
                              response, handlers::Method);                                   \
  }
RAKOR_REPORTING_UNARY_RPCS(RAKOR_DEFINE_UNARY)
#undef RAKOR_DEFINE_UNARY

grpc::ServerReadReactor<UploadAttachmentRequest>* ReportingServiceImpl::UploadAttachment(
    grpc::CallbackServerContext* call, Attachment* response) {
  // Any official may upload (policy.cc); attaching is checked on submission.
  absl::StatusOr<RequestContext> ctx =
      MakeContext(*call, "UploadAttachment", UploadAttachmentRequest());
  const absl::Status refused = ctx.status();
  return new UploadReactor(call, reporting_, spool_dir_, refused, ctx.ok() ? ctx->caller.unit : "",
                           response);
}

grpc::ServerWriteReactor<ReadAttachmentResponse>* ReportingServiceImpl::ReadAttachment(
    grpc::CallbackServerContext* call, const v1::ReadAttachmentRequest* request) {
  absl::StatusOr<RequestContext> ctx = MakeContext(*call, "ReadAttachment", *request);
  absl::Status refused = ctx.status();
  absl::StatusOr<std::string> sha = ParseAttachmentName("name", request->name());
  if (refused.ok()) refused = sha.status();
  return new ReadReactor(call, reporting_, sha.ok() ? *sha : "", refused,
                         ctx.ok() ? ctx->caller : Caller::Anonymous());
}

}  // namespace rakor::reporting
