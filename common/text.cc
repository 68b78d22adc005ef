#include "common/text.h"

#include "absl/strings/str_cat.h"
#include "common/limits.h"

namespace rakor {

std::string Quote(absl::string_view value) {
  if (value.size() <= limits::kMaxQuotedBytes) return absl::StrCat("\"", value, "\"");
  size_t cut = limits::kMaxQuotedBytes;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return absl::StrCat("\"", value.substr(0, cut), "\"... (", value.size(), " bytes)");
}

}  // namespace rakor
