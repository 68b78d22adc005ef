// Column helpers shared by the registry repositories.
#pragma once

#include "absl/strings/string_view.h"
#include <cstdint>
#include <string>
#include <vector>

#include "SQLiteCpp/Statement.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/numbers.h"
#include "google/protobuf/repeated_field.h"
#include "google/protobuf/timestamp.pb.h"
#include "common/time.h"

namespace rakor::storage::registry {

// Binds NULL for an empty string (an absent reference).
inline void BindOptionalText(SQLite::Statement& stmt, int index, const std::string& value) {
  if (value.empty()) {
    stmt.bind(index);
  } else {
    stmt.bind(index, value);
  }
}

// Enum lists are stored as comma-separated proto numbers.
template <typename Repeated>
std::string JoinEnums(const Repeated& values) {
  return absl::StrJoin(values, ",");
}

inline void SplitEnums(const std::string& text, google::protobuf::RepeatedField<int>* out) {
  for (absl::string_view part : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    int value = 0;
    if (absl::SimpleAtoi(part, &value)) out->Add(value);
  }
}

}  // namespace rakor::storage::registry
