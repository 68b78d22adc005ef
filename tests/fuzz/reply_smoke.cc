// Without libFuzzer: a deterministic run of the REPLY fuzz target on mutations of
// a real reply (a head sending a deputy), so that every build exercises it.
#include <cstdint>
#include <random>
#include <string>

#include "clients/invitations/invitation.h"
#include "gtest/gtest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace rakor::invitations {
namespace {

constexpr char kReply[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mail//EN\r\nMETHOD:REPLY\r\n"
    "BEGIN:VEVENT\r\nUID:regions/temanggung/series/rakor-kabupaten-bulanan/occurrences/"
    "20261207T090000@rakor\r\nDTSTAMP:20261201T010000Z\r\nSEQUENCE:0\r\n"
    "ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:sekdin@temanggungkab.go.id\":"
    "mailto:dinas-kesehatan@temanggungkab.go.id\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

TEST(ReplyFuzz, SurvivesMutationsOfARealReply) {
  // The unmutated seed is a reply, so that the mutations start from the deep path.
  const auto seed = ParseReply(kReply);
  ASSERT_TRUE(seed.ok()) << seed.status();
  EXPECT_EQ(seed->delegate_email, "sekdin@temanggungkab.go.id");
  std::mt19937 random(20261201);  // fixed: the same inputs on every run
  int still_replies = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string input = kReply;
    const int mutations = 1 + static_cast<int>(random() % 6);
    for (int m = 0; m < mutations && !input.empty(); ++m) {
      const size_t at = random() % input.size();
      switch (random() % 4) {
        case 0:
          input[at] = static_cast<char>(random());
          break;
        case 1:
          input.insert(at, 1, static_cast<char>(random()));
          break;
        case 2:
          input.erase(at, 1 + random() % 8);
          break;
        default:
          input.insert(at, input.substr(random() % input.size(), 16));
          break;
      }
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
    still_replies += ParseReply(input).ok();
  }
  // Most single-byte damage lands in text a reply does not need.
  EXPECT_GT(still_replies, 0);
}

}  // namespace
}  // namespace rakor::invitations
