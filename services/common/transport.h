// How a process talks and is talked to: mutual TLS in production, or an explicit,
// loudly announced insecure development mode. One value, made from the flags every
// binary shares, gives the server's credentials, the credentials of its channels
// to other services, and tells the edge where a caller's identity comes from.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"

namespace rakor {

struct Transport {
  // No TLS; a caller is who its `rakor-actor` metadata says (caller_identity.h).
  bool insecure_development = false;
  // PEM files (the Kubernetes secret's mount): this process's certificate (its
  // URI SAN is its identity, e.g. spiffe://rakor/role/service) and key, and the
  // certificate authority that signs every rakor peer. Re-read when they change.
  std::string cert_file;
  std::string key_file;
  std::string ca_file;
  absl::Duration refresh_interval = absl::Minutes(1);

  static Transport Development() {
    Transport transport;
    transport.insecure_development = true;
    return transport;
  }

  // Mutual TLS requiring a client certificate from `ca_file`, or plaintext in
  // development mode.
  std::shared_ptr<grpc::ServerCredentials> ServerCredentials() const;
  // For calling another rakor service (or, from a client, any of them).
  std::shared_ptr<grpc::ChannelCredentials> ChannelCredentials() const;
  // "production (mutual TLS, ...)" or "DEVELOPMENT MODE (INSECURE: ...)".
  std::string Describe() const;
};

// From --insecure_development, --tls_cert, --tls_key, --tls_ca and
// --tls_refresh_interval: INVALID_ARGUMENT when the two modes are mixed, when a
// TLS file is missing or unreadable, or when neither mode is chosen.
absl::StatusOr<Transport> TransportFromFlags();

// Checks the choice itself (used by TransportFromFlags and by clients with their
// own argument parser).
absl::Status ValidateTransport(const Transport& transport);

}  // namespace rakor
