// Online backups of the embedded databases: a consistent copy of a SQLite file that
// a server may be writing at the same moment, and the restore of a data directory
// from one. (PostgreSQL's are the operator's base backups: k8s/README.md.)
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rakor::storage {

// The files of the embedded server's data directory (services/embedded/main.cc), in
// the order they are copied: each file is consistent in itself, and a caller's is
// copied before the files of the services it calls. What a later copy holds and an
// earlier one lacks is then only what the callee was told afterwards: a unit the
// registry gained, or a notice reporting's outbox sends again (it resends what it has
// not seen delivered, and scheduling takes it once).
inline constexpr const char* kDataFiles[] = {"reporting.db", "scheduling.db", "registry.db"};

// Copies the database `source` into the new file `target` as of one moment: SQLite's
// backup API in a single step, inside one read transaction, which WAL lets writers
// go on through. The copy holds every transaction committed before it began and
// none after; it is checked (PRAGMA integrity_check) and synced before it takes its
// name. FAILED_PRECONDITION when `target` exists, NOT_FOUND when `source` does not.
absl::Status BackupSqliteFile(const std::string& source, const std::string& target);

// Backs up each of kDataFiles present in `data_dir` into the directory `to`, which
// must not exist yet. Returns the files copied; NOT_FOUND when there is none.
absl::StatusOr<std::vector<std::string>> BackupDataDirectory(const std::string& data_dir,
                                                             const std::string& to);

// Restores a backup made by BackupDataDirectory into `data_dir` (created if
// missing), which must hold none of its databases: restore before the server
// starts, into a fresh directory. Returns the files restored.
absl::StatusOr<std::vector<std::string>> RestoreDataDirectory(const std::string& from,
                                                              const std::string& data_dir);

}  // namespace rakor::storage
