// The caller of an RPC, from the one place the gRPC edge learns it. Until mutual
// TLS lands (the security issue), the explicit development mode trusts a
// `rakor-actor` metadata entry ("<unit>#<role>"); otherwise the caller is
// anonymous.
#pragma once

#include "absl/status/statusor.h"
#include "common/caller.h"
#include "grpcpp/server_context.h"

namespace rakor {

inline constexpr char kActorMetadataKey[] = "rakor-actor";

// INVALID_ARGUMENT naming the metadata entry when it is present, trusted and
// malformed.
absl::StatusOr<Caller> CallerOf(const grpc::CallbackServerContext& call, bool trust_metadata);

}  // namespace rakor
