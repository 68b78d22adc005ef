// AIP-155: a create carrying a request_id is applied at most once. The key holds
// the id and the request's deterministic serialisation, so a retry can be told
// from a different request under the same id.
#pragma once

#include <string>

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/message.h"

namespace rakor {

struct RequestKey {
  std::string request_id;  // empty: not idempotent
  std::string request;     // the request's deterministic serialisation
};

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

}  // namespace rakor
