#include "absl/strings/string_view.h"
#include "storage/registry/unit_repository.h"

#include "SQLiteCpp/Statement.h"
#include "storage/registry/columns.h"
#include "storage/registry/etag.h"

namespace rakor::storage::registry {
namespace {
constexpr char kColumns[] =
    "name, display_name, kind, asisten_field, head_title, parent, contact_email, citations, "
    "valid_from, valid_until, revision, create_time, update_time, official_name, aliases, "
    "region";

// Binds parameters 1..15 (all but region).
void BindAll(SQLite::Statement& stmt, const Unit& u) {
  stmt.bind(1, u.name());
  stmt.bind(2, u.display_name());
  stmt.bind(3, static_cast<int>(u.kind()));
  stmt.bind(4, static_cast<int>(u.asisten_field()));
  stmt.bind(5, u.head_title());
  BindOptionalText(stmt, 6, u.parent());
  stmt.bind(7, u.contact_email());
  stmt.bind(8, absl::StrJoin(u.citations(), "\n"));
  stmt.bind(9, TimestampMicros(u.valid_from()));
  if (u.has_valid_until()) {
    stmt.bind(10, TimestampMicros(u.valid_until()));
  } else {
    stmt.bind(10);
  }
  stmt.bind(11, RevisionFromEtag(u.etag()));
  stmt.bind(12, TimestampMicros(u.create_time()));
  stmt.bind(13, TimestampMicros(u.update_time()));
  stmt.bind(14, u.official_name());
  stmt.bind(15, absl::StrJoin(u.aliases(), "\n"));
}
}  // namespace

std::vector<Unit> UnitRepository::LoadAll(SQLite::Database& db) {
  SQLite::Statement stmt(db, std::string("SELECT ") + kColumns + " FROM units ORDER BY name");
  std::vector<Unit> units;
  while (stmt.executeStep()) {
    Unit& u = units.emplace_back();
    u.set_name(stmt.getColumn(0).getString());
    u.set_display_name(stmt.getColumn(1).getString());
    u.set_kind(static_cast<rakor::registry::v1::UnitKind>(stmt.getColumn(2).getInt()));
    u.set_asisten_field(
        static_cast<rakor::registry::v1::AsistenField>(stmt.getColumn(3).getInt()));
    u.set_head_title(stmt.getColumn(4).getString());
    u.set_parent(stmt.getColumn(5).getString());  // NULL reads as ""
    u.set_contact_email(stmt.getColumn(6).getString());
    for (absl::string_view c : absl::StrSplit(stmt.getColumn(7).getString(), '\n',
                                             absl::SkipEmpty())) {
      u.add_citations(std::string(c));
    }
    *u.mutable_valid_from() = TimestampFromMicros(stmt.getColumn(8).getInt64());
    if (!stmt.getColumn(9).isNull()) {
      *u.mutable_valid_until() = TimestampFromMicros(stmt.getColumn(9).getInt64());
    }
    u.set_etag(EtagForRevision(stmt.getColumn(10).getInt64()));
    *u.mutable_create_time() = TimestampFromMicros(stmt.getColumn(11).getInt64());
    *u.mutable_update_time() = TimestampFromMicros(stmt.getColumn(12).getInt64());
    u.set_official_name(stmt.getColumn(13).getString());
    for (absl::string_view a : absl::StrSplit(stmt.getColumn(14).getString(), '\n',
                                             absl::SkipEmpty())) {
      u.add_aliases(std::string(a));
    }
  }
  return units;
}

void UnitRepository::Upsert(SQLite::Database& db, const std::string& region, const Unit& unit) {
  // A unit never moves between regions: the conflict update leaves `region` alone.
  SQLite::Statement stmt(db, std::string("INSERT INTO units (") + kColumns +
                                 ") VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16) "
                                 "ON CONFLICT(name) DO UPDATE SET display_name=?2, kind=?3, "
                                 "asisten_field=?4, head_title=?5, parent=?6, contact_email=?7, "
                                 "citations=?8, valid_from=?9, valid_until=?10, revision=?11, "
                                 "create_time=?12, update_time=?13, official_name=?14, "
                                 "aliases=?15");
  BindAll(stmt, unit);
  stmt.bind(16, region);
  stmt.exec();
}

}  // namespace rakor::storage::registry
