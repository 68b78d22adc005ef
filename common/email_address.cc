#include "common/email_address.h"

#include "common/limits.h"

namespace rakor {

bool LooksLikeEmail(absl::string_view email) {
  const size_t at = email.find('@');
  if (at == absl::string_view::npos || at == 0 || at + 1 >= email.size() ||
      email.find('@', at + 1) != absl::string_view::npos || email.size() > limits::kMaxEmailBytes) {
    return false;
  }
  for (char c : email) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' ||
        c == ';') {
      return false;
    }
  }
  return email.substr(at + 1).find('.') != absl::string_view::npos;
}

}  // namespace rakor
