// The rich error details (AIP-193) of a failed call, as a client reads them.
#pragma once

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"

namespace rakor::testing {

// The google.rpc.Status details of a failed call.
inline google::rpc::Status RichStatus(const grpc::Status& status) {
  google::rpc::Status rich;
  rich.ParseFromString(status.error_details());
  return rich;
}

// The ErrorInfo among a failed call's details (empty if none).
inline google::rpc::ErrorInfo ErrorInfoOf(const grpc::Status& status) {
  google::rpc::ErrorInfo info;
  const google::rpc::Status rich = RichStatus(status);
  for (const auto& detail : rich.details()) {
    if (detail.Is<google::rpc::ErrorInfo>()) detail.UnpackTo(&info);
  }
  return info;
}

}  // namespace rakor::testing
