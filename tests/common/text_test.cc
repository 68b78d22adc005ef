#include "common/text.h"

#include <string>

#include "common/limits.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rakor {
namespace {

using ::testing::EndsWith;
using ::testing::StartsWith;

TEST(Quote, AnOccurrenceNameIsQuotedWhole) {
  const std::string name =
      "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20261207T090000";
  EXPECT_EQ(Quote(name), "\"" + name + "\"");
}

TEST(Quote, TheLongestValidNameIsQuotedWhole) {
  const std::string name(limits::kMaxNameBytes, 'n');
  EXPECT_EQ(Quote(name), "\"" + name + "\"");
}

TEST(Quote, ALongerValueIsCutAndItsSizeSaid) {
  const std::string quoted = Quote(std::string(10000, 'x'));
  EXPECT_THAT(quoted, StartsWith("\"xxx"));
  EXPECT_THAT(quoted, EndsWith("\"... (10000 bytes)"));
  EXPECT_LE(quoted.size(), limits::kMaxQuotedBytes + 20);
}

TEST(Quote, ACutNeverSplitsAUtf8Character) {
  // "é" is two bytes; the limit falls inside the character that straddles it.
  const std::string value = std::string(limits::kMaxQuotedBytes - 1, 'a') + "\xC3\xA9" + "zzz";
  EXPECT_EQ(Quote(value), "\"" + std::string(limits::kMaxQuotedBytes - 1, 'a') + "\"... (" +
                              std::to_string(value.size()) + " bytes)");
}

}  // namespace
}  // namespace rakor
