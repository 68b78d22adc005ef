// Invitees by selector, resolved against the registry's units of a meeting's date.
#include "services/scheduling/invitees.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/proto_matchers.h"
#include "tests/support/status_matchers.h"

namespace rakor::scheduling {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::ParseTextProto;
using ::rakor::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kAsistenA[] = "regions/banjar/units/asisten-a";
constexpr char kAsistenB[] = "regions/banjar/units/asisten-b";

// A small region as the registry would answer for one date.
std::vector<DirectoryUnit> Units() {
  return {
      {"regions/banjar/units/asisten-a", "Asisten A", "ASISTEN", "", "", "a@banjar.go.id"},
      {"regions/banjar/units/asisten-b", "Asisten B", "ASISTEN", "", "", ""},
      {"regions/banjar/units/bagian-hukum", "Bagian Hukum", "BAGIAN", "", kAsistenB, ""},
      {"regions/banjar/units/dinas-kesehatan", "Dinas Kesehatan", "DINAS", "", kAsistenA,
       "dinkes@banjar.go.id"},
      {"regions/banjar/units/forkopimda", "Forkopimda", "FORKOPIMDA", "", "", ""},
      {"regions/banjar/units/inspektorat", "Inspektorat", "INSPEKTORAT", "", kAsistenA, ""},
      {"regions/banjar/units/kecamatan-banjar", "Kecamatan Banjar", "KECAMATAN", "", kAsistenA, ""},
      {"regions/banjar/units/kepolisian-resor", "Polres", "INSTANSI_VERTIKAL",
       "regions/banjar/units/forkopimda", "", ""},
      {"regions/banjar/units/rsud", "RSUD", "BLUD", "", kAsistenA, ""},
      {"regions/banjar/units/sekretariat-daerah", "Setda", "SEKRETARIAT_DAERAH", "", "", ""},
  };
}

std::vector<std::string> Invited(const std::string& series_text,
                                 const std::vector<DirectoryUnit>& units = Units()) {
  const auto series = ParseTextProto<v1::Series>(series_text);
  std::vector<std::string> out;
  for (const v1::Invitation& i : ResolveInvitees(series.invitees(), units)) {
    out.push_back(i.unit().substr(i.unit().rfind('/') + 1) + (i.required() ? "" : "?"));
  }
  return out;
}

TEST(Invitees, AnAsistenInvitesTheUnitsItCoordinatesThatDay) {
  EXPECT_THAT(Invited(R"pb(invitees { asisten: "regions/banjar/units/asisten-a" })pb"),
              ElementsAre("dinas-kesehatan", "inspektorat", "kecamatan-banjar", "rsud"));
}

TEST(Invitees, PerangkatDaerahAreTheKindsTheRegulationsName) {
  // Not the Asisten, a Bagian, a BLUD, the Forkopimda or a central office.
  EXPECT_THAT(
      Invited(R"pb(invitees { group: PERANGKAT_DAERAH })pb"),
      ElementsAre("dinas-kesehatan", "inspektorat", "kecamatan-banjar", "sekretariat-daerah"));
  EXPECT_THAT(Invited(R"pb(invitees { group: KECAMATAN })pb"), ElementsAre("kecamatan-banjar"));
}

TEST(Invitees, TheForkopimdaBringsItsMemberOffices) {
  EXPECT_THAT(Invited(R"pb(invitees { group: FORKOPIMDA })pb"),
              ElementsAre("forkopimda", "kepolisian-resor"));
}

TEST(Invitees, EachUnitOnceAndRequiredIfAnySelectorRequiresIt) {
  EXPECT_THAT(
      Invited(R"pb(
        invitees { asisten: "regions/banjar/units/asisten-a" optional: true }
        invitees { unit: "regions/banjar/units/inspektorat" }
        invitees { unit: "regions/banjar/units/asisten-b" optional: true }
      )pb"),
      ElementsAre("asisten-b?", "dinas-kesehatan?", "inspektorat", "kecamatan-banjar?", "rsud?"));
}

TEST(Invitees, AUnitThatNoLongerExistsIsNotInvited) {
  std::vector<DirectoryUnit> later = Units();
  std::erase_if(later, [](const DirectoryUnit& u) { return u.kind == "INSPEKTORAT"; });
  EXPECT_THAT(Invited(R"pb(invitees { unit: "regions/banjar/units/inspektorat" })pb", later),
              ElementsAre());
}

TEST(Invitees, AnswersAreKeptByUnit) {
  const auto series = ParseTextProto<v1::Series>(R"pb(invitees { group: KECAMATAN })pb");
  const auto occurrence = ParseTextProto<v1::Occurrence>(R"pb(
    invitations {
      unit: "regions/banjar/units/kecamatan-banjar"
      response: DELEGATED
      delegate_name: "Sekretaris Camat"
    }
    invitations { unit: "regions/banjar/units/dinas-kesehatan" response: ACCEPTED }
  )pb");
  const auto invitations =
      InvitationsWithAnswers(series.invitees(), Units(), occurrence.invitations());
  ASSERT_EQ(invitations.size(), 1u);  // an answer of a unit no longer invited is not shown
  EXPECT_EQ(invitations[0].response(), v1::DELEGATED);
  EXPECT_EQ(invitations[0].delegate_name(), "Sekretaris Camat");
  EXPECT_EQ(invitations[0].display_name(), "Kecamatan Banjar");
}

TEST(Invitees, SelectorsAreCheckedAgainstTheRegion) {
  auto series = ParseTextProto<v1::Series>(R"pb(
    invitees { group: KECAMATAN }
    invitees { unit: "regions/soppeng/units/dinas-kesehatan" }
  )pb");
  EXPECT_THAT(ValidateSelectors(series.invitees(), "regions/banjar"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("series.invitees[1].unit")));
  series = ParseTextProto<v1::Series>(R"pb(invitees { optional: true })pb");
  EXPECT_THAT(ValidateSelectors(series.invitees(), "regions/banjar"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("series.invitees[0]")));
  series = ParseTextProto<v1::Series>(R"pb(
    invitees { asisten: "regions/banjar/units/dinas-kesehatan" }
  )pb");
  ASSERT_THAT(ValidateSelectors(series.invitees(), "regions/banjar"), IsOk());
  EXPECT_THAT(CheckSelectorsExist(series.invitees(), Units()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("kind ASISTEN")));
  series = ParseTextProto<v1::Series>(R"pb(invitees { unit: "regions/banjar/units/nope" })pb");
  EXPECT_THAT(CheckSelectorsExist(series.invitees(), Units()),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("series.invitees[0].unit")));
}

}  // namespace
}  // namespace rakor::scheduling
