#include "storage/registry/region_repository.h"

#include "SQLiteCpp/Statement.h"
#include "storage/registry/columns.h"
#include "storage/registry/etag.h"

namespace rakor::storage::registry {
namespace {
constexpr char kColumns[] =
    "name, display_name, kind, head_title, province, time_zone, regulation, "
    "regulation_effective_time, cross_asisten_lead, cross_asisten_lead_citation, revision, "
    "create_time, update_time, reporting_rules";

void BindAll(SQLite::Statement& stmt, const Region& r) {
  stmt.bind(1, r.name());
  stmt.bind(2, r.display_name());
  stmt.bind(3, static_cast<int>(r.kind()));
  stmt.bind(4, r.head_title());
  stmt.bind(5, r.province());
  stmt.bind(6, r.time_zone());
  stmt.bind(7, r.regulation());
  stmt.bind(8, TimestampMicros(r.regulation_effective_time()));
  stmt.bind(9, static_cast<int>(r.cross_asisten_lead()));
  stmt.bind(10, r.cross_asisten_lead_citation());
  stmt.bind(11, RevisionFromEtag(r.etag()));
  stmt.bind(12, TimestampMicros(r.create_time()));
  stmt.bind(13, TimestampMicros(r.update_time()));
  const std::string rules = r.reporting_rules().SerializeAsString();
  stmt.bind(14, rules.data(), static_cast<int>(rules.size()));
}
}  // namespace

std::vector<Region> RegionRepository::LoadAll(SQLite::Database& db) {
  SQLite::Statement stmt(db, std::string("SELECT ") + kColumns + " FROM regions ORDER BY name");
  std::vector<Region> regions;
  while (stmt.executeStep()) {
    Region& r = regions.emplace_back();
    r.set_name(stmt.getColumn(0).getString());
    r.set_display_name(stmt.getColumn(1).getString());
    r.set_kind(static_cast<rakor::registry::v1::RegionKind>(stmt.getColumn(2).getInt()));
    r.set_head_title(stmt.getColumn(3).getString());
    r.set_province(stmt.getColumn(4).getString());
    r.set_time_zone(stmt.getColumn(5).getString());
    r.set_regulation(stmt.getColumn(6).getString());
    *r.mutable_regulation_effective_time() = TimestampFromMicros(stmt.getColumn(7).getInt64());
    r.set_cross_asisten_lead(
        static_cast<rakor::registry::v1::CrossAsistenLead>(stmt.getColumn(8).getInt()));
    r.set_cross_asisten_lead_citation(stmt.getColumn(9).getString());
    r.set_etag(EtagForRevision(stmt.getColumn(10).getInt64()));
    *r.mutable_create_time() = TimestampFromMicros(stmt.getColumn(11).getInt64());
    *r.mutable_update_time() = TimestampFromMicros(stmt.getColumn(12).getInt64());
    const SQLite::Column rules = stmt.getColumn(13);
    r.mutable_reporting_rules()->ParseFromArray(rules.getBlob(), rules.getBytes());
  }
  return regions;
}

void RegionRepository::Upsert(SQLite::Database& db, const Region& region) {
  SQLite::Statement stmt(db, std::string("INSERT INTO regions (") + kColumns +
                                 ") VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14) "
                                 "ON CONFLICT(name) DO UPDATE SET display_name=?2, kind=?3, "
                                 "head_title=?4, province=?5, time_zone=?6, regulation=?7, "
                                 "regulation_effective_time=?8, cross_asisten_lead=?9, "
                                 "cross_asisten_lead_citation=?10, revision=?11, "
                                 "create_time=?12, update_time=?13, reporting_rules=?14");
  BindAll(stmt, region);
  stmt.exec();
}

}  // namespace rakor::storage::registry
