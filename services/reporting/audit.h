// The audit trail's hash chain: each entry carries the SHA-256 of its own fields
// and of the entry before it, and each document keeps the hash of its last entry,
// so that a row edited, deleted or inserted behind the service's back shows.
// (An editor who recomputes every later hash and the documents' heads is not
// caught: that needs a key outside the database, which the security work brings.)
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "rakor/reporting/v1/resources.pb.h"

namespace rakor::reporting {

// The hash `entry` should carry: of its fields (not `hash`) and `previous_hash`,
// each length-prefixed, so that no two different entries hash alike.
std::string AuditHash(const rakor::reporting::v1::AuditEntry& entry);

struct ChainCheck {
  bool intact = true;
  int64_t entries = 0;
  int64_t first_bad_sequence = 0;
  std::string problem;
};

// Checks `entries` (every entry, in sequence order, numbered from 1) against
// themselves and `heads` (each document's recorded last hash).
ChainCheck VerifyChain(const std::vector<rakor::reporting::v1::AuditEntry>& entries,
                       const std::map<std::string, std::string>& heads);

}  // namespace rakor::reporting
