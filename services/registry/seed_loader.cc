#include "absl/strings/string_view.h"
#include "services/registry/seed_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "common/status_macros.h"

namespace rakor::registry {
namespace {

class CollectFirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (first_.empty()) first_ = absl::StrCat(line + 1, ":", column + 1, ": ", message);
  }
  const std::string& first() const { return first_; }

 private:
  std::string first_;
};

}  // namespace

absl::Status LoadSeedFile(Registry& registry, const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot be read"));
  std::stringstream text;
  text << in.rdbuf();

  RegionSeed seed;
  google::protobuf::TextFormat::Parser parser;
  CollectFirstError errors;
  google::protobuf::TextFormat::ParseInfoTree where;
  parser.RecordErrorsTo(&errors);
  parser.WriteLocationsTo(&where);
  if (!parser.ParseFromString(text.str(), &seed)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ":", errors.first()));
  }
  // Names an entry by its line: "data/x.textproto:42: units[3]".
  const google::protobuf::Descriptor* descriptor = seed.GetDescriptor();
  auto locate = [&](absl::string_view collection, int index) {
    const std::string field(collection.substr(0, collection.find('.')));
    const google::protobuf::FieldDescriptor* fd = descriptor->FindFieldByName(field);
    int line = 0;
    if (fd != nullptr) {
      line = where.GetLocation(fd, fd->is_repeated() ? std::max(index, 0) : -1).line + 1;
    }
    return index < 0 ? absl::StrCat(path, ":", line, ": ", collection)
                     : absl::StrCat(path, ":", line, ": ", collection, "[", index, "]");
  };
  return registry.ApplySeed(seed, path, locate);
}

absl::Status LoadSeedDirectory(Registry& registry, const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".textproto") paths.push_back(entry.path().string());
  }
  if (ec) return absl::NotFoundError(absl::StrCat(dir, ": ", ec.message()));
  std::sort(paths.begin(), paths.end());
  for (const std::string& path : paths) RAKOR_RETURN_IF_ERROR(LoadSeedFile(registry, path));
  return absl::OkStatus();
}

}  // namespace rakor::registry
