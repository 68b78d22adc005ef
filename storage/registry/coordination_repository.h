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
  static void Insert(SQLite::Database& db, const std::string& region,
                     const Coordination& coordination);
  // Only an assignment's end moves: a reorganisation closes it.
  static void SetValidUntil(SQLite::Database& db, const Coordination& coordination);
};

}  // namespace rakor::storage::registry
