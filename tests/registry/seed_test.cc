// The seed data against the regulations it transcribes, and the seed loader.
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registry/names.h"
#include "services/registry/seed_loader.h"
#include "services/registry/unit_names.h"
#include "tests/support/registry_fixture.h"
#include "tests/support/status_matchers.h"

namespace rakor::registry {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAreArray;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Lower case, single spaces: how names are compared with the regulation's text.
std::string Normalize(absl::string_view text) {
  std::string out;
  for (absl::string_view word : absl::StrSplit(text, absl::ByAnyChar(" \n\t"), absl::SkipEmpty())) {
    if (!out.empty()) out += ' ';
    out += absl::AsciiStrToLower(word);
  }
  return out;
}

class SeedFidelity : public rakor::testing::RegistryTest {
 protected:
  std::map<v1::AsistenField, int> CoordinatedCounts(const std::string& region) {
    std::map<v1::AsistenField, int> counts;
    auto snapshot = registry_->snapshot();
    for (const auto& [name, unit] : snapshot->FindRegion(region)->units()) {
      if (unit->kind() != v1::ASISTEN) continue;
      counts[unit->asisten_field()] =
          static_cast<int>(snapshot->CoordinatedBy(name, clock_.Now()).size());
    }
    return counts;
  }

  std::vector<std::string> Kecamatan(const std::string& region) {
    std::vector<std::string> names;
    for (const auto& [name, unit] : registry_->snapshot()->FindRegion(region)->units()) {
      if (unit->kind() == v1::KECAMATAN) {
        names.push_back(unit->display_name());
      }
    }
    return names;
  }

