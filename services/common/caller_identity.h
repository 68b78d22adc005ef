// The caller of an RPC, from the one place the gRPC edge learns it, and the
// authorization of the call against the service's policy (common/access_policy.h).
//
// Production (mutual TLS): the caller is the SPIFFE ID in the client certificate's
// URI SAN. A peer whose certificate says it is a rakor service may pass on the
// caller it acts for in `rakor-actor` metadata; anyone else saying so is refused.
// Development mode: a caller is who its `rakor-actor` metadata says, else anonymous.
#pragma once

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "common/access_policy.h"
#include "common/caller.h"
#include "google/protobuf/message.h"
#include "grpcpp/client_context.h"
#include "grpcpp/server_context.h"

namespace rakor {

inline constexpr char kActorMetadataKey[] = "rakor-actor";

// INVALID_ARGUMENT naming the metadata entry when it is malformed; UNAUTHENTICATED
// when a production peer's certificate names no rakor identity; PERMISSION_DENIED
// when a peer that is not a service speaks for someone else.
absl::StatusOr<Caller> CallerOf(const grpc::CallbackServerContext& call, bool insecure_development);

// CallerOf, then the policy's decision for `method` on `request`, then the size of
// the request. An unauthenticated or denied call is audited (rpc_log.h) and counted
// (metrics.h) before its status is returned.
absl::StatusOr<Caller> AuthorizedCaller(const grpc::CallbackServerContext& call,
                                        bool insecure_development,
                                        absl::Span<const MethodPolicy> policy,
                                        absl::string_view domain, absl::string_view method,
                                        const google::protobuf::Message& request);

// Marks an outgoing call as made on `caller`'s behalf (anonymous included).
void ActFor(grpc::ClientContext* context, const Caller& caller);

}  // namespace rakor
