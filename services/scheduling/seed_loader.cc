#include "services/scheduling/seed_loader.h"

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