  // Every coordinated unit's name appears in the regulation's own text within the
  // list of the Asisten the seed gives it (between that Asisten's heading and the
  // next), and every citation names a Pasal the regulation has. `headings` are the
  // texts that open the lists of the Pemkesra, Ekbang and Administrasi Umum Asisten,
  // then the text that follows the last list.
  void ExpectTranscribedFrom(const std::string& region, const std::string& file,
                             const std::vector<std::string>& headings,
                             const std::set<std::string>& spelled_out) {
    const std::string regulation = Normalize(ReadFile(rakor::testing::RegulationsDir() + "/" + file));
    ASSERT_FALSE(regulation.empty())
        << rakor::testing::RegulationsDir() << "/" << file
        << " is missing or empty: set RAKOR_REGULATIONS_DIR to the regulations' folder";
    ASSERT_EQ(headings.size(), 4u);
    std::map<v1::AsistenField, std::string> lists;
    for (int i = 0; i < 3; ++i) {
      const size_t begin = regulation.find(headings[i]);
      const size_t end = regulation.find(headings[i + 1]);
      ASSERT_NE(begin, std::string::npos) << headings[i];
      ASSERT_NE(end, std::string::npos) << headings[i + 1];
      ASSERT_LT(begin, end);
      lists[static_cast<v1::AsistenField>(i + 1)] = regulation.substr(begin, end - begin);
    }
    auto snapshot = registry_->snapshot();
    for (const auto& [name, shared] : snapshot->FindRegion(region)->coordinations()) {
      const Coordination& c = *shared;
      if (c.unit().empty()) continue;  // a kind's assignment: checked by its own test
      const Unit& unit = *snapshot->FindUnit(c.unit());
      const v1::AsistenField field = snapshot->FindUnit(c.asisten())->asisten_field();
      const std::string pasal = c.citation().substr(c.citation().find("Pasal"));
      EXPECT_THAT(regulation, HasSubstr(Normalize(pasal.substr(0, pasal.find(' ', 6)))))
          << c.citation();
      if (unit.kind() == v1::KECAMATAN || spelled_out.contains(unit.display_name())) continue;
      EXPECT_THAT(lists[field], HasSubstr(Normalize(unit.display_name())))
          << unit.name() << " is not in the list of " << c.asisten() << " in " << file;
    }
  }
};

TEST_F(SeedFidelity, Temanggung_Pasal26SpanOfControl) {
  // Pasal 26 ayat (2): a. 11 Perangkat Daerah and every Kecamatan; b. 8; c. 5.
  EXPECT_EQ(CoordinatedCounts("regions/temanggung"),
            (std::map<v1::AsistenField, int>{{v1::PEMERINTAHAN_KESRA, 11 + 20},
                                             {v1::PEREKONOMIAN_PEMBANGUNAN, 8},
                                             {v1::ADMINISTRASI_UMUM, 5}}));
  ExpectTranscribedFrom("regions/temanggung", "perbup-temanggung-76-2021.txt",
                        {"asisten pemerintahan dan kesejahteraan rakyat, mengkoordinir",
                         "asisten perekonomian dan pembangunan, mengkoordinir",
                         "asisten administrasi umum, mengkoordinir",
                         "dinas daerah mengoordinasikan penyusunan"},
                        // The list says "SATPOL PP" and "Sekretariat Dewan Perwakilan
                        // Rakyat Daerah" (abbreviated in Pasal 1 angka 9).
                        {"Satuan Polisi Pamong Praja dan Pemadam Kebakaran", "Sekretariat DPRD"});
}

TEST_F(SeedFidelity, Soppeng_Pasal22To24SpanOfControl) {
  // Bagian (ayat 1) and Perangkat Daerah (ayat 2) of Pasal 22, 23 and 24.
  EXPECT_EQ(CoordinatedCounts("regions/soppeng"),
            (std::map<v1::AsistenField, int>{{v1::PEMERINTAHAN_KESRA, 3 + 10 + 8},
                                             {v1::PEREKONOMIAN_PEMBANGUNAN, 3 + 9},
                                             {v1::ADMINISTRASI_UMUM, 3 + 6}}));
  ExpectTranscribedFrom("regions/soppeng", "perbup-soppeng-23-2024.txt",
                        {"asisten pemerintahan dan kesejahteraan rakyat mengoordinasikan bagian",
                         "asisten perekonomian dan pembangunan mengoordinasikan bagian",
                         "asisten administrasi umum mengoordinasikan bagian",
                         "staf ahli berjumlah"},
                        {"Bagian Perekonomian dan Sumber Daya Alam"});
}

TEST_F(SeedFidelity, Banjar_Pasal23SpanOfControl) {
  // b. 13 Perangkat Daerah, Kecamatan and Kelurahan (not seeded: the regulation
  // names no kelurahan); c. 9; d. 4.
  EXPECT_EQ(CoordinatedCounts("regions/banjar"),
            (std::map<v1::AsistenField, int>{{v1::PEMERINTAHAN_KESRA, 13 + 4},
                                             {v1::PEREKONOMIAN_PEMBANGUNAN, 9},
                                             {v1::ADMINISTRASI_UMUM, 4}}));
  ExpectTranscribedFrom("regions/banjar", "perwali-banjar-6-2023.txt",
                        {"asisten pemerintahan dan kesejahteraan rakyat mengoordinasikan pelaksanaan",
                         "asisten perekonomian dan pembangunan mengoordinasikan pelaksanaan",
                         "asisten administrasi umum mengoordinasikan pelaksanaan", "bab vi"},
                        {"BLUD Rumah Sakit Umum Daerah"});
}

TEST_F(SeedFidelity, InspektoratSitsUnderDifferentAsistenPerRegion) {
  auto snapshot = registry_->snapshot();
  EXPECT_EQ(snapshot->CoordinationOf("regions/soppeng/units/inspektorat", clock_.Now())->citation(),
            "Soppeng Pasal 24 ayat (2) huruf a");
  EXPECT_EQ(snapshot->CoordinationOf("regions/temanggung/units/inspektorat", clock_.Now())->asisten(),
            "regions/temanggung/units/asisten-administrasi-umum");
  EXPECT_EQ(snapshot->CoordinationOf("regions/banjar/units/inspektorat", clock_.Now())->asisten(),
            "regions/banjar/units/asisten-pemerintahan-kesra");
}

TEST_F(SeedFidelity, EveryRealKecamatanIsAUnit) {
  EXPECT_THAT(Kecamatan("regions/temanggung"),
              UnorderedElementsAreArray(std::vector<std::string>{
                  "Kecamatan Bansari", "Kecamatan Bejen", "Kecamatan Bulu", "Kecamatan Candiroto",
                  "Kecamatan Gemawang", "Kecamatan Jumo", "Kecamatan Kaloran",
                  "Kecamatan Kandangan", "Kecamatan Kedu", "Kecamatan Kledung",
                  "Kecamatan Kranggan", "Kecamatan Ngadirejo", "Kecamatan Parakan",
                  "Kecamatan Pringsurat", "Kecamatan Selopampang", "Kecamatan Tembarak",
                  "Kecamatan Temanggung", "Kecamatan Tlogomulyo", "Kecamatan Tretep",
                  "Kecamatan Wonoboyo"}));
  EXPECT_THAT(Kecamatan("regions/soppeng"),
              UnorderedElementsAreArray(std::vector<std::string>{
                  "Kecamatan Citta", "Kecamatan Donri-Donri", "Kecamatan Ganra",
                  "Kecamatan Lalabata", "Kecamatan Liliriaja", "Kecamatan Lilirilau",
                  "Kecamatan Marioriawa", "Kecamatan Marioriwawo"}));
  EXPECT_THAT(Kecamatan("regions/banjar"),
              UnorderedElementsAreArray(std::vector<std::string>{
                  "Kecamatan Banjar", "Kecamatan Langensari", "Kecamatan Pataruman",
                  "Kecamatan Purwaharja"}));
}

TEST_F(SeedFidelity, RegionsCarryTheirHeadTimeZoneAndRegulation) {
  auto snapshot = registry_->snapshot();
  const Region& banjar = **snapshot->GetRegion("regions/banjar");
  EXPECT_EQ(banjar.kind(), v1::KOTA);
  EXPECT_EQ(banjar.head_title(), "Wali Kota");
  EXPECT_EQ(banjar.time_zone(), "Asia/Jakarta");
  EXPECT_EQ((*snapshot->GetRegion("regions/soppeng"))->time_zone(), "Asia/Makassar");
  EXPECT_EQ((*snapshot->GetRegion("regions/temanggung"))->regulation(),
            "Peraturan Bupati Temanggung Nomor 76 Tahun 2021");
}

TEST_F(SeedFidelity, ReloadingChangesNothing) {
  const int64_t before = registry_->snapshot()->last_sequence();
  auto unit_count = [&] {
    size_t n = 0;
    for (const auto& [name, view] : registry_->snapshot()->regions()) n += view->units().size();
    return n;
  };
  const size_t units = unit_count();
  ASSERT_THAT(LoadSeedDirectory(*registry_, rakor::testing::SeedDir()), IsOk());
  Reopen();
  ASSERT_THAT(LoadSeedDirectory(*registry_, rakor::testing::SeedDir()), IsOk());
  EXPECT_EQ(registry_->snapshot()->last_sequence(), before);
  EXPECT_EQ(unit_count(), units);
}

class SeedLoader : public rakor::testing::RegistryTest {
 protected:
  std::string Write(const std::string& text) {
    const std::string path = rakor::testing::TempPath("bad.textproto");
    std::ofstream(path) << text;
    return path;
  }
};

TEST_F(SeedLoader, SyntaxErrorNamesFileLineAndReason) {
  const std::string path = Write("region {\n  name: \"regions/x\"\n  display_name: \"X\" 7\n}\n");
  EXPECT_THAT(LoadSeedFile(*registry_, path),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::AllOf(HasSubstr(path + ":3:"), HasSubstr("identifier"))));
}

