// The errors every rakor API shares (AIP-193), one named factory each, with the
// service's error domain ("registry.rakor", "scheduling.rakor", ...) as the first
// argument. Each service's errors.h binds its domain and adds its own errors.
//
// Every error carries google.rpc.ErrorInfo (reason, domain); errors about a field
// also carry google.rpc.BadRequest naming it. Client input is quoted through
// Quote(), never whole.
#pragma once

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace rakor::errors {

// INVALID_ARGUMENT
absl::Status MalformedName(absl::string_view domain, absl::string_view field,
                           absl::string_view value, absl::string_view pattern);
absl::Status InvalidField(absl::string_view domain, absl::string_view field,
                          absl::string_view rule);
absl::Status RequiredField(absl::string_view domain, absl::string_view field);
absl::Status TooLong(absl::string_view domain, absl::string_view field, size_t limit);
// OK for a required text of at most limits::kMaxTextBytes; else the error naming `field`.
absl::Status RequireText(absl::string_view domain, absl::string_view field,
                         absl::string_view value);
absl::Status TooMany(absl::string_view domain, absl::string_view field, int limit);
absl::Status InvalidPageToken(absl::string_view domain);
absl::Status InvalidFilter(absl::string_view domain, absl::string_view filter,
                           absl::string_view reason);
absl::Status InvalidUpdateMask(absl::string_view domain, absl::string_view description);
absl::Status RequestIdReused(absl::string_view domain, absl::string_view request_id);

// OUT_OF_RANGE: a watch asked to start after a sequence not yet committed (the
// client's sequence comes from another database, such as one since restored from
// a backup): it must list again.
absl::Status SequenceAhead(absl::string_view domain, absl::string_view field, int64_t sequence,
                           int64_t last);

// ABORTED (AIP-154)
absl::Status StaleEtag(absl::string_view domain, absl::string_view name, absl::string_view sent,
                       absl::string_view current);

// INVALID_ARGUMENT for `field` with `reason` (the ErrorInfo reason) and a BadRequest
// violation: the shape every bad-field error takes, for services' own errors.
absl::Status BadField(absl::string_view domain, absl::string_view reason, absl::string_view field,
                      absl::string_view description);
// `status` with ErrorInfo{reason, domain, metadata "resource"}.
absl::Status AboutResource(absl::string_view domain, absl::Status status, absl::string_view reason,
                           absl::string_view resource);

}  // namespace rakor::errors
