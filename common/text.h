// Quoting client input in messages and logs without echoing it whole: a 1 MB
// filter must not become a 1 MB error (gRPC refuses trailers over its metadata
// limit, and the client would see RESOURCE_EXHAUSTED instead of the error).
#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace rakor {

// `value` in double quotes, cut to limits::kMaxQuotedBytes (on a UTF-8 character
// boundary) with the full size noted when cut.
std::string Quote(absl::string_view value);

}  // namespace rakor
