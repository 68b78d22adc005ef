// The audit chain and routes, as plain functions.
#include "services/reporting/audit.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/reporting/route.h"

namespace rakor::reporting {
namespace {

using ::testing::HasSubstr;

std::vector<v1::AuditEntry> Chain(int n) {
  std::vector<v1::AuditEntry> entries;
  std::string previous;
  for (int i = 1; i <= n; ++i) {
    v1::AuditEntry e;
    e.set_sequence(i);
    e.set_document(i % 2 ? "regions/soppeng/documents/a" : "regions/soppeng/documents/b");
    e.set_actor("regions/soppeng/units/asisten-pemerintahan-kesra#asisten");
    e.set_action("PARAF");
    e.set_previous_hash(previous);
    e.set_hash(AuditHash(e));
    previous = e.hash();
    entries.push_back(e);
  }
  return entries;
}

std::map<std::string, std::string> Heads(const std::vector<v1::AuditEntry>& entries) {
  std::map<std::string, std::string> heads;
  for (const auto& e : entries) heads[e.document()] = e.hash();
  return heads;
}

TEST(AuditChain, AnUntouchedChainIsIntact) {
  const auto entries = Chain(5);
  const ChainCheck check = VerifyChain(entries, Heads(entries));
  EXPECT_TRUE(check.intact);
  EXPECT_EQ(check.entries, 5);
}

TEST(AuditChain, AnEditedEntryIsFound) {
  auto entries = Chain(5);
  const auto heads = Heads(entries);
  entries[2].set_comment("ditambahkan kemudian");
  const ChainCheck check = VerifyChain(entries, heads);
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_bad_sequence, 3);
}

TEST(AuditChain, ARemovedEntryIsFoundInTheMiddleOrAtTheEnd) {
  auto entries = Chain(5);
  const auto heads = Heads(entries);
  auto middle = entries;
  middle.erase(middle.begin() + 1);
  EXPECT_EQ(VerifyChain(middle, heads).first_bad_sequence, 2);
  auto tail = entries;
  tail.pop_back();
  const ChainCheck check = VerifyChain(tail, heads);
  EXPECT_FALSE(check.intact);
  EXPECT_THAT(check.problem, HasSubstr("regions/soppeng/documents/a"));
}

TEST(AuditChain, MovingTextBetweenFieldsChangesTheHash) {
  v1::AuditEntry a, b;
  a.set_actor("ab");
  a.set_action("c");
  b.set_actor("a");
  b.set_action("bc");
  EXPECT_NE(AuditHash(a), AuditHash(b));
}

const std::vector<ChainStep> kChain = {
    {"regions/soppeng/units/dinas-kesehatan", "ORIGIN", "Soppeng Pasal 20 ayat (3)"},
    {"regions/soppeng/units/asisten-pemerintahan-kesra", "ASISTEN", "Soppeng Pasal 22 ayat (3)"},
    {"regions/soppeng/units/sekretariat-daerah", "SEKRETARIS_DAERAH", "Soppeng Pasal 16"},
    {"regions/soppeng/units/bupati", "HEAD_OF_REGION", "Soppeng Pasal 16"},
};

TEST(Route, TheAsistenInitialsWhereTheRegionRequiresItAndForwardsElsewhere) {
  const auto paraf = BuildRoute(kChain, "Soppeng Pasal 26 ayat (2)", std::nullopt);
  ASSERT_EQ(paraf.size(), 3u);
  EXPECT_EQ(paraf[0].action(), v1::PARAF);
  EXPECT_EQ(paraf[0].role(), "asisten");
  EXPECT_EQ(paraf[1].action(), v1::ACCEPT);
  EXPECT_EQ(paraf[2].action(), v1::ACKNOWLEDGE);
  EXPECT_EQ(BuildRoute(kChain, "", std::nullopt)[0].action(), v1::FORWARD);
}

TEST(Route, MinutesGoThroughTheLeadCoordinatorInsteadOfTheSubmittersAsisten) {
  const auto lead = BuildRoute(
      kChain, "",
      LeadOf{"regions/soppeng/units/asisten-administrasi-umum", "Soppeng Pasal 22 ayat (4)"});
  ASSERT_EQ(lead.size(), 3u);
  EXPECT_EQ(lead[0].unit(), "regions/soppeng/units/asisten-administrasi-umum");
  EXPECT_EQ(lead[0].citation(), "Soppeng Pasal 22 ayat (4)");
  // A Setda lead is the Sekda's own step.
  const auto setda =
      BuildRoute(kChain, "", LeadOf{"regions/soppeng/units/sekretariat-daerah", "Temanggung"});
  ASSERT_EQ(setda.size(), 2u);
  EXPECT_EQ(setda[0].action(), v1::ACCEPT);
}

TEST(Route, MinutesTheSetdaSendsUpCarryTheLeadAsistensParafWhereTheRegionRequiresIt) {
  // The Setda reports to the Bupati without a Sekda step of its own; in Soppeng every
  // document for the Bupati carries an Asisten's paraf (Pasal 26 ayat (1)-(2)).
  const std::vector<ChainStep> setda = {
      {"regions/soppeng/units/sekretariat-daerah", "ORIGIN", "Soppeng Pasal 16"},
      {"regions/soppeng/units/bupati", "HEAD_OF_REGION", "Soppeng Pasal 16 ayat (3)"},
  };
  const LeadOf pemkesra{"regions/soppeng/units/asisten-pemerintahan-kesra",
                        "Soppeng Pasal 22 ayat (4)", true};
  const auto soppeng = BuildRoute(setda, "Soppeng Pasal 26 ayat (2)", pemkesra);
  ASSERT_EQ(soppeng.size(), 2u);
  EXPECT_EQ(soppeng[0].unit(), pemkesra.lead);
  EXPECT_EQ(soppeng[0].action(), v1::PARAF);
  EXPECT_EQ(soppeng[0].citation(), "Soppeng Pasal 22 ayat (4); Soppeng Pasal 26 ayat (2)");
  EXPECT_EQ(soppeng[1].action(), v1::ACKNOWLEDGE);
  // Where no paraf is required (Temanggung), or the lead is the Setda itself, the
  // head acknowledges them directly.
  EXPECT_EQ(BuildRoute(setda, "", pemkesra).size(), 1u);
  EXPECT_EQ(BuildRoute(setda, "Soppeng Pasal 26 ayat (2)",
                       LeadOf{"regions/soppeng/units/sekretariat-daerah", "", false})
                .size(),
            1u);
}

}  // namespace
}  // namespace rakor::reporting
