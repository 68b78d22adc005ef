#include "storage/registry/coordination_repository.h"

#include "storage/registry/columns.h"

namespace rakor::storage::registry {

std::vector<Coordination> CoordinationRepository::LoadAll(Transaction& txn) {
  std::vector<Coordination> coordinations;
  for (const SqlRow& row :
       txn.Query("SELECT name, asisten, unit, citation, valid_from, valid_until, "
                 "create_time, unit_kind FROM coordinations ORDER BY name")) {
    Coordination& c = coordinations.emplace_back();
    c.set_name(row.Text(0));
    c.set_asisten(row.Text(1));
    c.set_unit(row.Text(2));  // NULL (a kind's assignment) reads as ""
    c.set_citation(row.Text(3));
    *c.mutable_valid_from() = TimestampFromMicros(row.Int(4));
    if (!row.IsNull(5)) *c.mutable_valid_until() = TimestampFromMicros(row.Int(5));
    *c.mutable_create_time() = TimestampFromMicros(row.Int(6));
    c.set_unit_kind(static_cast<rakor::registry::v1::UnitKind>(row.Int(7)));
  }
  return coordinations;
}

void CoordinationRepository::Upsert(Transaction& txn, const std::string& region,
                                    const Coordination& c) {
  // Only an assignment's end ever moves (a reorganisation closes it).
  txn.Exec(
      "INSERT INTO coordinations (name, region, asisten, unit, citation, valid_from, "
      "valid_until, create_time, unit_kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
      "ON CONFLICT (name) DO UPDATE SET valid_until = excluded.valid_until",
      {SqlValue::Text(c.name()), SqlValue::Text(region), SqlValue::Text(c.asisten()),
       SqlValue::OptionalText(c.unit()), SqlValue::Text(c.citation()), Micros(c.valid_from()),
       ValidUntil(c), Micros(c.create_time()), SqlValue::Int(c.unit_kind())});
}

}  // namespace rakor::storage::registry
