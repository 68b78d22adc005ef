#include "common/list_query.h"

#include <map>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/status_matchers.h"

namespace rakor {
namespace {

using ::rakor::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

constexpr absl::string_view kDomain = "test.rakor";

TEST(PageSize, DefaultsCapsAndRefusesNegative) {
  EXPECT_EQ(*PageSize(kDomain, 0), 50);
  EXPECT_EQ(*PageSize(kDomain, 7), 7);
  EXPECT_EQ(*PageSize(kDomain, 5000), 1000);
  EXPECT_THAT(PageSize(kDomain, -1), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_size")));
}

TEST(PageToken, RoundTripsOnlyForTheSameQuery) {
  const ListQuery dinas{"ListUnits", "regions/banjar|kind = DINAS"};
  const std::string token = EncodePageToken(dinas, "regions/banjar/units/x");
  EXPECT_EQ(*DecodePageToken(kDomain, token, dinas), "regions/banjar/units/x");
  EXPECT_THAT(DecodePageToken(kDomain, token, {"ListUnits", "regions/banjar|kind = BADAN"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
  EXPECT_THAT(DecodePageToken(kDomain, "not base64!", dinas),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
}

TEST(PageToken, IsRefusedByAnotherListMethodWithTheSameQuery) {
  const std::string token = EncodePageToken({"ListCoordinations", "regions/banjar||0"}, "x");
  EXPECT_THAT(DecodePageToken(kDomain, token, {"ListUnits", "regions/banjar||0"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
}

TEST(PageToken, OverLongTokenIsRefusedUnread) {
  EXPECT_THAT(DecodePageToken(kDomain, std::string(100000, 'A'), {"ListUnits", ""}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
}

TEST(PageThrough, WalksAllItemsInPagesWithoutRepeats) {
  std::map<std::string, int> items;
  for (int i = 0; i < 10; ++i) items["k" + std::to_string(i)] = i;
  const ListQuery query{"ListThings", "q"};
  std::vector<int> seen;
  std::string after;
  int pages = 0;
  do {
    const std::string token = PageThrough(
        items, query, after, 3, [](int v) { return v % 2 == 0; }, [&](int v) { seen.push_back(v); });
    after = token.empty() ? "" : *DecodePageToken(kDomain, token, query);
    ++pages;
  } while (!after.empty());
  EXPECT_THAT(seen, ElementsAre(0, 2, 4, 6, 8));
  EXPECT_EQ(pages, 2);
}

TEST(Filter, ParsesConjunctionsOfEqualities) {
  auto terms = ParseFilter(kDomain, R"(kind = DINAS AND coordinator = "regions/x/units/a")",
                           {"kind", "coordinator"});
  ASSERT_TRUE(terms.ok()) << terms.status();
  EXPECT_THAT(*terms, ElementsAre(Pair("coordinator", "regions/x/units/a"), Pair("kind", "DINAS")));
  EXPECT_TRUE(ParseFilter(kDomain, "", {"kind"})->empty());
}

TEST(Filter, RefusesWhatItCannotParse) {
  for (const char* bad : {"kind", "kind =", "kind != DINAS", "name = x", "kind = A OR kind = B",
                          "kind = A AND", "kind = \"A", "kind = A AND kind = B"}) {
    EXPECT_THAT(ParseFilter(kDomain, bad, {"kind"}),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("filter")))
        << bad;
  }
}

TEST(Filter, OverLongFilterIsRefusedAndNotEchoedWhole) {
  const std::string huge = "kind = " + std::string(1 << 20, 'A');
  absl::StatusOr<std::map<std::string, std::string>> terms = ParseFilter(kDomain, huge, {"kind"});
  EXPECT_THAT(terms, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("filter")));
  EXPECT_LT(terms.status().message().size(), 200u);
}

TEST(Filter, RefusesMoreTermsThanTheLimit) {
  const std::set<std::string> fields = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};
  EXPECT_TRUE(ParseFilter(kDomain, "a=1 AND b=1 AND c=1 AND d=1 AND e=1 AND f=1 AND g=1 AND h=1",
                          fields)
                  .ok());
  EXPECT_THAT(ParseFilter(kDomain,
                          "a=1 AND b=1 AND c=1 AND d=1 AND e=1 AND f=1 AND g=1 AND h=1 AND i=1",
                          fields),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("at most 8 terms")));
}

}  // namespace
}  // namespace rakor
