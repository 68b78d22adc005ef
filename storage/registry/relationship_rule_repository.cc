#include "storage/registry/relationship_rule_repository.h"

#include "storage/registry/columns.h"

namespace rakor::storage::registry {

std::vector<RelationshipRule> RelationshipRuleRepository::LoadAll(Transaction& txn) {
  std::vector<RelationshipRule> rules;
  for (const SqlRow& row : txn.Query(
           "SELECT name, side_a, side_b, kinds, citation FROM relationship_rules ORDER BY name")) {
    RelationshipRule& r = rules.emplace_back();
    r.set_name(row.Text(0));
    SplitEnums(row.Text(1), r.mutable_side_a());
    SplitEnums(row.Text(2), r.mutable_side_b());
    SplitEnums(row.Text(3), r.mutable_kinds());
    r.set_citation(row.Text(4));
  }
  return rules;
}

void RelationshipRuleRepository::Upsert(Transaction& txn, const std::string& region,
                                        const RelationshipRule& r) {
  txn.Exec(
      "INSERT INTO relationship_rules (name, region, side_a, side_b, kinds, citation) "
      "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name) DO UPDATE SET "
      "side_a = excluded.side_a, side_b = excluded.side_b, kinds = excluded.kinds, "
      "citation = excluded.citation",
      {SqlValue::Text(r.name()), SqlValue::Text(region), SqlValue::Text(JoinEnums(r.side_a())),
       SqlValue::Text(JoinEnums(r.side_b())), SqlValue::Text(JoinEnums(r.kinds())),
       SqlValue::Text(r.citation())});
}

}  // namespace rakor::storage::registry
