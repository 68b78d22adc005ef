// SQL for the relationship_rules table (the working-relationship matrix).
#pragma once

#include <string>
#include <vector>

#include "SQLiteCpp/Database.h"
#include "rakor/registry/v1/resources.pb.h"

namespace rakor::storage::registry {

using rakor::registry::v1::RelationshipRule;

// Call inside Database::Run / InTransaction.
class RelationshipRuleRepository {
 public:
  static std::vector<RelationshipRule> LoadAll(SQLite::Database& db);
  static void Upsert(SQLite::Database& db, const std::string& region,
                     const RelationshipRule& rule);
};

}  // namespace rakor::storage::registry
