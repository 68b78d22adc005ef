// The registry's domain core: owns the database, the current Snapshot, and every
// write. Writes are serialised, validated against the snapshot, committed in one
// transaction together with their change records (the audit trail), and only then
// published as a new snapshot. Knows nothing of gRPC.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "common/change_feed.h"
#include "common/clock.h"
#include "common/group_commit.h"
#include "common/request_key.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/message.h"
#include "rakor/registry/v1/registry_service.pb.h"
#include "rakor/registry/v1/seed.pb.h"
#include "services/registry/seed_plan.h"
#include "services/registry/snapshot.h"
#include "storage/database.h"

namespace rakor::registry {

using rakor::registry::v1::Change;
using rakor::registry::v1::RegionSeed;

class Registry {
 public:
  // `database`: a SQLite file, or a postgresql:// URI that replicas share.
  // `memory_changes`: how many of the latest changes the feed keeps in memory for
  // watchers; one further behind reads the database. `follow_interval`: on a shared
  // database, how often this replica reads what others committed (so a write on one
  // replica is seen on the others within about this long; a write here first reads
  // everything committed before it).
  static absl::StatusOr<std::unique_ptr<Registry>> Open(
      const std::string& database, const Clock* clock, size_t memory_changes = 4096,
      absl::Duration follow_interval = absl::Milliseconds(100));
  ~Registry();

  std::shared_ptr<const Snapshot> snapshot() const;
  const Clock& clock() const { return *clock_; }
  // Whether other replicas write to the same database.
  bool shared() const { return db_->shared(); }
  // Every committed change, published after its transaction commits.
  const ChangeFeed<Change>& feed() const { return *feed_; }

  absl::StatusOr<Region> CreateRegion(const std::string& region_id, const Region& region,
                                      const RequestKey& key, const std::string& actor);
  absl::StatusOr<Region> UpdateRegion(const Region& patch, const google::protobuf::FieldMask& mask,
                                      const std::string& actor);
  absl::StatusOr<Unit> CreateUnit(const std::string& region, const std::string& unit_id,
                                  const Unit& unit, const RequestKey& key,
                                  const std::string& actor);
  absl::StatusOr<Unit> UpdateUnit(const Unit& patch, const google::protobuf::FieldMask& mask,
                                  const std::string& actor);
  // Ends the unit's validity at `effective` (default now) and its coordination with it.
  absl::StatusOr<Unit> DeleteUnit(const std::string& name, const std::string& etag,
                                  std::optional<absl::Time> effective, const std::string& actor);
  absl::StatusOr<Coordination> CreateCoordination(const std::string& region, const Coordination& c,
                                                  const RequestKey& key, const std::string& actor);

  // Adds what the seed has and the registry lacks, in one transaction; entities
  // already present are left as they are, so loading twice changes nothing.
  // Errors name `source` and the entry.
  absl::Status ApplySeed(const RegionSeed& seed, const std::string& source,
                         const SeedLocator& locate);

  // Up to `limit` committed changes after `after_sequence` from the database, oldest
  // first (all regions if `region` is ""), for watchers behind the feed; `through`
  // as ChangeFeed::Read has it. Takes no writer lock: writes go on meanwhile.
  absl::StatusOr<ChangeFeed<Change>::Page> ChangesAfter(const std::string& region,
                                                        int64_t after_sequence, int limit);

 private:
  Registry(std::unique_ptr<storage::Database> db, const Clock* clock);

  // Runs `body` in a write transaction of the database, holding the writer lock,
  // after catching up with what other replicas committed; then publishes what it
  // staged (Commit) as the new snapshot and to the feed. Writers that arrive while
  // a transaction is under way are committed together in the next one (group
  // commit), each in its own savepoint: one durable commit for many writes, and a
  // write that fails leaves nothing of itself. None is answered before its commit.
  // `body` may run again if the database asks (a serialization failure on
  // PostgreSQL).
  template <typename T, typename Body>
  absl::StatusOr<T> Write(Body&& body);
  struct PendingWrite {
    const std::function<absl::Status()>* body;
    absl::Status status;  // set by whoever commits the batch
  };
  // One transaction for `batch`; sets each write's status.
  void CommitBatch(const std::vector<PendingWrite*>& batch);
  // Applies the changes after the snapshot's last sequence from the change log.
  // Writer lock held.
  absl::Status CatchUp(storage::Transaction& txn);
  // Makes `next` the snapshot and publishes `changes` to the feed. Writer lock held.
  void Publish(std::shared_ptr<const Snapshot> next, const std::vector<Change>& changes);
  // The follower thread of a replica on a shared database.
  void Follow(absl::Duration interval);
  // The one write path. `plan` is what a write changes, as the changes it appends to
  // the log, each carrying its entity: in the write's transaction, each entity is
  // written to its table and each change appended (getting its sequence), with
  // `key` and `response` recorded when the request is idempotent. Once the
  // transaction commits, Write moves the snapshot on by the plan. A create's entity comes last in
  // its plan: it is the response recorded for `key`. Writer lock held.
  absl::Status Commit(std::vector<Change>& plan, const RequestKey& key);
  // The response an earlier request with the same id was answered with, if any.
  // Writer lock held.
  template <typename Response>
  absl::StatusOr<std::optional<Response>> Replay(const RequestKey& key);

  std::unique_ptr<storage::Database> db_;
  const Clock* clock_;
  std::unique_ptr<ChangeFeed<Change>> feed_;
  absl::Mutex write_mu_;
  // The open write's transaction, what the batch staged so far, and the snapshot
  // its writes check against: the published one with the batch's writes so far
  // applied. Writer lock held.
  storage::Transaction* txn_ = nullptr;
  std::vector<Change> staged_;
  std::shared_ptr<const Snapshot> working_;
  GroupCommit<PendingWrite> group_commit_{/*max_batch=*/64};
  bool stopping_ ABSL_GUARDED_BY(write_mu_) = false;
  std::thread follower_;
  // Read on every RPC, replaced after every write: an atomic shared_ptr, so readers
  // take no mutex.
  std::atomic<std::shared_ptr<const Snapshot>> snapshot_;
};

}  // namespace rakor::registry
