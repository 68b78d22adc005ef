#include "common/time_zones.h"

#include <fstream>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_split.h"

namespace rakor {
namespace {

// Each non-comment line of a zone table: country code(s), coordinates, zone name, ...
void ReadZoneTable(const std::string& path, absl::flat_hash_set<std::string>* names) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> columns = absl::StrSplit(line, '\t');
    if (columns.size() >= 3) names->insert(columns[2]);
  }
}

const absl::flat_hash_set<std::string>& KnownTimeZones() {
  static const auto* names = [] {
    auto* set = new absl::flat_hash_set<std::string>();
    ReadZoneTable("/usr/share/zoneinfo/zone1970.tab", set);
    ReadZoneTable("/usr/share/zoneinfo/zone.tab", set);
    // Without tzdata installed, still the zones of Indonesia (WIB, WITA, WIT).
    set->insert({"Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura"});
    return set;
  }();
  return *names;
}

}  // namespace

bool IsKnownTimeZone(absl::string_view name) { return KnownTimeZones().contains(name); }

}  // namespace rakor
