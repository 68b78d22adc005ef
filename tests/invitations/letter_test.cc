// The formal letter of invitation: its heading fields, and the time in the invitee's
// own zone when the meeting is held in another.
#include "clients/invitations/letter.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/proto_matchers.h"
#include "tests/support/status_matchers.h"

namespace rakor::invitations {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::ParseTextProto;
using ::rakor::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;
namespace sv1 = rakor::scheduling::v1;

Meeting InJakarta() {
  Meeting m;
  m.occurrence = ParseTextProto<sv1::Occurrence>(R"pb(
    name: "regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/20261207T090000"
    title: "Rapat Koordinasi Tingkat Kabupaten"
    start_time { seconds: 1796608800 }  # 2026-12-07 09:00 WIB
    end_time { seconds: 1796616000 }
    legal_basis: "Temanggung Pasal 18"
    place: "Ruang Rapat Sekretariat Daerah"
  )pb");
  m.time_zone = "Asia/Jakarta";
  m.link = "https://vc.temanggungkab.go.id/rakor";
  return m;
}

LetterDetails Details() {
  LetterDetails d;
  d.letterhead = "PEMERINTAH KABUPATEN TEMANGGUNG\nSEKRETARIAT DAERAH";
  d.nomor = "005/412/Setda/XI/2026";
  d.city = "Temanggung";
  d.date = absl::CivilDay(2026, 11, 30);
  d.signatory = "SEKRETARIS DAERAH";
  d.chair_title = "Sekretaris Daerah";
  return d;
}

TEST(InvitationLetter, HasTheHeadingFieldsOfAnUndanganAndTheMeetingInItsZone) {
  const auto letter = InvitationLetter(InJakarta(), Details(),
                                       {"Dinas Kesehatan", "dinkes@x.go.id", "Asia/Jakarta"});
  ASSERT_THAT(letter, IsOk());
  EXPECT_THAT(*letter, HasSubstr("PEMERINTAH KABUPATEN TEMANGGUNG\nSEKRETARIAT DAERAH"));
  EXPECT_THAT(*letter, HasSubstr("Temanggung, 30 November 2026"));
  EXPECT_THAT(*letter, HasSubstr("Nomor    : 005/412/Setda/XI/2026\n"));
  EXPECT_THAT(*letter, HasSubstr("Sifat    : Penting\n"));
  EXPECT_THAT(*letter, HasSubstr("Hal      : Undangan Rapat Koordinasi Tingkat Kabupaten\n"));
  EXPECT_THAT(*letter, HasSubstr("Yth. Dinas Kesehatan"));
  EXPECT_THAT(*letter, HasSubstr("Hari/tanggal   : Senin, 7 Desember 2026\n"));
  EXPECT_THAT(*letter, HasSubstr("Pukul          : 09.00 WIB s.d. 11.00 WIB\n"));
  EXPECT_THAT(*letter, HasSubstr("Tempat         : Ruang Rapat Sekretariat Daerah\n"
                                 "                 https://vc.temanggungkab.go.id/rakor\n"));
  EXPECT_THAT(*letter, HasSubstr("Pimpinan rapat : Sekretaris Daerah\n"));
  EXPECT_THAT(*letter, HasSubstr("(Temanggung Pasal 18)"));
  EXPECT_THAT(*letter, Not(HasSubstr("di tempat rapat")));
}

TEST(InvitationLetter, GivesAnInviteeInAnotherZoneItsOwnTimeAndTheMeetingsToo) {
  const auto letter = InvitationLetter(InJakarta(), Details(),
                                       {"Kantor Wilayah", "kanwil@x.go.id", "Asia/Makassar"});
  ASSERT_THAT(letter, IsOk());
  EXPECT_THAT(*letter, HasSubstr("Pukul          : 10.00 WITA s.d. 12.00 WITA\n"
                                 "                 (09.00 WIB s.d. 11.00 WIB di tempat rapat)\n"));
  // Late in the evening in Jakarta is the next day in Jayapura.
  Meeting late = InJakarta();
  late.occurrence.mutable_start_time()->set_seconds(1796608800 + 13 * 3600 + 1800);  // 22:30 WIB
  late.occurrence.mutable_end_time()->set_seconds(1796608800 + 14 * 3600 + 1800);
  const auto papua = InvitationLetter(late, Details(), {"Kantor", "k@x.go.id", "Asia/Jayapura"});
  ASSERT_THAT(papua, IsOk());
  EXPECT_THAT(*papua, HasSubstr("Hari/tanggal   : Selasa, 8 Desember 2026\n"));
  EXPECT_THAT(*papua, HasSubstr("Pukul          : 00.30 WIT s.d. 01.30 WIT\n"));
}

TEST(InvitationLetter, RefusesAnUnknownZone) {
  EXPECT_THAT(InvitationLetter(InJakarta(), Details(), {"X", "x@x", "Asia/Atlantis"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("Asia/Atlantis")));
}

TEST(IndonesianDate, NamesTheDayAndMonthInIndonesian) {
  EXPECT_EQ(IndonesianDate(absl::CivilDay(2027, 8, 17)), "Selasa, 17 Agustus 2027");
  EXPECT_EQ(IndonesianDate(absl::CivilDay(2026, 3, 1)), "Minggu, 1 Maret 2026");
}

}  // namespace
}  // namespace rakor::invitations
