#include "storage/sqlite/backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

#include "SQLiteCpp/Backup.h"
#include "SQLiteCpp/Database.h"
#include "sqlite3.h"
#include "absl/strings/str_cat.h"

namespace rakor::storage {
namespace {

namespace fs = std::filesystem;

// The copy's bytes on disk before its name says it is complete.
absl::Status Sync(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    return absl::InternalError(absl::StrCat("cannot sync ", path));
  }
  ::close(fd);
  return absl::OkStatus();
}

absl::Status CopyOnce(const std::string& source, const std::string& partial) {
  try {
    // Read-write without create: opening a WAL database read-only would need its
    // -shm file writable anyway, and a missing file must not be made.
    SQLite::Database from(source, SQLite::OPEN_READWRITE);
    from.setBusyTimeout(5000);
    SQLite::Database to(partial, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Backup backup(to, from);
    // -1: every page in one step, so under one read transaction: one moment.
    if (const int done = backup.executeStep(-1); done != SQLITE_DONE) {
      return absl::UnavailableError(
          absl::StrCat("backup of ", source, " did not complete (SQLite code ", done, ")"));
    }
    const std::string check = to.execAndGet("PRAGMA integrity_check").getString();
    if (check != "ok") {
      return absl::DataLossError(absl::StrCat("the copy of ", source, " fails its check: ", check));
    }
  } catch (const SQLite::Exception& e) {
    return absl::InternalError(absl::StrCat("backup of ", source, ": ", e.what()));
  }
  return Sync(partial);
}

}  // namespace

absl::Status BackupSqliteFile(const std::string& source, const std::string& target) {
  if (!fs::is_regular_file(source))
    return absl::NotFoundError(absl::StrCat("no database ", source));
  if (fs::exists(target)) {
    return absl::FailedPreconditionError(
        absl::StrCat(target, " exists: a backup never overwrites"));
  }
  const std::string partial = target + ".partial";
  fs::remove(partial);
  if (absl::Status copied = CopyOnce(source, partial); !copied.ok()) {
    fs::remove(partial);
    return copied;
  }
  std::error_code renamed;
  fs::rename(partial, target, renamed);
  if (renamed)
    return absl::InternalError(absl::StrCat("cannot name ", target, ": ", renamed.message()));
  return Sync(fs::path(target).parent_path().empty() ? "."
                                                     : fs::path(target).parent_path().string());
}

absl::StatusOr<std::vector<std::string>> BackupDataDirectory(const std::string& data_dir,
                                                             const std::string& to) {
  if (fs::exists(to)) {
    return absl::FailedPreconditionError(
        absl::StrCat("--to: ", to, " exists; a backup goes into a new directory"));
  }
  std::vector<std::string> copied;
  for (const char* file : kDataFiles) {
    if (!fs::is_regular_file(fs::path(data_dir) / file)) continue;
    if (copied.empty()) fs::create_directories(to);
    if (absl::Status s =
            BackupSqliteFile((fs::path(data_dir) / file).string(), (fs::path(to) / file).string());
        !s.ok()) {
      return s;
    }
    copied.push_back(file);
  }
  if (copied.empty()) {
    return absl::NotFoundError(absl::StrCat("--data_dir: ", data_dir, " holds no rakor database"));
  }
  return copied;
}

absl::StatusOr<std::vector<std::string>> RestoreDataDirectory(const std::string& from,
                                                              const std::string& data_dir) {
  std::vector<std::string> present;
  for (const char* file : kDataFiles) {
    if (fs::is_regular_file(fs::path(from) / file)) present.push_back(file);
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      if (fs::exists(fs::path(data_dir) / absl::StrCat(file, suffix))) {
        return absl::FailedPreconditionError(
            absl::StrCat("--data_dir: ", data_dir, " already holds ", file, suffix,
                         "; restore into a fresh directory, with the server stopped"));
      }
    }
  }
  if (present.empty()) {
    return absl::NotFoundError(absl::StrCat("--from: ", from, " holds no rakor backup"));
  }
  fs::create_directories(data_dir);
  for (const std::string& file : present) {
    if (absl::Status s = BackupSqliteFile((fs::path(from) / file).string(),
                                          (fs::path(data_dir) / file).string());
        !s.ok()) {
      return s;
    }
  }
  return present;
}

}  // namespace rakor::storage
