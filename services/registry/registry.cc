#include "services/registry/registry.h"

#include <cstdlib>
#include <iostream>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/field_mask.h"
#include "common/limits.h"
#include "common/status_macros.h"
#include "common/time.h"
#include "services/registry/citation.h"
#include "services/registry/errors.h"
#include "services/registry/intervals.h"
#include "services/registry/names.h"
#include "services/registry/reorganisation.h"
#include "services/registry/seed_plan.h"
#include "services/registry/unit_end.h"
#include "services/registry/validation.h"
#include "storage/change_log.h"
#include "storage/etag.h"
#include "storage/registry/coordination_repository.h"
#include "storage/registry/region_repository.h"
#include "storage/registry/relationship_rule_repository.h"
#include "storage/registry/schema.h"
#include "storage/registry/unit_repository.h"
#include "storage/request_log.h"

namespace rakor::registry {
namespace {

using storage::EtagForRevision;
using storage::RecordedRequest;
using storage::RequestLog;
using storage::RevisionFromEtag;
using storage::registry::CoordinationRepository;
using storage::registry::RegionRepository;
using storage::registry::RelationshipRuleRepository;
using storage::registry::UnitRepository;

const std::set<std::string> kRegionMutableFields = {
    "display_name",       "head_title",
    "province",           "time_zone",
    "regulation",         "regulation_effective_time",
    "cross_asisten_lead", "cross_asisten_lead_citation",
    "reporting_rules"};
const std::set<std::string> kUnitMutableFields = {"display_name",  "head_title", "parent",
                                                  "contact_email", "citations",  "official_name",
                                                  "aliases"};

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

namespace {

// The region a change belongs to: a region change names the region itself.
std::string RegionOfChange(const Change& change) {
  return change.value_case() == Change::kRegion ? change.resource() : RegionOf(change.resource());
}

// The resource a change carries.
const google::protobuf::Message* EntityOf(const Change& change) {
  switch (change.value_case()) {
    case Change::kRegion:
      return &change.region();
    case Change::kUnit:
      return &change.unit();
    case Change::kCoordination:
      return &change.coordination();
    case Change::kRelationshipRule:
      return &change.relationship_rule();
    case Change::VALUE_NOT_SET:
      break;
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Registry>> Registry::Open(const std::string& database,
                                                         const Clock* clock, size_t memory_changes,
                                                         absl::Duration follow_interval) {
  // FULL: registry writes are rare and must survive a power cut.
  RAKOR_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> db,
                         storage::Database::Open(database, storage::registry::RegistryMigrations(),
                                                 storage::Durability::kFull));
  std::unique_ptr<Registry> registry(new Registry(std::move(db), clock));
  std::shared_ptr<const Snapshot> loaded;
  RAKOR_RETURN_IF_ERROR(registry->db_->Read([&](storage::Transaction& txn) {
    loaded = std::make_shared<const Snapshot>(
        RegionRepository::LoadAll(txn), UnitRepository::LoadAll(txn),
        CoordinationRepository::LoadAll(txn), RelationshipRuleRepository::LoadAll(txn),
        storage::ChangeLog::LastSequence(txn));
    return absl::OkStatus();
  }));
  registry->snapshot_.store(loaded, std::memory_order_release);
  registry->feed_ = std::make_unique<ChangeFeed<Change>>(memory_changes, loaded->last_sequence());
  if (registry->db_->shared()) {
    registry->follower_ =
        std::thread([r = registry.get(), follow_interval] { r->Follow(follow_interval); });
  }
  return registry;
}

Registry::~Registry() {
  {
    absl::MutexLock lock(&write_mu_);
    stopping_ = true;
  }
  if (follower_.joinable()) follower_.join();
}

std::shared_ptr<const Snapshot> Registry::snapshot() const {
  return snapshot_.load(std::memory_order_acquire);
}

void Registry::Follow(absl::Duration interval) {
  absl::MutexLock lock(&write_mu_);
  while (!write_mu_.AwaitWithTimeout(absl::Condition(&stopping_), interval)) {
    const absl::Status status = db_->Read([&](storage::Transaction& txn) { return CatchUp(txn); });
    if (!status.ok()) {
      // The database is away (a failover): try again at the next interval.
      std::cerr << "rakor-registry: following the change log: " << status << "\n";
    }
  }
}

absl::Status Registry::CatchUp(storage::Transaction& txn) {
  constexpr int kBatch = 1000;
  while (true) {
    const std::shared_ptr<const Snapshot> snap = snapshot();
    std::vector<Change> changes =
        storage::ReadChangesAfter<Change>(txn, "", snap->last_sequence(), kBatch);
    if (changes.empty()) return absl::OkStatus();
    Publish(snap->Apply(changes, changes.back().sequence()), changes);
    if (static_cast<int>(changes.size()) < kBatch) return absl::OkStatus();
  }
}

void Registry::Publish(std::shared_ptr<const Snapshot> next, const std::vector<Change>& changes) {
  snapshot_.store(std::move(next), std::memory_order_release);
  std::vector<ChangeFeed<Change>::Entry> published;
  published.reserve(changes.size());
  for (const Change& change : changes) {
    published.push_back(
        {change.sequence(), RegionOfChange(change), std::make_shared<const Change>(change)});
  }
  feed_->Publish(std::move(published));
}

template <typename T, typename Body>
absl::StatusOr<T> Registry::Write(Body&& body) {
  std::optional<absl::StatusOr<T>> result;
  const std::function<absl::Status()> run = [&]() -> absl::Status {
    result = body();  // again if the batch's transaction runs again
    return result->status();
  };
  PendingWrite me{&run, absl::OkStatus()};
  group_commit_.Join(&me, [this](const std::vector<PendingWrite*>& batch) { CommitBatch(batch); });
  RAKOR_RETURN_IF_ERROR(me.status);
  return *std::move(result);
}

void Registry::CommitBatch(const std::vector<PendingWrite*>& batch) {
  absl::MutexLock lock(&write_mu_);
  const absl::Status committed = db_->Write([&](storage::Transaction& txn) -> absl::Status {
    txn_ = &txn;
    staged_.clear();
    for (PendingWrite* write : batch) write->status = absl::OkStatus();  // each attempt anew
    // Another replica may have written since this one last followed the log: what
    // these writes check, they check against everything committed before them.
    if (db_->shared()) RAKOR_RETURN_IF_ERROR(CatchUp(txn));
    working_ = snapshot();
    for (PendingWrite* write : batch) {
      const size_t before = staged_.size();
      write->status = txn.Savepoint(*write->body);
      if (!write->status.ok()) {
        staged_.resize(before);  // undone in the database: never published
        continue;
      }
      // The writes after it in the batch check against it.
      if (staged_.size() > before) {
        working_ = working_->Apply(std::span<const Change>(staged_).subspan(before),
                                   staged_.back().sequence());
      }
    }
    txn_ = nullptr;
    return absl::OkStatus();
  });
  txn_ = nullptr;
  if (!committed.ok()) {
    // Nothing of the batch is durable: each write that was not refused on its own
    // fails with the engine's error.
    for (PendingWrite* write : batch) {
      if (write->status.ok()) write->status = committed;
    }
  } else if (!staged_.empty()) {
    // Durable: readers and watchers see it from now on. Applying to memory cannot
    // fail, so the snapshot never lags what is durable.
    Publish(working_, staged_);
  }
  staged_.clear();
  working_ = nullptr;
}

absl::Status Registry::Commit(std::vector<Change>& plan, const RequestKey& key) {
  // Output-only fields derived from stored ones, filled before the change is logged,
  // so that a watcher sees the entity as a reader does.
  const std::shared_ptr<const Snapshot>& snap = working_;
  for (Change& change : plan) {
    const RegionView* view = snap->FindRegion(RegionOfChange(change));
    const Region& region = change.value_case() == Change::kRegion || view == nullptr
                               ? plan.front().region()  // a new region comes first
                               : view->region();
    if (change.has_unit()) AddStructuredCitations(region, change.mutable_unit());
    if (change.has_coordination()) AddStructuredCitations(region, change.mutable_coordination());
  }
  for (Change& change : plan) {
    const std::string region = RegionOfChange(change);
    switch (change.value_case()) {
      case Change::kRegion:
        RegionRepository::Upsert(*txn_, change.region());
        break;
      case Change::kUnit:
        UnitRepository::Upsert(*txn_, region, change.unit());
        break;
      case Change::kCoordination:
        CoordinationRepository::Upsert(*txn_, region, change.coordination());
        break;
      case Change::kRelationshipRule:
        RelationshipRuleRepository::Upsert(*txn_, region, change.relationship_rule());
        break;
      case Change::VALUE_NOT_SET:
        return absl::InternalError("a change without a resource");
    }
    storage::AppendChange(*txn_, region, change);
  }
  if (!key.request_id.empty()) {  // a create: its entity, last in the plan, is the response
    RequestLog::Record(
        *txn_, key.request_id,
        {key.request, plan.back().resource(), EntityOf(plan.back())->SerializeAsString()},
        TimestampMicros(plan.back().change_time()));
  }
  // Published by Write once the transaction commits.
  staged_.insert(staged_.end(), plan.begin(), plan.end());
  return absl::OkStatus();
}

template <typename Response>
absl::StatusOr<std::optional<Response>> Registry::Replay(const RequestKey& key) {
  // Inside the write's transaction: a retry racing its first attempt on another
  // replica finds its record.
  return storage::Replay<Response>(*txn_, key, errors::kDomain);
}

absl::StatusOr<Region> Registry::CreateRegion(const std::string& region_id, const Region& requested,
                                              const RequestKey& key, const std::string& actor) {
  return Write<Region>([&]() -> absl::StatusOr<Region> {
    Region region = requested;  // from the request again if the body is retried
    RAKOR_RETURN_IF_ERROR(ValidateId("region_id", region_id));
    RAKOR_ASSIGN_OR_RETURN(std::optional<Region> replayed, Replay<Region>(key));
    if (replayed.has_value()) return *replayed;
    std::shared_ptr<const Snapshot> snap = working_;
    region.set_name(RegionName(region_id));
    if (snap->FindRegion(region.name()) != nullptr) {
      return errors::RegionAlreadyExists(region.name());
    }
    region.DiscardUnknownFields();  // store only what the API defines
    RAKOR_RETURN_IF_ERROR(ValidateRegion("region", region));
    const absl::Time now = StoredPrecision(clock_->Now());
    RoundToStoredPrecision(region.mutable_regulation_effective_time());
    region.set_etag(EtagForRevision(1));
    *region.mutable_create_time() = ToProto(now);
    *region.mutable_update_time() = ToProto(now);
    std::vector<Change> plan = {RegionChange(Change::CREATED, region, actor, now)};
    RAKOR_RETURN_IF_ERROR(Commit(plan, key));
    return plan.back().region();
  });
}

absl::StatusOr<Region> Registry::UpdateRegion(const Region& patch,
                                              const google::protobuf::FieldMask& mask,
                                              const std::string& actor) {
  return Write<Region>([&]() -> absl::StatusOr<Region> {
    RAKOR_RETURN_IF_ERROR(ParseRegionName("region.name", patch.name()).status());
    std::shared_ptr<const Snapshot> snap = working_;
    RAKOR_ASSIGN_OR_RETURN(const Region* current, snap->GetRegion(patch.name()));
    RAKOR_RETURN_IF_ERROR(CheckEtag(current->name(), patch.etag(), current->etag()));
    Region updated = *current;
    RAKOR_RETURN_IF_ERROR(
        ApplyFieldMask(errors::kDomain, patch, mask, kRegionMutableFields, &updated));
    updated.DiscardUnknownFields();
    RAKOR_RETURN_IF_ERROR(ValidateRegion("region", updated));
    const absl::Time now = StoredPrecision(clock_->Now());
    RoundToStoredPrecision(updated.mutable_regulation_effective_time());
    updated.set_etag(NextEtag(current->etag()));
    *updated.mutable_update_time() = ToProto(now);
    std::vector<Change> plan = {RegionChange(Change::UPDATED, updated, actor, now)};
    RAKOR_RETURN_IF_ERROR(Commit(plan, {}));
    return plan.back().region();
  });
}

absl::StatusOr<Unit> Registry::CreateUnit(const std::string& region_name,
                                          const std::string& unit_id, const Unit& requested,
                                          const RequestKey& key, const std::string& actor) {
  return Write<Unit>([&]() -> absl::StatusOr<Unit> {
    Unit unit = requested;  // from the request again if the body is retried
    RAKOR_RETURN_IF_ERROR(ParseRegionName("parent", region_name).status());
    RAKOR_RETURN_IF_ERROR(ValidateId("unit_id", unit_id));
    RAKOR_ASSIGN_OR_RETURN(std::optional<Unit> replayed, Replay<Unit>(key));
    if (replayed.has_value()) return *replayed;
    std::shared_ptr<const Snapshot> snap = working_;
    const absl::Time now = StoredPrecision(clock_->Now());
    RAKOR_ASSIGN_OR_RETURN(const Region* region, snap->GetRegion(region_name));
    unit.set_name(UnitNameOf(region_name, unit_id));
    if (snap->FindUnit(unit.name()) != nullptr) return errors::UnitAlreadyExists(unit.name());
    unit.DiscardUnknownFields();
    unit.clear_coordinator();
    unit.clear_structured_citations();
    NormalizeInterval(&unit, now);
    RAKOR_RETURN_IF_ERROR(ValidateUnit("unit", unit, *region, *snap));
    unit.set_etag(EtagForRevision(1));
    *unit.mutable_create_time() = ToProto(now);
    *unit.mutable_update_time() = ToProto(now);
    std::vector<Change> plan = {UnitChange(Change::CREATED, unit, actor, now)};
    RAKOR_RETURN_IF_ERROR(Commit(plan, key));
    return plan.back().unit();
  });
}

absl::StatusOr<Unit> Registry::UpdateUnit(const Unit& patch,
                                          const google::protobuf::FieldMask& mask,
                                          const std::string& actor) {
  return Write<Unit>([&]() -> absl::StatusOr<Unit> {
    RAKOR_ASSIGN_OR_RETURN(ChildName parsed, ParseUnitName("unit.name", patch.name()));
    std::shared_ptr<const Snapshot> snap = working_;
    const Unit* current = snap->FindUnit(patch.name());
    if (current == nullptr) return errors::UnitNotFound(patch.name());
    RAKOR_RETURN_IF_ERROR(CheckEtag(current->name(), patch.etag(), current->etag()));
    Unit updated = *current;
    RAKOR_RETURN_IF_ERROR(
        ApplyFieldMask(errors::kDomain, patch, mask, kUnitMutableFields, &updated));
    RAKOR_ASSIGN_OR_RETURN(const Region* region, snap->GetRegion(parsed.region));
    updated.DiscardUnknownFields();
    RAKOR_RETURN_IF_ERROR(ValidateUnit("unit", updated, *region, *snap));
    const absl::Time now = StoredPrecision(clock_->Now());
    updated.set_etag(NextEtag(current->etag()));
    *updated.mutable_update_time() = ToProto(now);
    std::vector<Change> plan = {UnitChange(Change::UPDATED, updated, actor, now)};
    RAKOR_RETURN_IF_ERROR(Commit(plan, {}));
    return snap->View(plan.back().unit(), now);
  });
}

absl::StatusOr<Unit> Registry::DeleteUnit(const std::string& name, const std::string& etag,
                                          std::optional<absl::Time> effective,
                                          const std::string& actor) {
  return Write<Unit>([&]() -> absl::StatusOr<Unit> {
    RAKOR_RETURN_IF_ERROR(ParseUnitName("name", name).status());
    std::shared_ptr<const Snapshot> snap = working_;
    const absl::Time now = StoredPrecision(clock_->Now());
    const absl::Time end = StoredPrecision(effective.value_or(now));
    const Unit* current = snap->FindUnit(name);
    if (current == nullptr) return errors::UnitNotFound(name);
    if (end <= FromProto(current->valid_from())) {
      return errors::InvalidField("effective_time", "must be after the unit's valid_from");
    }
    if (end >= ValidUntil(*current)) return errors::UnitNotValidAt(name, end);
    RAKOR_RETURN_IF_ERROR(CheckEtag(name, etag, current->etag()));
    RAKOR_ASSIGN_OR_RETURN(std::vector<Coordination> closed, PlanUnitEnd(*snap, *current, end));
    Unit ended = *current;
    *ended.mutable_valid_until() = ToProto(end);
    ended.set_etag(NextEtag(current->etag()));
    *ended.mutable_update_time() = ToProto(now);
    std::vector<Change> plan;
    for (const Coordination& c : closed) {
      plan.push_back(CoordinationChange(Change::UPDATED, c, actor, now));
    }
    plan.push_back(UnitChange(Change::DELETED, ended, actor, now));
    RAKOR_RETURN_IF_ERROR(Commit(plan, {}));
    return plan.back().unit();
  });
}

absl::StatusOr<Coordination> Registry::CreateCoordination(const std::string& region_name,
                                                          const Coordination& requested,
                                                          const RequestKey& key,
                                                          const std::string& actor) {
  return Write<Coordination>([&]() -> absl::StatusOr<Coordination> {
    Coordination c = requested;  // from the request again if the body is retried
    RAKOR_RETURN_IF_ERROR(ParseRegionName("parent", region_name).status());
    RAKOR_ASSIGN_OR_RETURN(std::optional<Coordination> replayed, Replay<Coordination>(key));
    if (replayed.has_value()) return *replayed;
    std::shared_ptr<const Snapshot> snap = working_;
    RAKOR_ASSIGN_OR_RETURN(const Region* region, snap->GetRegion(region_name));
    const absl::Time now = StoredPrecision(clock_->Now());
    c.DiscardUnknownFields();
    c.clear_structured_citation();
    NormalizeInterval(&c, now);
    RAKOR_RETURN_IF_ERROR(ValidateCoordination("coordination", c, *region, *snap));
    const bool of_kind = c.unit().empty();
    RAKOR_ASSIGN_OR_RETURN(
        std::optional<Coordination> closed,
        PlanReassignment(of_kind ? snap->KindCoordinationHistory(region_name, c.unit_kind())
                                 : snap->CoordinationHistory(c.unit()),
                         c));
    c.set_name(of_kind ? snap->NextKindCoordinationName(region_name, c.unit_kind(), 0)
                       : snap->NextCoordinationName(c.unit(), 0));
    *c.mutable_create_time() = ToProto(now);
    std::vector<Change> plan;
    if (closed.has_value()) {
      plan.push_back(CoordinationChange(Change::UPDATED, *closed, actor, now));
    }
    plan.push_back(CoordinationChange(Change::CREATED, c, actor, now));
    RAKOR_RETURN_IF_ERROR(Commit(plan, key));
    return plan.back().coordination();
  });
}

absl::Status Registry::ApplySeed(const RegionSeed& seed, const std::string& source,
                                 const SeedLocator& locate) {
  return Write<bool>([&]() -> absl::StatusOr<bool> {
           const absl::Time now = StoredPrecision(clock_->Now());
           RAKOR_ASSIGN_OR_RETURN(SeedPlan seed_plan, PlanSeed(*working_, seed, now, locate));
           if (seed_plan.empty()) return true;
           const std::string actor = absl::StrCat("seed:", source);
           std::vector<Change> plan;
           if (seed_plan.region.has_value()) {
             plan.push_back(RegionChange(Change::CREATED, *seed_plan.region, actor, now));
           }
           for (const Unit& u : seed_plan.units)
             plan.push_back(UnitChange(Change::CREATED, u, actor, now));
           for (const Coordination& c : seed_plan.coordinations) {
             plan.push_back(CoordinationChange(Change::CREATED, c, actor, now));
           }
           for (const RelationshipRule& r : seed_plan.rules)
             plan.push_back(RuleChange(r, actor, now));
           RAKOR_RETURN_IF_ERROR(Commit(plan, {}));
           return true;
         })
      .status();
}

absl::StatusOr<ChangeFeed<Change>::Page> Registry::ChangesAfter(const std::string& region,
                                                                int64_t after_sequence, int limit) {
  ChangeFeed<Change>::Page page;
  RAKOR_RETURN_IF_ERROR(db_->Read([&](storage::Transaction& txn) {
    std::vector<Change> changes =
        storage::ReadChangesAfter<Change>(txn, region, after_sequence, limit);
    page.through = limit > 0 && static_cast<int>(changes.size()) == limit
                       ? changes.back().sequence()
                       : std::max(after_sequence, storage::ChangeLog::LastSequence(txn));
    for (Change& c : changes) page.changes.push_back(std::make_shared<const Change>(std::move(c)));
    return absl::OkStatus();
  }));
  return page;
}

}  // namespace rakor::registry
