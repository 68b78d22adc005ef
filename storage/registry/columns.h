// Column helpers shared by the registry repositories.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "common/time.h"
#include "google/protobuf/repeated_field.h"
#include "google/protobuf/timestamp.pb.h"
#include "storage/transaction.h"

namespace rakor::storage::registry {

inline SqlValue Micros(const google::protobuf::Timestamp& t) {
  return SqlValue::Int(TimestampMicros(t));
}

// An open end (no valid_until) is NULL.
template <typename Entity>
SqlValue ValidUntil(const Entity& e) {
  return e.has_valid_until() ? Micros(e.valid_until()) : SqlValue::Null();
}

// Enum lists are stored as comma-separated proto numbers; string lists as lines.
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

template <typename Repeated>
void SplitLines(const std::string& text, Repeated* out) {
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    out->Add(std::string(line));
  }
}

}  // namespace rakor::storage::registry
