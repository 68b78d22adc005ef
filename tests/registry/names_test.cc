#include "services/registry/names.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/status_matchers.h"

namespace rakor::registry {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::StatusIs;
using ::testing::HasSubstr;

TEST(Names, UnitNameParsesIntoRegionAndId) {
  auto parsed = ParseUnitName("name", "regions/temanggung/units/dinas-kesehatan");
  ASSERT_THAT(parsed, IsOk());
  EXPECT_EQ(parsed->region, "regions/temanggung");
  EXPECT_EQ(parsed->id, "dinas-kesehatan");
}

TEST(Names, MalformedNamesAreInvalidArgumentNamingTheField) {
  for (const char* bad : {"", "regions/temanggung", "regions/Temanggung/units/x",
                          "regions/temanggung/unit/x", "regions/temanggung/units/x/y",
                          "regions/temanggung/units/-x", "regions/temanggung/units/x-",
                          "regions//units/x", "regions/temanggung/units/dinas kesehatan"}) {
    EXPECT_THAT(ParseUnitName("unit_a", bad),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_a")))
        << bad;
  }
}

TEST(Names, IdsAreLowercaseLettersDigitsAndHyphensUpTo63) {
  EXPECT_TRUE(IsValidId("kecamatan-donri-donri"));
  EXPECT_TRUE(IsValidId(std::string(63, 'a')));
  EXPECT_FALSE(IsValidId(std::string(64, 'a')));
  EXPECT_FALSE(IsValidId("1dinas"));
  EXPECT_FALSE(IsValidId("dinas_kesehatan"));
}

TEST(Names, WildcardRegionMeansEveryRegion) {
  EXPECT_EQ(*ParseRegionOrWildcard("parent", "regions/-"), "");
  EXPECT_EQ(*ParseRegionOrWildcard("parent", "regions/banjar"), "regions/banjar");
}

TEST(Names, BuiltNamesRoundTrip) {
  EXPECT_EQ(UnitNameOf(RegionName("soppeng"), "inspektorat"), "regions/soppeng/units/inspektorat");
  EXPECT_EQ(RegionOf("regions/soppeng/coordinations/x-1"), "regions/soppeng");
  EXPECT_EQ(IdOf("regions/soppeng/units/inspektorat"), "inspektorat");
}

}  // namespace
}  // namespace rakor::registry
