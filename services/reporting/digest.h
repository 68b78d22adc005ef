// SHA-256, hex-encoded, fed in pieces: for attachments streamed through, revisions
// and the audit chain (OpenSSL's EVP interface).
#pragma once

#include <memory>
#include <string>

#include "absl/strings/string_view.h"

namespace rakor::reporting {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  void Update(absl::string_view bytes);
  // The digest of everything given, as 64 lower-case hex digits.
  std::string HexDigest();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::string Sha256Hex(absl::string_view bytes);

}  // namespace rakor::reporting
