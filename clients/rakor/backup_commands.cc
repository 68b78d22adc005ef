// `rakor backup` and `rakor restore`: the embedded server's data directory, copied
// online (storage/sqlite/backup.h). They work on files, not through the services:
// run them where the data directory is (in Kubernetes, with kubectl exec).
#include <iostream>

#include "absl/strings/str_join.h"
#include "clients/rakor/commands.h"
#include "storage/sqlite/backup.h"

namespace rakor::cli {
namespace {

int Report(const absl::StatusOr<std::vector<std::string>>& done, const char* verb,
           const std::string& from, const std::string& to) {
  if (!done.ok()) {
    std::cerr << "rakor: " << done.status().message() << "\n";
    return static_cast<int>(done.status().code());
  }
  std::cout << verb << " " << absl::StrJoin(*done, ", ") << " from " << from << " to " << to
            << "\n";
  return 0;
}

}  // namespace

int BackupData(const std::string& data_dir, const std::string& to) {
  return Report(storage::BackupDataDirectory(data_dir, to), "backed up", data_dir, to);
}

int RestoreData(const std::string& from, const std::string& data_dir) {
  return Report(storage::RestoreDataDirectory(from, data_dir), "restored", from, data_dir);
}

}  // namespace rakor::cli
