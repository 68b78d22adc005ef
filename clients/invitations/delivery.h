// Sends invitation e-mails so that a run can be interrupted and run again: each
// message has a stable key (occurrence, sequence, method, recipient), and a message
// is recorded as sent, durably, once the SMTP server has taken it (or once its .eml
// file is in the outbox directory); a later run skips what is recorded. A failed
// recipient is tried again with backoff, then reported and left for the next run.
// A crash between the server's acceptance and the record can send one message
// twice; it keeps its Message-ID and its iCalendar UID and SEQUENCE, so mail and
// calendar clients treat the second as the same message.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace rakor::invitations {

struct Outgoing {
  std::string key;        // stable per message and recipient (any text)
  std::string from;       // envelope sender
  std::string recipient;  // envelope recipient
  std::string message;    // the composed e-mail (CRLF)
};

struct DeliveryOptions {
  // smtp://host:port or smtps://host:port (libcurl); empty to write .eml files into
  // `outbox_dir` instead (the embedded default).
  std::string smtp_url;
  std::string smtp_user, smtp_password;
  std::string outbox_dir;
  // Where sent messages are recorded (SMTP only: in the outbox, the file is the record).
  std::string state_dir;
  int attempts = 4;                                 // per recipient and run
  absl::Duration first_backoff = absl::Seconds(1);  // doubled after each failure
  // Called after each message: how many are done of how many, and how it went.
  std::function<void(int done, int total, const Outgoing&, const absl::Status&)> progress;
};

struct DeliveryReport {
  int sent = 0;
  int already_sent = 0;                                      // by an earlier run
  std::vector<std::pair<std::string, absl::Status>> failed;  // recipient, last error
};

DeliveryReport Deliver(const std::vector<Outgoing>& messages, const DeliveryOptions& options);

// The hex SHA-256 of a message's key: its identity in records and Message-IDs.
std::string KeyDigest(const std::string& key);
// The file that records `m` (in the state or outbox directory), without extension:
// its recipient, made safe, and its key's digest.
std::string RecordName(const Outgoing& m);

}  // namespace rakor::invitations
