// Fuzzes the import of an invitee's iCalendar REPLY (clients/invitations): any
// bytes are either a reply to a rakor event or INVALID_ARGUMENT, never a crash or a
// sanitizer report.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include "clients/invitations/invitation.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto reply =
      rakor::invitations::ParseReply(std::string(reinterpret_cast<const char*>(data), size));
  if (!reply.ok() && reply.status().code() != absl::StatusCode::kInvalidArgument) {
    std::cerr << "ParseReply -> " << reply.status() << "\n";
    std::abort();
  }
  return 0;
}
