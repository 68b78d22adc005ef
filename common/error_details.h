// Rich error details (AIP-193) on absl::Status: a machine-readable reason
// (google.rpc.ErrorInfo) and the offending field (google.rpc.BadRequest), stored
// as payloads keyed by type URL and sent on the wire by ToGrpcStatus.
#pragma once

#include <initializer_list>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace rakor {

// Adds google.rpc.ErrorInfo{reason, domain, metadata}.
absl::Status WithErrorInfo(
    absl::Status status, absl::string_view reason, absl::string_view domain,
    std::initializer_list<std::pair<absl::string_view, absl::string_view>> metadata = {});

// Adds a google.rpc.BadRequest field violation.
absl::Status WithFieldViolation(absl::Status status, absl::string_view field,
                                absl::string_view description);

// The ErrorInfo reason `status` carries, as a peer service set it; empty if none.
std::string ErrorReason(const absl::Status& status);

// The google.rpc.Status for `status`, its payloads as details; serialised.
std::string RichStatusBytes(const absl::Status& status);

}  // namespace rakor
