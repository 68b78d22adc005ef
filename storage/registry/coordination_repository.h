// SQL for the coordinations table (span-of-control assignments).
#pragma once

#include <string>
#include <vector>

#include "storage/transaction.h"
#include "rakor/registry/v1/resources.pb.h"

namespace rakor::storage::registry {

using rakor::registry::v1::Coordination;

// Call inside Database::Write / Read.
class CoordinationRepository {
 public:
  static std::vector<Coordination> LoadAll(Transaction& txn);
  // Inserts the assignment, or moves the end of the stored one of the same name.
  static void Upsert(Transaction& txn, const std::string& region,
                     const Coordination& coordination);
};

}  // namespace rakor::storage::registry
