// Without libFuzzer: a deterministic run of the identity fuzz target on mutations
// of real callers, SPIFFE IDs and resource names, so that every build exercises it.
#include <cstdint>
#include <random>
#include <string>

#include "gtest/gtest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

TEST(IdentityFuzz, SurvivesMutationsOfCallersAndNames) {
  const std::string seeds[] = {
      "regions/soppeng/units/asisten-pemerintahan-kesra#asisten",
      "national",
      "spiffe://rakor/regions/soppeng/units/dinas-kesehatan/role/staff",
      "spiffe://rakor/role/service",
      "regions/temanggung/units/dinas-kesehatan/documents/x",
      "regions/banjar/series/rapat-dbd/occurrences/20261110T090000",
  };
  std::mt19937 random(20261201);  // fixed: the same inputs on every run
  for (const std::string& seed : seeds) {
    for (int round = 0; round < 2000; ++round) {
      std::string input = seed;
      const int mutations = round == 0 ? 0 : 1 + static_cast<int>(random() % 4);
      for (int m = 0; m < mutations && !input.empty(); ++m) {
        const size_t at = random() % input.size();
        switch (random() % 4) {
          case 0:
            input[at] = "/#-az09:."[random() % 9];
            break;
          case 1:
            input.insert(at, 1, static_cast<char>(random()));
            break;
          case 2:
            input.erase(at, 1);
            break;
          default:
            input.insert(at, input.substr(random() % input.size(), 12));
            break;
        }
      }
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
    }
  }
}

}  // namespace
