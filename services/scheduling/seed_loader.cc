#include "services/scheduling/seed_loader.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/text_proto_file.h"
#include "services/scheduling/names.h"

namespace rakor::scheduling {

absl::StatusOr<SeedFiles> ReadSeedDirectory(const std::string& dir) {
  SeedFiles seeds;
  if (dir.empty()) return seeds;
  RAKOR_ASSIGN_OR_RETURN(std::vector<std::string> paths, TextProtoFilesIn(dir));
  for (const std::string& path : paths) {
    auto& [name, seed] = seeds.emplace_back(path, v1::SchedulingSeed());
    RAKOR_RETURN_IF_ERROR(ParseTextProtoFile(path, &seed));
  }
  return seeds;
}

absl::Status ApplySeed(Scheduling& scheduling, const SeedFiles& seeds) {
  for (const auto& [path, seed] : seeds) {
    for (int i = 0; i < seed.days_off_size(); ++i) {
      const v1::SeedDaysOff& entry = seed.days_off(i);
      const std::string file =
          (std::filesystem::path(path).parent_path() / entry.ics_file()).string();
      std::ifstream in(file, std::ios::binary);
      std::stringstream ics;
      ics << in.rdbuf();
      if (!in)
        return absl::NotFoundError(absl::StrCat(path, ": days_off[", i, "]: cannot read ", file));
      const absl::Status imported =
          scheduling.ImportDaysOff(entry.parent(), ics.str(), entry.source(), "seed:" + path)
              .status();
      if (absl::IsUnavailable(imported)) return imported;
      if (!imported.ok()) {
        return absl::Status(imported.code(),
                            absl::StrCat(path, ": days_off[", i, "]: ", imported.message()));
      }
    }
    for (int i = 0; i < seed.compliance_rules_size(); ++i) {
      const absl::Status added =
          scheduling.AddComplianceRule(seed.compliance_rules(i), "seed:" + path);
      if (absl::IsUnavailable(added)) return added;
      if (!added.ok()) {
        return absl::Status(added.code(),
                            absl::StrCat(path, ": compliance_rules[", i, "]: ", added.message()));
      }
    }
    for (int i = 0; i < seed.series_size(); ++i) {
      const v1::CreateSeriesRequest& entry = seed.series(i);
      const std::string name = SeriesName(entry.parent(), entry.series_id());
      if (scheduling.GetSeries(name).ok()) continue;
      absl::StatusOr<v1::Series> created = scheduling.CreateSeries(
          entry.parent(), entry.series_id(), entry.series(), {}, "seed:" + path);
      if (absl::IsUnavailable(created.status())) return created.status();
      if (!created.ok()) {
        return absl::Status(created.status().code(),
                            absl::StrCat(path, ": series[", i, "]: ", created.status().message()));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace rakor::scheduling
