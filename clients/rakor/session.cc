#include "clients/rakor/session.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "services/common/channels.h"
#include "services/common/transport.h"

namespace rakor::cli {

Lang LangFromEnvironment() {
  const char* lang = std::getenv("LANG");
  return lang == nullptr || absl::StartsWith(lang, "id") ? Lang::kIndonesian : Lang::kEnglish;
}

absl::StatusOr<Transport> TransportOf(const Options& options) {
  Transport transport;
  transport.insecure_development =
      options.tls_cert.empty() && options.tls_key.empty() && options.tls_ca.empty();
  transport.cert_file = options.tls_cert;
  transport.key_file = options.tls_key;
  transport.ca_file = options.tls_ca;
  if (absl::Status s = ValidateTransport(transport); !s.ok()) return s;
  if (!transport.insecure_development && !options.actor.empty()) {
    return absl::InvalidArgumentError(
        "--as: your certificate says who you are; --as is for development mode only");
  }
  return transport;
}

Session::Session(Options options, const Transport& transport) : options_(std::move(options)) {
  const std::shared_ptr<grpc::ChannelCredentials> credentials = transport.ChannelCredentials();
  auto channel = [&credentials](const std::string& address) {
    return ServiceChannel(address, credentials);
  };
  registry_ = rakor::registry::v1::RegistryService::NewStub(channel(options_.registry_addr));
  scheduling_ =
      rakor::scheduling::v1::SchedulingService::NewStub(channel(options_.scheduling_addr));
  reporting_ = rakor::reporting::v1::ReportingService::NewStub(channel(options_.reporting_addr));
}

std::unique_ptr<grpc::ClientContext> Session::Context() const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  // Someone is waiting at a terminal: a server that is down is said at once rather
  // than waited for (the published config's waitForReady is for programs); reads
  // are still retried on UNAVAILABLE as it says.
  ctx->set_wait_for_ready(false);
  if (!options_.actor.empty()) ctx->AddMetadata("rakor-actor", options_.actor);
  return ctx;
}

namespace {

// Display width: one column per code point, which is what Indonesian text needs.
size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

void Table::Print(bool json) const {
  if (json) {
    for (const auto& row : rows_) {
      std::vector<std::string> fields;
      for (size_t i = 0; i < headers_.size() && i < row.size(); ++i) {
        fields.push_back(JsonString(headers_[i]) + ":" + JsonString(row[i]));
      }
      std::cout << "{" << absl::StrJoin(fields, ",") << "}\n";
    }
    return;
  }
  std::vector<size_t> widths(headers_.size());
  for (size_t i = 0; i < headers_.size(); ++i) widths[i] = Width(headers_[i]);
  for (const auto& row : rows_) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], Width(row[i]));
    }
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t i = 0; i < cells.size(); ++i) {
      out += cells[i];
      if (i + 1 < cells.size()) out += std::string(widths[i] - Width(cells[i]) + 2, ' ');
    }
    std::cout << out << "\n";
  };
  line(headers_);
  for (const auto& row : rows_) line(row);
}

int Fail(const Session& session, const grpc::Status& status) {
  std::string hint;
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      hint = session.Say(
          "periksa alamat layanan (--registry, --scheduling, --reporting atau "
          "RAKOR_*_ADDR) dan bahwa layanan berjalan",
          "check the service addresses (--registry, --scheduling, --reporting "
          "or RAKOR_*_ADDR) and that the services run");
      break;
    case grpc::StatusCode::PERMISSION_DENIED:
      hint = session.Say("periksa identitas pemanggil (--as UNIT#PERAN)",
                         "check the caller identity (--as UNIT#ROLE)");
      break;
    case grpc::StatusCode::INVALID_ARGUMENT:
      hint = session.Say("perbaiki isian yang disebut di atas", "fix the field named above");
      break;
    default:
      break;
  }
  std::cerr << "rakor: " << status.error_message() << "\n";
  if (!hint.empty()) std::cerr << "rakor: " << hint << "\n";
  return static_cast<int>(status.error_code());
}

}  // namespace rakor::cli
