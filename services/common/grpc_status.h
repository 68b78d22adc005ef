// The crossings between absl::Status (inside) and grpc::Status (the wire), each
// written once: ToGrpcStatus at a server's edge, FromGrpcStatus where a service
// calls a peer. Payloads (ErrorInfo, BadRequest) travel as google.rpc.Status
// details in grpc-status-details-bin, both ways.
#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"

namespace rakor {

grpc::Status ToGrpcStatus(const absl::Status& status);
absl::Status FromGrpcStatus(const grpc::Status& status);
// The answer of another service (`peer`, e.g. "registry") as this service's: one
// that does not answer (a deadline that passed included) is UNAVAILABLE, saying so.
absl::Status FromPeerStatus(absl::string_view peer, const grpc::Status& status);

}  // namespace rakor
