#include "common/resource_id.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/limits.h"
#include "common/text.h"

namespace rakor {

bool IsValidId(absl::string_view id) {
  if (id.empty() || id.size() > limits::kMaxIdBytes || !absl::ascii_islower(id.front())) {
    return false;
  }
  for (char c : id) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '-') return false;
  }
  return id.back() != '-';
}

absl::Status ValidateId(absl::string_view domain, absl::string_view field, absl::string_view id) {
  if (IsValidId(id)) return absl::OkStatus();
  if (id.empty()) return errors::RequiredField(domain, field);
  return errors::InvalidField(domain, field,
                              absl::StrCat(Quote(id),
                                           " must be 1-63 characters of a-z, 0-9 and '-', "
                                           "starting with a letter and not ending with '-'"));
}

}  // namespace rakor
