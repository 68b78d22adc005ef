#include "tests/support/registry_fixture.h"

#include "services/registry/seed_loader.h"

namespace rakor::testing {

void RegistryTest::SetUp() {
  db_path_ = TempPath("registry.db");
  std::filesystem::remove(db_path_);
  Reopen();
  ASSERT_TRUE(registry::LoadSeedDirectory(*registry_, SeedDir()).ok());
}

void RegistryTest::TearDown() {
  registry_.reset();
  RemoveTempDir();
}

void RegistryTest::Reopen() {
  registry_.reset();
  auto opened = registry::Registry::Open(db_path_, &clock_, memory_changes_);
  ASSERT_TRUE(opened.ok()) << opened.status();
  registry_ = std::move(*opened);
}

}  // namespace rakor::testing
