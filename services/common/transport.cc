#include "services/common/transport.h"

#include <fstream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/security/tls_certificate_provider.h"
#include "grpcpp/security/tls_credentials_options.h"

ABSL_FLAG(bool, insecure_development, false,
          "development mode: no TLS, and callers are trusted as their `rakor-actor` metadata "
          "says; refused together with the --tls_* flags");
ABSL_FLAG(std::string, tls_cert, "",
          "production: this process's certificate (PEM; its spiffe://rakor/... URI SAN is its "
          "identity)");
ABSL_FLAG(std::string, tls_key, "", "production: the private key of --tls_cert (PEM)");
ABSL_FLAG(std::string, tls_ca, "",
          "production: the certificate authority of every rakor peer (PEM)");
ABSL_FLAG(absl::Duration, tls_refresh_interval, absl::Minutes(1),
          "how often the TLS files are re-read, so that rotated certificates apply without a "
          "restart");

namespace rakor {
namespace {

std::shared_ptr<grpc::experimental::CertificateProviderInterface> Provider(const Transport& t) {
  return std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      t.key_file, t.cert_file, t.ca_file,
      static_cast<unsigned int>(std::max<int64_t>(1, absl::ToInt64Seconds(t.refresh_interval))));
}

template <typename Options>
void WatchAll(Options& options) {
  options.watch_root_certs();
  options.watch_identity_key_cert_pairs();
}

}  // namespace

std::shared_ptr<grpc::ServerCredentials> Transport::ServerCredentials() const {
  if (insecure_development) return grpc::InsecureServerCredentials();
  grpc::experimental::TlsServerCredentialsOptions options(Provider(*this));
  WatchAll(options);
  options.set_cert_request_type(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  return grpc::experimental::TlsServerCredentials(options);
}

std::shared_ptr<grpc::ChannelCredentials> Transport::ChannelCredentials() const {
  if (insecure_development) return grpc::InsecureChannelCredentials();
  grpc::experimental::TlsChannelCredentialsOptions options;
  options.set_certificate_provider(Provider(*this));
  WatchAll(options);
  options.set_verify_server_certs(true);
  return grpc::experimental::TlsCredentials(options);
}

std::string Transport::Describe() const {
  if (insecure_development) {
    return "DEVELOPMENT MODE (INSECURE: no TLS, callers trusted as their rakor-actor metadata "
           "says; never expose it beyond this machine)";
  }
  return absl::StrCat("production mode (mutual TLS: certificate ", cert_file, ", authority ",
                      ca_file, ", re-read every ", absl::FormatDuration(refresh_interval), ")");
}

absl::Status ValidateTransport(const Transport& t) {
  const bool any_tls = !t.cert_file.empty() || !t.key_file.empty() || !t.ca_file.empty();
  if (t.insecure_development && any_tls) {
    return absl::InvalidArgumentError(
        "--insecure_development: refused together with --tls_cert/--tls_key/--tls_ca; choose "
        "one mode");
  }
  if (t.insecure_development) return absl::OkStatus();
  if (!any_tls) {
    return absl::InvalidArgumentError(
        "choose a mode: --tls_cert, --tls_key and --tls_ca for production (mutual TLS), or "
        "--insecure_development");
  }
  for (const auto& [flag, file] :
       {std::pair<const char*, const std::string&>{"--tls_cert", t.cert_file},
        {"--tls_key", t.key_file},
        {"--tls_ca", t.ca_file}}) {
    if (file.empty())
      return absl::InvalidArgumentError(absl::StrCat(flag, ": is required in production mode"));
    if (!std::ifstream(file).good()) {
      return absl::InvalidArgumentError(absl::StrCat(flag, ": cannot read ", file));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Transport> TransportFromFlags() {
  Transport t;
  t.insecure_development = absl::GetFlag(FLAGS_insecure_development);
  t.cert_file = absl::GetFlag(FLAGS_tls_cert);
  t.key_file = absl::GetFlag(FLAGS_tls_key);
  t.ca_file = absl::GetFlag(FLAGS_tls_ca);
  t.refresh_interval = absl::GetFlag(FLAGS_tls_refresh_interval);
  if (absl::Status s = ValidateTransport(t); !s.ok()) return s;
  return t;
}

}  // namespace rakor
