// Etags are the resource's revision counter; opaque to clients (AIP-154).
#pragma once

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace rakor::storage {

inline std::string EtagForRevision(int64_t revision) { return absl::StrCat(revision); }

// The revision an etag this service issued stands for; 0 if not one of ours.
inline int64_t RevisionFromEtag(absl::string_view etag) {
  int64_t revision = 0;
  return absl::SimpleAtoi(etag, &revision) ? revision : 0;
}

}  // namespace rakor::storage
