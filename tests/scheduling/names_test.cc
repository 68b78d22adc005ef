// The scheduling API's resource names, built and parsed in one place.
#include "services/scheduling/names.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/status_matchers.h"

namespace rakor::scheduling {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::StatusIs;

TEST(Names, AnOccurrenceNameRoundTrips) {
  const std::string name =
      OccurrenceName("regions/soppeng/series/rakor", absl::CivilSecond(2026, 1, 5, 9, 0, 0));
  EXPECT_EQ(name, "regions/soppeng/series/rakor/occurrences/20260105T090000");
  auto id = ParseOccurrenceName("occurrence", name);
  ASSERT_THAT(id, IsOk());
  EXPECT_EQ(id->region, "regions/soppeng");
  EXPECT_EQ(id->series, "regions/soppeng/series/rakor");
  EXPECT_EQ(id->original, absl::CivilSecond(2026, 1, 5, 9, 0, 0));
}

TEST(Names, AMalformedOccurrenceNameIsRefusedNamingTheField) {
  for (const char* bad :
       {"regions/soppeng/series/rakor", "regions/soppeng/series/rakor/occurrences/2026-01-05",
        "regions/soppeng/series/rakor/occurrences/20260105X090000",
        "regions/soppeng/series/rakor/occurrences/20261305T090000",
        "regions/Soppeng/series/rakor/occurrences/20260105T090000"}) {
    EXPECT_THAT(ParseOccurrenceName("occurrence", bad),
                StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("occurrence")))
        << bad;
  }
}

}  // namespace
}  // namespace rakor::scheduling
