#include "storage/registry/relationship_rule_repository.h"

#include "SQLiteCpp/Statement.h"
#include "storage/registry/columns.h"

namespace rakor::storage::registry {

std::vector<RelationshipRule> RelationshipRuleRepository::LoadAll(SQLite::Database& db) {
  SQLite::Statement stmt(
      db, "SELECT name, side_a, side_b, kinds, citation FROM relationship_rules ORDER BY name");
  std::vector<RelationshipRule> rules;
  while (stmt.executeStep()) {
    RelationshipRule& r = rules.emplace_back();
    r.set_name(stmt.getColumn(0).getString());
    SplitEnums(stmt.getColumn(1).getString(), r.mutable_side_a());
    SplitEnums(stmt.getColumn(2).getString(), r.mutable_side_b());
    SplitEnums(stmt.getColumn(3).getString(), r.mutable_kinds());
    r.set_citation(stmt.getColumn(4).getString());
  }
  return rules;
}

void RelationshipRuleRepository::Upsert(SQLite::Database& db, const std::string& region,
                                        const RelationshipRule& r) {
  SQLite::Statement stmt(db,
                         "INSERT INTO relationship_rules (name, region, side_a, side_b, kinds, "
                         "citation) VALUES (?1,?2,?3,?4,?5,?6) ON CONFLICT(name) DO UPDATE "
                         "SET side_a=?3, side_b=?4, kinds=?5, citation=?6");
  stmt.bind(1, r.name());
  stmt.bind(2, region);
  stmt.bind(3, JoinEnums(r.side_a()));
  stmt.bind(4, JoinEnums(r.side_b()));
  stmt.bind(5, JoinEnums(r.kinds()));
  stmt.bind(6, r.citation());
  stmt.exec();
}

}  // namespace rakor::storage::registry
