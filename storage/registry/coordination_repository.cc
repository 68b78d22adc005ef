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
                         "create_time FROM coordinations ORDER BY name");
  std::vector<Coordination> coordinations;
  while (stmt.executeStep()) {
    Coordination& c = coordinations.emplace_back();
    c.set_name(stmt.getColumn(0).getString());
    c.set_asisten(stmt.getColumn(1).getString());
    c.set_unit(stmt.getColumn(2).getString());
    c.set_citation(stmt.getColumn(3).getString());
    *c.mutable_valid_from() = TimestampFromMicros(stmt.getColumn(4).getInt64());
    if (!stmt.getColumn(5).isNull()) {
      *c.mutable_valid_until() = TimestampFromMicros(stmt.getColumn(5).getInt64());
    }
    *c.mutable_create_time() = TimestampFromMicros(stmt.getColumn(6).getInt64());
  }
  return coordinations;
}

void CoordinationRepository::Insert(SQLite::Database& db, const std::string& region,
                                    const Coordination& c) {
  SQLite::Statement stmt(db,
                         "INSERT INTO coordinations (name, region, asisten, unit, citation, "
                         "valid_from, valid_until, create_time) VALUES (?,?,?,?,?,?,?,?)");
  stmt.bind(1, c.name());
  stmt.bind(2, region);
  stmt.bind(3, c.asisten());
  stmt.bind(4, c.unit());
  stmt.bind(5, c.citation());
  stmt.bind(6, TimestampMicros(c.valid_from()));
  BindValidUntil(stmt, 7, c);
  stmt.bind(8, TimestampMicros(c.create_time()));
  stmt.exec();
}

void CoordinationRepository::SetValidUntil(SQLite::Database& db, const Coordination& c) {
  SQLite::Statement stmt(db, "UPDATE coordinations SET valid_until=?2 WHERE name=?1");
  stmt.bind(1, c.name());
  BindValidUntil(stmt, 2, c);
  stmt.exec();
}

}  // namespace rakor::storage::registry