TEST_F(SeedLoader, InvalidEntryNamesFileLineAndFieldAndLoadsNothing) {
  std::string text = ReadFile(rakor::testing::SeedDir() + "/banjar.textproto");
  text = absl::StrReplaceAll(text, {{"regions/banjar", "regions/banjar-baru"},
                                    {"\"Kota Banjar\"", "\"Kota Banjar Baru\""},
                                    {"Banjar Pasal", "Baru Pasal"}});
  // Break one unit's citation.
  const std::string good = "citations: \"Baru Pasal 23 ayat (2) huruf b angka 6\"";
  const size_t at = text.find(good);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, good.size(), "citations: \"Baru Pasal six\"");
  const std::string path = Write(text);
  const int64_t before = registry_->snapshot()->last_sequence();
  const int line = static_cast<int>(std::count(text.begin(), text.begin() + at, '\n')) + 1;
  absl::Status status = LoadSeedFile(*registry_, path);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               ::testing::AllOf(HasSubstr(path + ":"), HasSubstr("citations"),
                                                HasSubstr("Baru Pasal six"))));
  // The reported line is the unit's opening line, just above the bad citation.
  const std::string reported = std::string(status.message()).substr(path.size() + 1);
  const int reported_line = std::stoi(reported.substr(0, reported.find(':')));
  EXPECT_LE(reported_line, line);
  EXPECT_GE(reported_line, line - 10);
  EXPECT_EQ(registry_->snapshot()->last_sequence(), before);
  EXPECT_FALSE(registry_->snapshot()->regions().contains("regions/banjar-baru"));
}

