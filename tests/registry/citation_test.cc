#include "services/registry/citation.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/status_matchers.h"

namespace rakor::registry {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::StatusIs;
using ::testing::HasSubstr;

rakor::registry::v1::Region Temanggung() {
  rakor::registry::v1::Region region;
  region.set_display_name("Kabupaten Temanggung");
  return region;
}

TEST(Citation, AcceptsEveryLevelOfArticle) {
  for (const char* ok : {"Temanggung Pasal 18", "Temanggung Pasal 25 ayat (2)",
                         "Temanggung Pasal 26 ayat (2) huruf a",
                         "Temanggung Pasal 26 ayat (2) huruf a angka 12",
                         "Temanggung Pasal 1 angka 12"}) {
    EXPECT_THAT(ValidateCitation("citation", ok, Temanggung()), IsOk()) << ok;
  }
}

TEST(Citation, RefusesOtherRegionsAndMalformedArticles) {
  for (const char* bad : {"", "Soppeng Pasal 18", "Temanggung", "Temanggung Pasal",
                          "Temanggung Pasal 0", "Temanggung Pasal 18 ayat 2",
                          "Temanggung Pasal 18 huruf A", "Temanggung Pasal 18 angka 1 huruf a",
                          "Temanggung Pasal 18 "}) {
    EXPECT_THAT(ValidateCitation("units[0].citations[0]", bad, Temanggung()),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("units[0].citations[0]")))
        << bad;
  }
}

}  // namespace
}  // namespace rakor::registry
