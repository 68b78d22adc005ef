#include "services/registry/list_query.h"

#include <map>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/status_matchers.h"

namespace rakor::registry {
namespace {

using ::rakor::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

TEST(PageSize, DefaultsCapsAndRefusesNegative) {
  EXPECT_EQ(*PageSize(0), 50);
  EXPECT_EQ(*PageSize(7), 7);
  EXPECT_EQ(*PageSize(5000), 1000);
  EXPECT_THAT(PageSize(-1), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_size")));
}

TEST(PageToken, RoundTripsOnlyForTheSameQuery) {
  const std::string token = EncodePageToken("regions/banjar|kind = DINAS", "regions/banjar/units/x");
  EXPECT_EQ(*DecodePageToken(token, "regions/banjar|kind = DINAS"), "regions/banjar/units/x");
  EXPECT_THAT(DecodePageToken(token, "regions/banjar|kind = BADAN"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
  EXPECT_THAT(DecodePageToken("not base64!", "q"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
}

TEST(PageThrough, WalksAllItemsInPagesWithoutRepeats) {
  std::map<std::string, int> items;
  for (int i = 0; i < 10; ++i) items["k" + std::to_string(i)] = i;
  std::vector<int> seen;
  std::string after;
  int pages = 0;
  do {
    const std::string token = PageThrough(
        items, "q", after, 3, [](int v) { return v % 2 == 0; }, [&](int v) { seen.push_back(v); });
    after = token.empty() ? "" : *DecodePageToken(token, "q");
    ++pages;
  } while (!after.empty());
  EXPECT_THAT(seen, ElementsAre(0, 2, 4, 6, 8));
  EXPECT_EQ(pages, 2);
}

TEST(Filter, ParsesConjunctionsOfEqualities) {
  auto terms = ParseFilter(R"(kind = DINAS AND coordinator = "regions/x/units/a")",
                           {"kind", "coordinator"});
  ASSERT_TRUE(terms.ok()) << terms.status();
  EXPECT_THAT(*terms, ElementsAre(Pair("coordinator", "regions/x/units/a"), Pair("kind", "DINAS")));
  EXPECT_TRUE(ParseFilter("", {"kind"})->empty());
}

TEST(Filter, RefusesWhatItCannotParse) {
  for (const char* bad : {"kind", "kind =", "kind != DINAS", "name = x", "kind = A OR kind = B",
                          "kind = A AND", "kind = \"A", "kind = A AND kind = B"}) {
    EXPECT_THAT(ParseFilter(bad, {"kind"}),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("filter")))
        << bad;
  }
}

}  // namespace
}  // namespace rakor::registry
