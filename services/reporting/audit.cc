#include "services/reporting/audit.h"

#include "absl/strings/str_cat.h"
#include "common/time.h"
#include "services/reporting/digest.h"

namespace rakor::reporting {

std::string AuditHash(const v1::AuditEntry& e) {
  Sha256 hash;
  for (const std::string& field :
       {absl::StrCat(e.sequence()), e.document(), e.actor(), e.action(), e.revision_sha256(),
        e.citation(), absl::StrCat(TimestampMicros(e.time())), e.comment(), e.previous_hash()}) {
    hash.Update(absl::StrCat(field.size(), ":"));
    hash.Update(field);
  }
  return hash.HexDigest();
}

ChainCheck VerifyChain(const std::vector<v1::AuditEntry>& entries,
                       const std::map<std::string, std::string>& heads) {
  ChainCheck check;
  check.entries = static_cast<int64_t>(entries.size());
  auto bad = [&](int64_t sequence, std::string problem) {
    check.intact = false;
    check.first_bad_sequence = sequence;
    check.problem = std::move(problem);
    return check;
  };
  std::string previous;
  std::map<std::string, std::string> last_of;  // document -> hash of its last entry
  for (size_t i = 0; i < entries.size(); ++i) {
    const v1::AuditEntry& e = entries[i];
    const int64_t expected = static_cast<int64_t>(i) + 1;
    if (e.sequence() != expected) {
      return bad(expected, absl::StrCat("entry ", expected, " is missing"));
    }
    if (e.previous_hash() != previous) {
      return bad(e.sequence(), "does not follow the entry before it (an entry was removed)");
    }
    if (AuditHash(e) != e.hash()) {
      return bad(e.sequence(), "its content does not match its hash (the entry was edited)");
    }
    previous = e.hash();
    last_of[e.document()] = e.hash();
  }
  for (const auto& [document, head] : heads) {
    auto last = last_of.find(document);
    if (last == last_of.end() || last->second != head) {
      return bad(check.entries + 1,
                 absl::StrCat("the last entry of ", document, " is missing from the trail"));
    }
  }
  return check;
}

}  // namespace rakor::reporting