TEST_F(SeedFidelity, EveryOfficialNameIsWrittenSoInItsRegulation) {
  const std::map<std::string, std::string> files = {
      {"regions/soppeng", "perbup-soppeng-23-2024.txt"},
      {"regions/temanggung", "perbup-temanggung-76-2021.txt"},
      {"regions/banjar", "perwali-banjar-6-2023.txt"}};
  int named = 0;
  for (const auto& [region, file] : files) {
    const std::string regulation =
        Normalize(ReadFile(rakor::testing::RegulationsDir() + "/" + file));
    ASSERT_FALSE(regulation.empty()) << file;
    for (const auto& [name, unit] : registry_->snapshot()->FindRegion(region)->units()) {
      if (unit->official_name().empty()) {
        // The regulations name no single kecamatan: "kecamatan" stands for all.
        EXPECT_EQ(unit->kind(), v1::KECAMATAN) << name << " has no official name";
        continue;
      }
      ++named;
      EXPECT_THAT(regulation, HasSubstr(Normalize(unit->official_name())))
          << name << ": \"" << unit->official_name() << "\" is not written in " << file;
    }
  }
  EXPECT_EQ(named, 108);  // 140 units less 32 kecamatan
}

TEST_F(SeedFidelity, AUnitIsFoundByTheNameItsRegulationGivesIt) {
  auto find = [&](const std::string& region, const std::string& name) {
    std::vector<std::string> found;
    for (const auto& [unit_name, unit] : registry_->snapshot()->FindRegion(region)->units()) {
      if (IsKnownAs(*unit, NormalizeUnitName(name))) found.push_back(unit_name);
    }
    return found;
  };
  EXPECT_THAT(find("regions/banjar", "BLUD RSUD"),
              ::testing::ElementsAre("regions/banjar/units/blud-rsud"));
  EXPECT_THAT(find("regions/temanggung", "sekretariat dewan perwakilan rakyat daerah"),
              ::testing::SizeIs(1));
  EXPECT_THAT(
      find("regions/temanggung",
           "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan "
           "Keluarga Berencana"),
      ::testing::SizeIs(1));
}

}  // namespace
}  // namespace rakor::registry
