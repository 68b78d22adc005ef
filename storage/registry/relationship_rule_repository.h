// SQL for the relationship_rules table (the working-relationship matrix).
#pragma once

#include <string>
#include <vector>

#include "storage/transaction.h"
#include "rakor/registry/v1/resources.pb.h"

namespace rakor::storage::registry {

using rakor::registry::v1::RelationshipRule;

// Call inside Database::Write / Read.
class RelationshipRuleRepository {
 public:
  static std::vector<RelationshipRule> LoadAll(Transaction& txn);
  static void Upsert(Transaction& txn, const std::string& region,
                     const RelationshipRule& rule);
};

}  // namespace rakor::storage::registry
