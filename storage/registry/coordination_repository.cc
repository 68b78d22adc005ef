#include "storage/registry/coordination_repository.h"

#include "SQLiteCpp/Statement.h"
#include "storage/registry/columns.h"

namespace rakor::storage::registry {
namespace {
void BindValidUntil(SQLite::Statement& stmt, int index, const Coordination& c) {
  if (c.has_valid_until()) {
    stmt.bind(index, TimestampMicros(c.valid_until()));
  } else {
    stmt.bind(index);
  }
}
}  // namespace

std::vector<Coordination> CoordinationRepository::LoadAll(SQLite::Database& db) {
  SQLite::Statement stmt(db,
                         "SELECT name, asisten, unit, citation, valid_from, valid_until, "
                         "create_time, unit_kind FROM coordinations ORDER BY name");
  std::vector<Coordination> coordinations;
  while (stmt.executeStep()) {
    Coordination& c = coordinations.emplace_back();
    c.set_name(stmt.getColumn(0).getString());
    c.set_asisten(stmt.getColumn(1).getString());
    c.set_unit(stmt.getColumn(2).getString());  // NULL (a kind's assignment) reads as ""
    c.set_citation(stmt.getColumn(3).getString());
    *c.mutable_valid_from() = TimestampFromMicros(stmt.getColumn(4).getInt64());
    if (!stmt.getColumn(5).isNull()) {
      *c.mutable_valid_until() = TimestampFromMicros(stmt.getColumn(5).getInt64());
    }
    *c.mutable_create_time() = TimestampFromMicros(stmt.getColumn(6).getInt64());
    c.set_unit_kind(static_cast<rakor::registry::v1::UnitKind>(stmt.getColumn(7).getInt()));
  }
  return coordinations;
}

void CoordinationRepository::Upsert(SQLite::Database& db, const std::string& region,
                                    const Coordination& c) {
  // Only an assignment's end ever moves (a reorganisation closes it).
  SQLite::Statement stmt(db,
                         "INSERT INTO coordinations (name, region, asisten, unit, citation, "
                         "valid_from, valid_until, create_time, unit_kind) "
                         "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9) "
                         "ON CONFLICT(name) DO UPDATE SET valid_until=?7");
  stmt.bind(1, c.name());
  stmt.bind(2, region);
  stmt.bind(3, c.asisten());
  BindOptionalText(stmt, 4, c.unit());
  stmt.bind(5, c.citation());
  stmt.bind(6, TimestampMicros(c.valid_from()));
  BindValidUntil(stmt, 7, c);
  stmt.bind(8, TimestampMicros(c.create_time()));
  stmt.bind(9, static_cast<int>(c.unit_kind()));
  stmt.exec();
}

}  // namespace rakor::storage::registry
