#include "services/registry/registry.h"

#include <cstdlib>
#include <iostream>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/field_mask.h"
#include "common/time.h"
#include "common/status_macros.h"
#include "services/registry/errors.h"
#include "services/registry/intervals.h"
#include "services/registry/names.h"
#include "services/registry/seed_plan.h"
#include "services/registry/validation.h"
#include "storage/registry/change_log.h"
#include "storage/registry/coordination_repository.h"
#include "storage/registry/etag.h"
#include "storage/registry/region_repository.h"
#include "storage/registry/relationship_rule_repository.h"
#include "storage/request_log.h"
#include "storage/registry/schema.h"
#include "storage/registry/unit_repository.h"

namespace rakor::registry {
namespace {

using storage::registry::ChangeLog;
using storage::registry::CoordinationRepository;
using storage::registry::EtagForRevision;
using storage::RecordedRequest;
using storage::registry::RegionRepository;
using storage::registry::RelationshipRuleRepository;
using storage::RequestLog;
using storage::registry::RevisionFromEtag;
using storage::registry::UnitRepository;

const std::set<std::string> kRegionMutableFields = {
    "display_name", "head_title", "province", "time_zone", "regulation",
    "regulation_effective_time", "cross_asisten_lead", "cross_asisten_lead_citation",
    "reporting_rules"};
const std::set<std::string> kUnitMutableFields = {"display_name", "head_title", "parent",
                                                  "contact_email", "citations"};

Change MakeChange(Change::Type type, const std::string& resource, const std::string& actor,
                  absl::Time now) {
  Change change;
  change.set_type(type);
  change.set_resource(resource);
  change.set_actor(actor);
  *change.mutable_change_time() = ToProto(now);
  return change;
}

Change RegionChange(Change::Type type, const Region& r, const std::string& actor, absl::Time now) {
  Change change = MakeChange(type, r.name(), actor, now);
  *change.mutable_region() = r;
  return change;
}
Change UnitChange(Change::Type type, const Unit& u, const std::string& actor, absl::Time now) {
  Change change = MakeChange(type, u.name(), actor, now);
  *change.mutable_unit() = u;
  return change;
}
Change CoordinationChange(Change::Type type, const Coordination& c, const std::string& actor,
                          absl::Time now) {
  Change change = MakeChange(type, c.name(), actor, now);
  *change.mutable_coordination() = c;
  return change;
}
Change RuleChange(const RelationshipRule& r, const std::string& actor, absl::Time now) {
  Change change = MakeChange(Change::CREATED, r.name(), actor, now);
  *change.mutable_relationship_rule() = r;
  return change;
}

absl::Status CheckEtag(const std::string& name, const std::string& sent,
                       const std::string& current) {
  if (!sent.empty() && sent != current) return errors::StaleEtag(name, sent, current);
  return absl::OkStatus();
}

std::string NextEtag(const std::string& etag) {
  return EtagForRevision(RevisionFromEtag(etag) + 1);
}

}  // namespace

Registry::Registry(std::unique_ptr<storage::Database> db, const Clock* clock)
    : db_(std::move(db)), clock_(clock) {}

absl::StatusOr<std::unique_ptr<Registry>> Registry::Open(const std::string& database_path,
                                                         const Clock* clock) {
  // FULL: registry writes are rare and must survive a power cut.
  RAKOR_ASSIGN_OR_RETURN(
      std::unique_ptr<storage::Database> db,
      storage::Database::Open(database_path, storage::registry::Migrations(),
                              storage::Durability::kFull));
  std::unique_ptr<Registry> registry(new Registry(std::move(db), clock));
  absl::MutexLock lock(&registry->write_mu_);
  RAKOR_RETURN_IF_ERROR(registry->Reload());
  registry->notifier_.Published(registry->snapshot()->last_sequence());
  return registry;
}

std::shared_ptr<const Snapshot> Registry::snapshot() const {
  return snapshot_.load(std::memory_order_acquire);
}

template <typename T, typename Body>
absl::StatusOr<T> Registry::Write(Body&& body) {
  absl::StatusOr<T> result;
  int64_t last_sequence = 0;
  {
    absl::MutexLock lock(&write_mu_);
    result = body();
    last_sequence = snapshot()->last_sequence();
  }
  notifier_.Published(last_sequence);
  return result;
}

void Registry::ReloadAfterCommit() {
  // The change is durable; a registry that cannot see it must not answer from a
  // stale view. Crash and let the restart read it back.
  if (absl::Status status = Reload(); !status.ok()) {
    std::cerr << "rakor registry: cannot reload after a commit: " << status << "\n";
    std::abort();
  }
}

absl::Status Registry::Reload() {
  std::shared_ptr<const Snapshot> next;
  RAKOR_RETURN_IF_ERROR(db_->Run([&](SQLite::Database& db) {
    next = std::make_shared<const Snapshot>(
        RegionRepository::LoadAll(db), UnitRepository::LoadAll(db),
        CoordinationRepository::LoadAll(db), RelationshipRuleRepository::LoadAll(db),
        ChangeLog::LastSequence(db));
    return absl::OkStatus();
  }));
  snapshot_.store(std::move(next), std::memory_order_release);
  return absl::OkStatus();
}

template <typename Response>
absl::StatusOr<std::optional<Response>> Registry::Replay(const RequestKey& key) {
  if (key.request_id.empty()) return std::optional<Response>();
  if (key.request_id.size() > 128) {
    return errors::InvalidField("request_id", "must be at most 128 bytes");
  }
  std::optional<RecordedRequest> recorded;
  RAKOR_RETURN_IF_ERROR(db_->Run([&](SQLite::Database& db) {
    recorded = RequestLog::Find(db, key.request_id);
    return absl::OkStatus();
  }));
  if (!recorded.has_value()) return std::optional<Response>();
  Response response;
  if (recorded->request != key.request || !response.ParseFromString(recorded->response)) {
    return rakor::errors::RequestIdReused(errors::kDomain, key.request_id);
  }
  return std::optional<Response>(std::move(response));
}

void Registry::RecordRequest(SQLite::Database& db, const RequestKey& key,
                             const std::string& resource,
                             const google::protobuf::Message& response, absl::Time now) {
  if (key.request_id.empty()) return;
  RequestLog::Record(db, key.request_id, {key.request, resource, response.SerializeAsString()},
                     UnixMicros(now));
}

absl::StatusOr<Region> Registry::CreateRegion(const std::string& region_id, Region region,
                                              const RequestKey& key, const std::string& actor) {
  return Write<Region>([&]() -> absl::StatusOr<Region> {
    RAKOR_RETURN_IF_ERROR(ValidateId("region_id", region_id));
    RAKOR_ASSIGN_OR_RETURN(std::optional<Region> replayed, Replay<Region>(key));
    if (replayed.has_value()) return *replayed;
    std::shared_ptr<const Snapshot> snap = snapshot();
    region.set_name(RegionName(region_id));
    if (snap->regions().contains(region.name())) {
      return errors::RegionAlreadyExists(region.name());
    }
    RAKOR_RETURN_IF_ERROR(ValidateRegion("region", region));
    const absl::Time now = StoredPrecision(clock_->Now());
    RoundToStoredPrecision(region.mutable_regulation_effective_time());
    region.set_etag(EtagForRevision(1));
    *region.mutable_create_time() = ToProto(now);
    *region.mutable_update_time() = ToProto(now);
    RAKOR_RETURN_IF_ERROR(db_->InTransaction([&](SQLite::Database& db) {
      RegionRepository::Insert(db, region);
      ChangeLog::Append(db, region.name(), RegionChange(Change::CREATED, region, actor, now));
      RecordRequest(db, key, region.name(), region, now);
      return absl::OkStatus();
    }));
    ReloadAfterCommit();
    return region;
  });
}

absl::StatusOr<Region> Registry::UpdateRegion(const Region& patch,
                                              const google::protobuf::FieldMask& mask,
                                              const std::string& actor) {
  return Write<Region>([&]() -> absl::StatusOr<Region> {
    RAKOR_RETURN_IF_ERROR(ParseRegionName("region.name", patch.name()).status());
    std::shared_ptr<const Snapshot> snap = snapshot();
    RAKOR_ASSIGN_OR_RETURN(const Region* current, snap->GetRegion(patch.name()));
    RAKOR_RETURN_IF_ERROR(CheckEtag(current->name(), patch.etag(), current->etag()));
    Region updated = *current;
    RAKOR_RETURN_IF_ERROR(ApplyFieldMask(errors::kDomain, patch, mask, kRegionMutableFields, &updated));
    RAKOR_RETURN_IF_ERROR(ValidateRegion("region", updated));
    const absl::Time now = StoredPrecision(clock_->Now());
    RoundToStoredPrecision(updated.mutable_regulation_effective_time());
    updated.set_etag(NextEtag(current->etag()));
    *updated.mutable_update_time() = ToProto(now);
    RAKOR_RETURN_IF_ERROR(db_->InTransaction([&](SQLite::Database& db) {
      RegionRepository::Update(db, updated);
      ChangeLog::Append(db, updated.name(), RegionChange(Change::UPDATED, updated, actor, now));
      return absl::OkStatus();
    }));
    ReloadAfterCommit();
    return updated;
  });
}

absl::StatusOr<Unit> Registry::CreateUnit(const std::string& region_name,
                                          const std::string& unit_id, Unit unit,
                                          const RequestKey& key, const std::string& actor) {
  return Write<Unit>([&]() -> absl::StatusOr<Unit> {
    RAKOR_RETURN_IF_ERROR(ParseRegionName("parent", region_name).status());
    RAKOR_RETURN_IF_ERROR(ValidateId("unit_id", unit_id));
    RAKOR_ASSIGN_OR_RETURN(std::optional<Unit> replayed, Replay<Unit>(key));
    if (replayed.has_value()) return *replayed;
    std::shared_ptr<const Snapshot> snap = snapshot();
    const absl::Time now = StoredPrecision(clock_->Now());
    RAKOR_ASSIGN_OR_RETURN(const Region* region, snap->GetRegion(region_name));
    unit.set_name(UnitNameOf(region_name, unit_id));
    if (snap->FindUnit(unit.name()) != nullptr) return errors::UnitAlreadyExists(unit.name());
    unit.clear_coordinator();
    NormalizeInterval(&unit, now);
    RAKOR_RETURN_IF_ERROR(ValidateUnit("unit", unit, *region, *snap));
    unit.set_etag(EtagForRevision(1));
    *unit.mutable_create_time() = ToProto(now);
    *unit.mutable_update_time() = ToProto(now);
    RAKOR_RETURN_IF_ERROR(db_->InTransaction([&](SQLite::Database& db) {
      UnitRepository::Insert(db, region_name, unit);
      ChangeLog::Append(db, region_name, UnitChange(Change::CREATED, unit, actor, now));
      RecordRequest(db, key, unit.name(), unit, now);
      return absl::OkStatus();
    }));
    ReloadAfterCommit();
    return unit;
  });
}

absl::StatusOr<Unit> Registry::UpdateUnit(const Unit& patch,
                                          const google::protobuf::FieldMask& mask,
                                          const std::string& actor) {
  return Write<Unit>([&]() -> absl::StatusOr<Unit> {
    RAKOR_ASSIGN_OR_RETURN(ChildName parsed, ParseUnitName("unit.name", patch.name()));
    std::shared_ptr<const Snapshot> snap = snapshot();
    const Unit* current = snap->FindUnit(patch.name());
    if (current == nullptr) return errors::UnitNotFound(patch.name());
    RAKOR_RETURN_IF_ERROR(CheckEtag(current->name(), patch.etag(), current->etag()));
    Unit updated = *current;
    RAKOR_RETURN_IF_ERROR(ApplyFieldMask(errors::kDomain, patch, mask, kUnitMutableFields, &updated));
    RAKOR_ASSIGN_OR_RETURN(const Region* region, snap->GetRegion(parsed.region));
    RAKOR_RETURN_IF_ERROR(ValidateUnit("unit", updated, *region, *snap));
    const absl::Time now = StoredPrecision(clock_->Now());
    updated.set_etag(NextEtag(current->etag()));
    *updated.mutable_update_time() = ToProto(now);
    RAKOR_RETURN_IF_ERROR(db_->InTransaction([&](SQLite::Database& db) {
      UnitRepository::Update(db, updated);
      ChangeLog::Append(db, parsed.region, UnitChange(Change::UPDATED, updated, actor, now));
      return absl::OkStatus();
    }));
    ReloadAfterCommit();
    return snapshot()->View(updated, now);
  });
}

absl::StatusOr<Unit> Registry::DeleteUnit(const std::string& name, const std::string& etag,
                                          std::optional<absl::Time> effective,
                                          const std::string& actor) {
  return Write<Unit>([&]() -> absl::StatusOr<Unit> {
    RAKOR_ASSIGN_OR_RETURN(ChildName parsed, ParseUnitName("name", name));
    std::shared_ptr<const Snapshot> snap = snapshot();
    const absl::Time now = StoredPrecision(clock_->Now());
    const absl::Time end = StoredPrecision(effective.value_or(now));
    const Unit* current = snap->FindUnit(name);
    if (current == nullptr) return errors::UnitNotFound(name);
    if (end <= FromProto(current->valid_from())) {
      return errors::InvalidField("effective_time", "must be after the unit's valid_from");
    }
    if (end >= ValidUntil(*current)) return errors::UnitNotValidAt(name, end);
    RAKOR_RETURN_IF_ERROR(CheckEtag(name, etag, current->etag()));
    // Nothing may go on referring to the unit from `end` on.
    Unit after_end;
    *after_end.mutable_valid_from() = ToProto(end);
    for (const auto& [child_name, child] : snap->units()) {
      if (child.parent() == name && Overlaps(child, after_end)) {
        return errors::UnitStillReferenced(name, child_name);
      }
    }
    std::optional<Coordination> closed;
    for (const auto& [c_name, c] : snap->coordinations()) {
      if ((c.asisten() != name && c.unit() != name) || !Overlaps(c, after_end)) continue;
      if (c.unit() == name && FromProto(c.valid_from()) < end && !closed.has_value()) {
        closed = c;  // the unit's own assignment in force ends with it
        *closed->mutable_valid_until() = ToProto(end);
        continue;
      }
      return errors::UnitStillReferenced(name, c_name);
    }
    Unit ended = *current;
    *ended.mutable_valid_until() = ToProto(end);
    ended.set_etag(NextEtag(current->etag()));
    *ended.mutable_update_time() = ToProto(now);
    RAKOR_RETURN_IF_ERROR(db_->InTransaction([&](SQLite::Database& db) {
      if (closed.has_value()) {
        CoordinationRepository::SetValidUntil(db, *closed);
        ChangeLog::Append(db, parsed.region,
                          CoordinationChange(Change::UPDATED, *closed, actor, now));
      }
      UnitRepository::Update(db, ended);
      ChangeLog::Append(db, parsed.region, UnitChange(Change::DELETED, ended, actor, now));
      return absl::OkStatus();
    }));
    ReloadAfterCommit();
    return ended;
  });
}

absl::StatusOr<Coordination> Registry::CreateCoordination(const std::string& region_name,
                                                          Coordination c,
                                                          const RequestKey& key,
                                                          const std::string& actor) {
  return Write<Coordination>([&]() -> absl::StatusOr<Coordination> {
    RAKOR_RETURN_IF_ERROR(ParseRegionName("parent", region_name).status());
    RAKOR_ASSIGN_OR_RETURN(std::optional<Coordination> replayed, Replay<Coordination>(key));
    if (replayed.has_value()) return *replayed;
    std::shared_ptr<const Snapshot> snap = snapshot();
    RAKOR_ASSIGN_OR_RETURN(const Region* region, snap->GetRegion(region_name));
    const absl::Time now = StoredPrecision(clock_->Now());
    NormalizeInterval(&c, now);
    RAKOR_RETURN_IF_ERROR(ValidateCoordination("coordination", c, *region, *snap));
    // A reorganisation: the open-ended assignment in force closes where this begins.
    std::optional<Coordination> closed;
    for (const Coordination* existing : snap->CoordinationHistory(c.unit())) {
      if (!Overlaps(*existing, c)) continue;
      if (!existing->has_valid_until() && !closed.has_value() &&
          FromProto(existing->valid_from()) < FromProto(c.valid_from())) {
        closed = *existing;
        *closed->mutable_valid_until() = c.valid_from();
        continue;
      }
      return errors::CoordinationOverlaps(c.unit(), existing->name());
    }
    c.set_name(snap->NextCoordinationName(c.unit(), 0));
    *c.mutable_create_time() = ToProto(now);
    RAKOR_RETURN_IF_ERROR(db_->InTransaction([&](SQLite::Database& db) {
      if (closed.has_value()) {
        CoordinationRepository::SetValidUntil(db, *closed);
        ChangeLog::Append(db, region_name,
                          CoordinationChange(Change::UPDATED, *closed, actor, now));
      }
      CoordinationRepository::Insert(db, region_name, c);
      ChangeLog::Append(db, region_name, CoordinationChange(Change::CREATED, c, actor, now));
      RecordRequest(db, key, c.name(), c, now);
      return absl::OkStatus();
    }));
    ReloadAfterCommit();
    return c;
  });
}

absl::Status Registry::ApplySeed(const RegionSeed& seed, const std::string& source,
                                 const SeedLocator& locate) {
  return Write<bool>([&]() -> absl::StatusOr<bool> {
    const absl::Time now = StoredPrecision(clock_->Now());
    RAKOR_ASSIGN_OR_RETURN(SeedPlan plan, PlanSeed(*snapshot(), seed, now, locate));
    if (plan.empty()) return true;
    const std::string& region = seed.region().name();
    const std::string actor = absl::StrCat("seed:", source);
    RAKOR_RETURN_IF_ERROR(db_->InTransaction([&](SQLite::Database& db) {
      if (plan.region.has_value()) {
        RegionRepository::Insert(db, *plan.region);
        ChangeLog::Append(db, region, RegionChange(Change::CREATED, *plan.region, actor, now));
      }
      for (const Unit& u : plan.units) {
        UnitRepository::Insert(db, region, u);
        ChangeLog::Append(db, region, UnitChange(Change::CREATED, u, actor, now));
      }
      for (const Coordination& c : plan.coordinations) {
        CoordinationRepository::Insert(db, region, c);
        ChangeLog::Append(db, region, CoordinationChange(Change::CREATED, c, actor, now));
      }
      for (const RelationshipRule& r : plan.rules) {
        RelationshipRuleRepository::Insert(db, region, r);
        ChangeLog::Append(db, region, RuleChange(r, actor, now));
      }
      return absl::OkStatus();
    }));
    ReloadAfterCommit();
    return true;
  }).status();
}

absl::StatusOr<Registry::ChangePage> Registry::ChangesAfter(const std::string& region,
                                                            int64_t after_sequence, int limit) {
  // The writer lock: the connection is shared, and a read inside an open write
  // transaction would see uncommitted rows.
  absl::MutexLock lock(&write_mu_);
  ChangePage page;
  RAKOR_RETURN_IF_ERROR(db_->Run([&](SQLite::Database& db) {
    page.changes = ChangeLog::ReadAfter(db, region, after_sequence, limit);
    page.last_sequence = ChangeLog::LastSequence(db);
    return absl::OkStatus();
  }));
  return page;
}

}  // namespace rakor::registry
