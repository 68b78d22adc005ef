#include "clients/invitations/delivery.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace rakor::invitations {
namespace {

// Writes `bytes` to `path` durably: a temporary file, fsync, rename, fsync of the
// directory, so that the file is either whole or absent after a crash.
absl::Status WriteDurably(const std::filesystem::path& path, const std::string& bytes) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0640);
  if (fd < 0) return absl::UnavailableError(absl::StrCat("cannot write ", tmp.string()));
  bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
  ok = ::fsync(fd) == 0 && ok;
  ::close(fd);
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    return absl::UnavailableError(absl::StrCat("cannot write ", path.string()));
  }
  const int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return absl::OkStatus();
}

struct Reading {
  const std::string* bytes;
  size_t at = 0;
};

size_t ReadMessage(char* buffer, size_t size, size_t count, void* user) {
  Reading* r = static_cast<Reading*>(user);
  const size_t n = std::min(size * count, r->bytes->size() - r->at);
  std::memcpy(buffer, r->bytes->data() + r->at, n);
  r->at += n;
  return n;
}

// One message over SMTP. UNAVAILABLE for what may pass later (no connection, 4xx),
// FAILED_PRECONDITION for what will not (a 5xx refusal).
absl::Status SendSmtp(const Outgoing& m, const DeliveryOptions& options) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return absl::InternalError("libcurl did not start");
  Reading reading{&m.message};
  curl_slist* recipients = curl_slist_append(nullptr, ("<" + m.recipient + ">").c_str());
  const std::string from = "<" + m.from + ">";
  curl_easy_setopt(curl, CURLOPT_URL, options.smtp_url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadMessage);
  curl_easy_setopt(curl, CURLOPT_READDATA, &reading);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  // smtps:// is TLS from the start. Otherwise STARTTLS when the server offers it, and
  // required whenever there is a password to send.
  curl_easy_setopt(curl, CURLOPT_USE_SSL,
                   static_cast<long>(options.smtp_user.empty() ? CURLUSESSL_TRY : CURLUSESSL_ALL));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (!options.smtp_user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, options.smtp_user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options.smtp_password.c_str());
  }
  const CURLcode sent = curl_easy_perform(curl);
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (sent == CURLE_OK) return absl::OkStatus();
  const std::string why =
      absl::StrCat("SMTP to ", m.recipient, ": ", curl_easy_strerror(sent),
                   reply != 0 ? absl::StrCat(" (server replied ", reply, ")") : "");
  if (reply >= 500) return absl::FailedPreconditionError(why);
  return absl::UnavailableError(why);
}

}  // namespace

std::string KeyDigest(const std::string& key) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(key.data(), key.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i)
    absl::StrAppend(&hex, absl::Hex(digest[i], absl::kZeroPad2));
  return hex;
}

std::string RecordName(const Outgoing& m) {
  // The recipient, for whoever looks into the directory; the digest, for identity.
  std::string who = m.recipient;
  for (char& c : who) {
    if (!absl::ascii_isalnum(c) && c != '.' && c != '-' && c != '@') c = '_';
  }
  return absl::StrCat(who, "-", KeyDigest(m.key).substr(0, 32));
}

DeliveryReport Deliver(const std::vector<Outgoing>& messages, const DeliveryOptions& options) {
  DeliveryReport report;
  const bool smtp = !options.smtp_url.empty();
  const std::filesystem::path records = smtp ? options.state_dir : options.outbox_dir;
  std::error_code ignored;
  std::filesystem::create_directories(records, ignored);
  int done = 0;
  for (const Outgoing& m : messages) {
    const std::filesystem::path record = records / (RecordName(m) + (smtp ? ".sent" : ".eml"));
    absl::Status status;
    if (std::filesystem::exists(record)) {
      ++report.already_sent;
    } else {
      absl::Duration wait = options.first_backoff;
      for (int attempt = 1; attempt <= std::max(1, options.attempts); ++attempt) {
        status = smtp ? SendSmtp(m, options) : WriteDurably(record, m.message);
        if (status.ok() || !absl::IsUnavailable(status)) break;
        if (attempt < options.attempts) {
          std::this_thread::sleep_for(absl::ToChronoMilliseconds(wait));
          wait *= 2;
        }
      }
      if (status.ok() && smtp) {
        // Recorded only once the server has it: a crash before this sends it again.
        status = WriteDurably(record, absl::StrCat(m.recipient, "\n"));
      }
      if (status.ok()) {
        ++report.sent;
      } else {
        report.failed.emplace_back(m.recipient, status);
      }
    }
    if (options.progress) options.progress(++done, static_cast<int>(messages.size()), m, status);
  }
  return report;
}

}  // namespace rakor::invitations
