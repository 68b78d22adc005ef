// The one crossing from absl::Status (inside) to grpc::Status (the wire).
#pragma once

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace rakor {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace rakor
