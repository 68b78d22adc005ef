// What every registry handler receives besides its request.
#pragma once

#include <string>

#include "absl/time/time.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/message.h"
#include "google/protobuf/timestamp.pb.h"
#include "services/common/proto_time.h"
#include "services/registry/errors.h"
#include "services/registry/registry.h"

namespace rakor::registry {

struct RequestContext {
  Registry* registry;
  std::string actor;  // who is calling, for the audit trail
  absl::Time now;     // when the call began, by the registry's clock
};

// A read's as-of time: the one asked for, or now.
template <typename Request>
absl::StatusOr<absl::Time> AsOf(const RequestContext& ctx, const Request& request) {
  if (!request.has_as_of()) return ctx.now;
  if (!IsValidTimestamp(request.as_of())) {
    return errors::InvalidField("as_of", "must lie between years 1 and 9999");
  }
  return FromProto(request.as_of());
}

// AIP-155: the request is remembered in its deterministic serialisation.
inline RequestKey KeyOf(const std::string& request_id, const google::protobuf::Message& request) {
  RequestKey key{request_id, {}};
  if (request_id.empty()) return key;
  {  // the streams trim key.request to size when they are destroyed
    google::protobuf::io::StringOutputStream stream(&key.request);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&coded);
  }
  return key;
}

}  // namespace rakor::registry
