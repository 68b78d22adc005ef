// Seed files in protobuf text format: every *.textproto of a directory, in name
// order, each parsed with errors naming the file, line and column.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"

namespace rakor {

// The *.textproto files in `dir`, sorted; NOT_FOUND if it cannot be read.
absl::StatusOr<std::vector<std::string>> TextProtoFilesIn(const std::string& dir);

// Parses `path` into `message`, recording where each field was in `where` if given.
// INVALID_ARGUMENT "<path>:<line>:<column>: <reason>" if it does not parse.
absl::Status ParseTextProtoFile(const std::string& path, google::protobuf::Message* message,
                                google::protobuf::TextFormat::ParseInfoTree* where = nullptr);

}  // namespace rakor
