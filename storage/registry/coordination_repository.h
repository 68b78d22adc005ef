// SQL for the coordinations table (span-of-control assignments).
#pragma once

#include <string>
#include <vector>

#include "SQLiteCpp/Database.h"
#include "rakor/registry/v1/resources.pb.h"

namespace rakor::storage::registry {

using rakor::registry::v1::Coordination;

// Call inside Database::Run / InTransaction.
class CoordinationRepository {
 public:
  static std::vector<Coordination> LoadAll(SQLite::Database& db);
  // Inserts the assignment, or moves the end of the stored one of the same name.
  static void Upsert(SQLite::Database& db, const std::string& region,
                     const Coordination& coordination);
};

}  // namespace rakor::storage::registry
