// AIP-134 partial updates: apply the fields an update_mask names.
#pragma once

#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/message.h"

namespace rakor {

// Copies the fields of `patch` named by `mask` into `target`. An empty mask means
// every field that `patch` populates; "*" means every mutable field. A path that is
// not a field, or not in `mutable_fields`, is INVALID_ARGUMENT naming update_mask,
// with ErrorInfo in `domain`.
absl::Status ApplyFieldMask(absl::string_view domain, const google::protobuf::Message& patch,
                            const google::protobuf::FieldMask& mask,
                            const std::set<std::string>& mutable_fields,
                            google::protobuf::Message* target);

}  // namespace rakor
