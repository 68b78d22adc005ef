// A service's database, whichever engine holds it: embedded SQLite (a file path,
// the default: one process, nothing to operate) or PostgreSQL (a `postgresql://`
// URI, for deployments whose replicas share one database). Each brings its schema
// up to date at Open by its own numbered migrations, kept in step.
//
// Writes are serialised across every process using the database: a write holds the
// service's writer lock from its first statement to its commit (BEGIN IMMEDIATE on
// SQLite; a transaction-scoped advisory lock on PostgreSQL, whose transactions run
// READ COMMITTED under it). So changes commit in the order of their sequence numbers
// and a reader following `sequence > last` never skips one that commits later (a
// rolled-back write leaves a gap, never a late arrival), and every invariant checked
// inside a write holds against every other write. Registry writes are rare, so one
// writer at a time costs nothing that matters; reads never wait for it.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "storage/transaction.h"

namespace rakor::storage {

struct Migration {
  int version;            // 1, 2, 3, ... in order
  absl::string_view sql;  // one or more statements
};

// One numbered sequence per dialect, the same versions in both.
struct Migrations {
  std::span<const Migration> sqlite;
  std::span<const Migration> postgres;
};

enum class Durability {
  // A commit survives a power cut, not just a process crash (SQLite
  // synchronous=FULL; PostgreSQL's own synchronous_commit).
  kFull,
  // Survives a process crash; may lose the last commits on power loss (SQLite only).
  kNormal,
};

class Database {
 public:
  using Body = std::function<absl::Status(Transaction&)>;

  // `target`: a file path (SQLite), or a postgresql:// URI without a password, which
  // comes from the environment (PGPASSWORD) or a file (PGPASSFILE), never from a
  // flag that `ps` shows.
  static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& target,
                                                        const Migrations& migrations,
                                                        Durability durability);

  virtual ~Database() = default;

  // Runs `body` in one write transaction holding the writer lock: committed if it
  // returns OK, rolled back otherwise. On PostgreSQL a serialization failure or a
  // deadlock runs `body` again (a few times at most), so it must build what it
  // writes from what it reads inside the transaction.
  virtual absl::Status Write(const Body& body) = 0;
  // Runs `body` in one read-only transaction: one committed state, never waiting
  // for the writer nor making it wait.
  virtual absl::Status Read(const Body& body) = 0;
  // Whether other processes may write to this database (replicas on PostgreSQL),
  // so that what a process holds in memory must follow the change log.
  virtual bool shared() const = 0;
  // Makes this process the only one of its kind on this database for as long as the
  // object lives: for a service that keeps its state in memory between writes
  // (scheduling), which a second process writing the same database would silently
  // contradict. FAILED_PRECONDITION naming `who` while another process holds it.
  virtual absl::Status ClaimSoleProcess(absl::string_view who) = 0;
};

}  // namespace rakor::storage
