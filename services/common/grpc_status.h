// The one crossing between absl::Status (inside) and grpc::Status (the wire).
#pragma once

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace rakor {

grpc::Status ToGrpcStatus(const absl::Status& status);
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace rakor
