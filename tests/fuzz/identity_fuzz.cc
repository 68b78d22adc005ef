// Fuzzes what the edge reads from a caller before any handler runs: the stated
// caller (`rakor-actor`), a certificate's SPIFFE ID, and the region and unit a
// resource name is about. Any bytes either parse or are refused; what parses must
// print back as itself, so that no two texts name the same caller or one text two.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include "common/access_policy.h"
#include "common/caller.h"

namespace {

[[noreturn]] void Fail(const std::string& what, const std::string& input) {
  std::cerr << what << ": " << input << "\n";
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (const auto caller = rakor::ParseCaller("actor", text); caller.ok()) {
    const auto again = rakor::ParseCaller("actor", caller->ToString());
    if (!again.ok() || !(*again == *caller)) Fail("caller text does not round-trip", text);
  }
  if (const auto caller = rakor::CallerFromSpiffeId(text); caller.ok()) {
    if (rakor::SpiffeIdOf(*caller) != text) Fail("a SPIFFE ID that is not canonical", text);
  }
  const rakor::Target target = rakor::TargetOf(text);
  if (!target.unit.empty() && target.region.empty()) {
    Fail("a unit without its region", text);
  }
  if (!target.unit.empty() && rakor::TargetOf(target.unit).unit != target.unit) {
    Fail("a unit that is not its own target", text);
  }
  return 0;
}
