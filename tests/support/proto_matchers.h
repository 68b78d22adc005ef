// Protocol buffers in tests: a message from text format, and a matcher comparing
// messages field by field (printing both in text format when they differ).
#pragma once

#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"

namespace rakor::testing {

// `text` in protobuf text format as a T; fails the test if it does not parse.
template <typename T>
T ParseTextProto(const std::string& text) {
  T message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

MATCHER_P(EqualsProto, expected, "equals " + expected.DebugString()) {
  std::string differences;
  google::protobuf::util::MessageDifferencer differ;
  differ.ReportDifferencesToString(&differences);
  if (differ.Compare(expected, arg)) return true;
  *result_listener << "differs: " << differences;
  return false;
}

}  // namespace rakor::testing
