#include "services/common/grpc_status.h"

#include <string>

#include "services/common/error_details.h"

namespace rakor {

// absl::StatusCode and grpc::StatusCode share the canonical numbering. Payloads
// travel as google.rpc.Status details (grpc-status-details-bin).
grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()), RichStatusBytes(status));
}

}  // namespace rakor
