// A request the server cannot parse (invalid UTF-8 in a string field, a truncated
// or too deeply nested message) never reaches a handler: gRPC's callback API
// answers it UNIMPLEMENTED with no message and nothing is logged. This server
// interceptor answers INVALID_ARGUMENT instead, with ErrorInfo reason
// UNPARSEABLE_REQUEST in the service's domain, and logs the call like any other.
#pragma once

#include <memory>
#include <vector>

#include "grpcpp/support/server_interceptor.h"

namespace rakor {

std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
UnparseableRequestInterceptors();

}  // namespace rakor
