#include "storage/registry/region_repository.h"

#include "storage/registry/columns.h"
#include "storage/etag.h"

namespace rakor::storage::registry {

std::vector<Region> RegionRepository::LoadAll(Transaction& txn) {
  std::vector<Region> regions;
  for (const SqlRow& row : txn.Query(
           "SELECT name, display_name, kind, head_title, province, time_zone, regulation, "
           "regulation_effective_time, cross_asisten_lead, cross_asisten_lead_citation, "
           "revision, create_time, update_time, reporting_rules FROM regions ORDER BY name")) {
    Region& r = regions.emplace_back();
    r.set_name(row.Text(0));
    r.set_display_name(row.Text(1));
    r.set_kind(static_cast<rakor::registry::v1::RegionKind>(row.Int(2)));
    r.set_head_title(row.Text(3));
    r.set_province(row.Text(4));
    r.set_time_zone(row.Text(5));
    r.set_regulation(row.Text(6));
    *r.mutable_regulation_effective_time() = TimestampFromMicros(row.Int(7));
    r.set_cross_asisten_lead(static_cast<rakor::registry::v1::CrossAsistenLead>(row.Int(8)));
    r.set_cross_asisten_lead_citation(row.Text(9));
    r.set_etag(EtagForRevision(row.Int(10)));
    *r.mutable_create_time() = TimestampFromMicros(row.Int(11));
    *r.mutable_update_time() = TimestampFromMicros(row.Int(12));
    r.mutable_reporting_rules()->ParseFromString(row.Blob(13));
  }
  return regions;
}

void RegionRepository::Upsert(Transaction& txn, const Region& r) {
  txn.Exec(
      "INSERT INTO regions (name, display_name, kind, head_title, province, time_zone, "
      "regulation, regulation_effective_time, cross_asisten_lead, "
      "cross_asisten_lead_citation, revision, create_time, update_time, reporting_rules) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
      "ON CONFLICT (name) DO UPDATE SET display_name = excluded.display_name, "
      "kind = excluded.kind, head_title = excluded.head_title, province = excluded.province, "
      "time_zone = excluded.time_zone, regulation = excluded.regulation, "
      "regulation_effective_time = excluded.regulation_effective_time, "
      "cross_asisten_lead = excluded.cross_asisten_lead, "
      "cross_asisten_lead_citation = excluded.cross_asisten_lead_citation, "
      "revision = excluded.revision, create_time = excluded.create_time, "
      "update_time = excluded.update_time, reporting_rules = excluded.reporting_rules",
      {SqlValue::Text(r.name()), SqlValue::Text(r.display_name()), SqlValue::Int(r.kind()),
       SqlValue::Text(r.head_title()), SqlValue::Text(r.province()),
       SqlValue::Text(r.time_zone()), SqlValue::Text(r.regulation()),
       Micros(r.regulation_effective_time()), SqlValue::Int(r.cross_asisten_lead()),
       SqlValue::Text(r.cross_asisten_lead_citation()),
       SqlValue::Int(RevisionFromEtag(r.etag())), Micros(r.create_time()),
       Micros(r.update_time()), SqlValue::Blob(r.reporting_rules().SerializeAsString())});
}

}  // namespace rakor::storage::registry
