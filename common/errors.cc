#include "common/errors.h"

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/limits.h"
#include "common/text.h"

namespace rakor::errors {

absl::Status BadField(absl::string_view domain, absl::string_view reason, absl::string_view field,
                      absl::string_view description) {
  return WithErrorInfo(
      WithFieldViolation(absl::InvalidArgumentError(absl::StrCat(field, ": ", description)), field,
                         description),
      reason, domain);
}

absl::Status AboutResource(absl::string_view domain, absl::Status status, absl::string_view reason,
                           absl::string_view resource) {
  return WithErrorInfo(std::move(status), reason, domain, {{"resource", resource}});
}

absl::Status MalformedName(absl::string_view domain, absl::string_view field,
                           absl::string_view value, absl::string_view pattern) {
  return BadField(domain, "MALFORMED_NAME", field,
                  absl::StrCat(Quote(value), " is not a resource name of the form ", pattern));
}

absl::Status InvalidField(absl::string_view domain, absl::string_view field,
                          absl::string_view rule) {
  return BadField(domain, "INVALID_FIELD", field, rule);
}

absl::Status RequiredField(absl::string_view domain, absl::string_view field) {
  return BadField(domain, "REQUIRED_FIELD", field, "is required");
}

absl::Status TooLong(absl::string_view domain, absl::string_view field, size_t limit) {
  return BadField(domain, "FIELD_TOO_LONG", field,
                  absl::StrCat("must be at most ", limit, " bytes"));
}

absl::Status RequireText(absl::string_view domain, absl::string_view field,
                         absl::string_view value) {
  if (value.empty()) return RequiredField(domain, field);
  if (value.size() > limits::kMaxTextBytes) return TooLong(domain, field, limits::kMaxTextBytes);
  return absl::OkStatus();
}

absl::Status TooMany(absl::string_view domain, absl::string_view field, int limit) {
  return BadField(domain, "TOO_MANY_VALUES", field,
                  absl::StrCat("must have at most ", limit, " entries"));
}

absl::Status InvalidPageToken(absl::string_view domain) {
  return BadField(domain, "INVALID_PAGE_TOKEN", "page_token",
                  "is not a token returned by this list method with the same parent, filter "
                  "and as_of");
}

absl::Status InvalidFilter(absl::string_view domain, absl::string_view filter,
                           absl::string_view reason) {
  return BadField(domain, "INVALID_FILTER", "filter", absl::StrCat(Quote(filter), ": ", reason));
}

absl::Status InvalidUpdateMask(absl::string_view domain, absl::string_view description) {
  return BadField(domain, "INVALID_UPDATE_MASK", "update_mask", description);
}

absl::Status RequestIdReused(absl::string_view domain, absl::string_view request_id) {
  return BadField(domain, "REQUEST_ID_REUSED", "request_id",
                  absl::StrCat(Quote(request_id), " was already used for a different request"));
}

absl::Status StaleEtag(absl::string_view domain, absl::string_view name, absl::string_view sent,
                       absl::string_view current) {
  return AboutResource(
      domain,
      absl::AbortedError(absl::StrCat("etag: ", Quote(sent), " is stale for \"", name,
                                      "\" (current \"", current, "\"); read it again and retry")),
      "STALE_ETAG", name);
}

absl::Status SequenceAhead(absl::string_view domain, absl::string_view field, int64_t sequence,
                           int64_t last) {
  const std::string description =
      absl::StrCat(sequence, " is after the last committed sequence, ", last,
                   ": list again and watch from the sequence the list was read at");
  return WithErrorInfo(
      WithFieldViolation(absl::OutOfRangeError(absl::StrCat(field, ": ", description)), field,
                         description),
      "SEQUENCE_AHEAD", domain, {{"last_sequence", absl::StrCat(last)}});
}

}  // namespace rakor::errors
