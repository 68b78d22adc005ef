// The ids in resource names (AIP-122): "temanggung", "rakor-bulanan", ...
#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace rakor {

// 1-63 characters of a-z, 0-9 and '-', starting with a letter, not ending with '-'.
bool IsValidId(absl::string_view id);
// INVALID_ARGUMENT naming `field`, with ErrorInfo in `domain`, if `id` is not valid.
absl::Status ValidateId(absl::string_view domain, absl::string_view field, absl::string_view id);

}  // namespace rakor
