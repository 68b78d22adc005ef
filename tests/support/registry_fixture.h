// A registry on a fresh temporary SQLite file, seeded from data/, with a fake
// clock; optionally served over loopback by the real gRPC service.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "absl/time/civil_time.h"
#include "common/clock.h"
#include "gtest/gtest.h"
#include "services/registry/registry.h"

namespace rakor::testing {

// A path under the test's own temporary directory, removed at exit.
inline std::string TempPath(const std::string& name) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("rakor-" + std::string(info->test_suite_name()) + "-" +
                               info->name() + "-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

// Removes this test's temporary directory (see TempPath).
inline void RemoveTempDir() {
  std::filesystem::remove_all(std::filesystem::path(TempPath("x")).parent_path());
}

inline absl::Time Jakarta(int y, int m, int d) {
  absl::TimeZone tz;
  absl::LoadTimeZone("Asia/Jakarta", &tz);
  return absl::FromCivil(absl::CivilDay(y, m, d), tz);
}

// A new Dinas of Temanggung named `name`, as a CreateUnit request carries it.
inline registry::Unit NewDinas(const std::string& name) {
  registry::Unit unit;
  unit.set_display_name(name);
  unit.set_kind(registry::v1::DINAS);
  unit.set_head_title("Kepala Dinas");
  unit.add_citations("Temanggung Pasal 16 ayat (3) huruf d");
  return unit;
}

// The seed directory of the source tree.
inline std::string SeedDir() { return std::string(RAKOR_SOURCE_DIR) + "/data"; }
// The regulations the seed transcribes: $RAKOR_REGULATIONS_DIR, or shared/regulations
// beside the checkout (where CI and developers have it).
inline std::string RegulationsDir() {
  if (const char* dir = std::getenv("RAKOR_REGULATIONS_DIR")) return dir;
  return std::string(RAKOR_SOURCE_DIR) + "/../shared/regulations";
}

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  // Reopens the database file, as after a restart.
  void Reopen();

  FakeClock clock_{Jakarta(2026, 11, 23)};
  size_t memory_changes_ = 4096;  // the change feed's capacity, at the next Reopen
  std::string db_path_;
  std::unique_ptr<registry::Registry> registry_;
};

}  // namespace rakor::testing
