#include "services/common/caller_identity.h"

#include "absl/strings/str_cat.h"
#include "grpc/grpc_security_constants.h"
#include "services/common/in_process.h"
#include "services/common/metrics.h"
#include "services/common/rpc_log.h"

namespace rakor {
namespace {

absl::StatusOr<Caller> StatedActor(const grpc::CallbackServerContext& call) {
  const auto& metadata = call.client_metadata();
  auto it = metadata.find(kActorMetadataKey);
  if (it == metadata.end()) return Caller::Anonymous();
  return ParseCaller(kActorMetadataKey, absl::string_view(it->second.data(), it->second.size()));
}

absl::StatusOr<Caller> CertifiedPeer(const grpc::CallbackServerContext& call) {
  // In the embedded server, one rakor service calling another (in_process.h).
  if (FromThisProcess(call)) return Caller{.unit = "", .role = Role::kService};
  const std::shared_ptr<const grpc::AuthContext> auth = call.auth_context();
  if (auth == nullptr || !auth->IsPeerAuthenticated()) {
    return absl::UnauthenticatedError("no client certificate: rakor requires mutual TLS");
  }
  const std::vector<grpc::string_ref> ids =
      auth->FindPropertyValues(GRPC_PEER_SPIFFE_ID_PROPERTY_NAME);
  if (ids.size() != 1) {
    return absl::UnauthenticatedError(
        "the client certificate has no single spiffe://rakor/... URI SAN naming its caller");
  }
  absl::StatusOr<Caller> caller =
      CallerFromSpiffeId(absl::string_view(ids[0].data(), ids[0].size()));
  if (!caller.ok()) return absl::UnauthenticatedError(caller.status().message());
  return caller;
}

}  // namespace

absl::StatusOr<Caller> CallerOf(const grpc::CallbackServerContext& call,
                                bool insecure_development) {
  if (insecure_development) return StatedActor(call);
  absl::StatusOr<Caller> peer = CertifiedPeer(call);
  if (!peer.ok()) return peer.status();
  if (call.client_metadata().count(kActorMetadataKey) == 0) return peer;
  if (peer->role != Role::kService) {
    return absl::PermissionDeniedError(
        absl::StrCat(kActorMetadataKey, ": only a rakor service may act for another caller; ",
                     peer->ToString(), " may not"));
  }
  return StatedActor(call);
}

absl::StatusOr<Caller> AuthorizedCaller(const grpc::CallbackServerContext& call,
                                        bool insecure_development,
                                        absl::Span<const MethodPolicy> policy,
                                        absl::string_view domain, absl::string_view method,
                                        const google::protobuf::Message& request) {
  absl::StatusOr<Caller> caller = CallerOf(call, insecure_development);
  absl::Status refused = caller.status();
  if (caller.ok()) refused = Authorize(policy, domain, method, *caller, request);
  if (refused.ok()) refused = CheckRequestSize(policy, domain, method, request);
  if (refused.ok()) return caller;
  if (refused.code() == absl::StatusCode::kPermissionDenied ||
      refused.code() == absl::StatusCode::kUnauthenticated) {
    const std::string who = caller.ok() ? caller->ToString() : "unknown";
    AuditRefusal(method, who, call.peer(), refused);
    CountRefusal(method, refused.code(), caller.ok() ? RoleName(caller->role) : "unknown");
  }
  return refused;
}

void ActFor(grpc::ClientContext* context, const Caller& caller) {
  // Anonymous too: otherwise the call would be judged as the service making it.
  context->AddMetadata(kActorMetadataKey, caller.ToString());
}

}  // namespace rakor
