#include "services/registry/seed_loader.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/status_macros.h"
#include "common/text_proto_file.h"
#include "google/protobuf/text_format.h"

namespace rakor::registry {

absl::Status LoadSeedFile(Registry& registry, const std::string& path) {
  RegionSeed seed;
  google::protobuf::TextFormat::ParseInfoTree where;
  RAKOR_RETURN_IF_ERROR(ParseTextProtoFile(path, &seed, &where));
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
  RAKOR_ASSIGN_OR_RETURN(std::vector<std::string> paths, TextProtoFilesIn(dir));
  for (const std::string& path : paths) RAKOR_RETURN_IF_ERROR(LoadSeedFile(registry, path));
  return absl::OkStatus();
}

}  // namespace rakor::registry
