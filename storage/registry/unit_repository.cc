#include "storage/registry/unit_repository.h"

#include "storage/registry/columns.h"
#include "storage/etag.h"

namespace rakor::storage::registry {

std::vector<Unit> UnitRepository::LoadAll(Transaction& txn) {
  std::vector<Unit> units;
  for (const SqlRow& row : txn.Query(
           "SELECT name, display_name, kind, asisten_field, head_title, parent, contact_email, "
           "citations, valid_from, valid_until, revision, create_time, update_time, "
           "official_name, aliases FROM units ORDER BY name")) {
    Unit& u = units.emplace_back();
    u.set_name(row.Text(0));
    u.set_display_name(row.Text(1));
    u.set_kind(static_cast<rakor::registry::v1::UnitKind>(row.Int(2)));
    u.set_asisten_field(static_cast<rakor::registry::v1::AsistenField>(row.Int(3)));
    u.set_head_title(row.Text(4));
    u.set_parent(row.Text(5));  // NULL reads as ""
    u.set_contact_email(row.Text(6));
    SplitLines(row.Text(7), u.mutable_citations());
    *u.mutable_valid_from() = TimestampFromMicros(row.Int(8));
    if (!row.IsNull(9)) *u.mutable_valid_until() = TimestampFromMicros(row.Int(9));
    u.set_etag(EtagForRevision(row.Int(10)));
    *u.mutable_create_time() = TimestampFromMicros(row.Int(11));
    *u.mutable_update_time() = TimestampFromMicros(row.Int(12));
    u.set_official_name(row.Text(13));
    SplitLines(row.Text(14), u.mutable_aliases());
  }
  return units;
}

void UnitRepository::Upsert(Transaction& txn, const std::string& region, const Unit& u) {
  // A unit never moves between regions: the conflict update leaves `region` alone.
  txn.Exec(
      "INSERT INTO units (name, display_name, kind, asisten_field, head_title, parent, "
      "contact_email, citations, valid_from, valid_until, revision, create_time, update_time, "
      "official_name, aliases, region) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) "
      "ON CONFLICT (name) DO UPDATE SET display_name = excluded.display_name, "
      "kind = excluded.kind, asisten_field = excluded.asisten_field, "
      "head_title = excluded.head_title, parent = excluded.parent, "
      "contact_email = excluded.contact_email, citations = excluded.citations, "
      "valid_from = excluded.valid_from, valid_until = excluded.valid_until, "
      "revision = excluded.revision, create_time = excluded.create_time, "
      "update_time = excluded.update_time, official_name = excluded.official_name, "
      "aliases = excluded.aliases",
      {SqlValue::Text(u.name()), SqlValue::Text(u.display_name()), SqlValue::Int(u.kind()),
       SqlValue::Int(u.asisten_field()), SqlValue::Text(u.head_title()),
       SqlValue::OptionalText(u.parent()), SqlValue::Text(u.contact_email()),
       SqlValue::Text(absl::StrJoin(u.citations(), "\n")), Micros(u.valid_from()),
       ValidUntil(u), SqlValue::Int(RevisionFromEtag(u.etag())), Micros(u.create_time()),
       Micros(u.update_time()), SqlValue::Text(u.official_name()),
       SqlValue::Text(absl::StrJoin(u.aliases(), "\n")), SqlValue::Text(region)});
}

}  // namespace rakor::storage::registry
