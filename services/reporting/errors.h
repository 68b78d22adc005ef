// Every error the reporting service returns, in its domain "reporting.rakor".
#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/errors.h"

namespace rakor::reporting::errors {

inline constexpr absl::string_view kDomain = "reporting.rakor";

inline absl::Status MalformedName(absl::string_view field, absl::string_view value,
                                  absl::string_view pattern) {
  return rakor::errors::MalformedName(kDomain, field, value, pattern);
}
inline absl::Status InvalidField(absl::string_view field, absl::string_view rule) {
  return rakor::errors::InvalidField(kDomain, field, rule);
}
inline absl::Status RequiredField(absl::string_view field) {
  return rakor::errors::RequiredField(kDomain, field);
}
inline absl::Status TooLong(absl::string_view field, size_t limit) {
  return rakor::errors::TooLong(kDomain, field, limit);
}
inline absl::Status RequireText(absl::string_view field, absl::string_view value) {
  return rakor::errors::RequireText(kDomain, field, value);
}
inline absl::Status TooMany(absl::string_view field, int limit) {
  return rakor::errors::TooMany(kDomain, field, limit);
}
inline absl::Status InvalidFilter(absl::string_view filter, absl::string_view reason) {
  return rakor::errors::InvalidFilter(kDomain, filter, reason);
}
inline absl::Status StaleEtag(absl::string_view name, absl::string_view sent,
                              absl::string_view current) {
  return rakor::errors::StaleEtag(kDomain, name, sent, current);
}

// NOT_FOUND
absl::Status DocumentNotFound(absl::string_view name);
absl::Status AttachmentNotFound(absl::string_view name);
// ALREADY_EXISTS
absl::Status DocumentAlreadyExists(absl::string_view name);
// PERMISSION_DENIED: the caller is neither the submitter nor on the route.
absl::Status NotYourDocument(absl::string_view name, absl::string_view caller);
// PERMISSION_DENIED: only the region's administrator or its Sekda changes `name`.
absl::Status NotRegionOfficial(absl::string_view name, absl::string_view caller);
// FAILED_PRECONDITION: the caller is on the route, but it is not their turn, or
// the step is not the one due.
absl::Status NotYourTurn(absl::string_view name, absl::string_view caller,
                         absl::string_view whose_turn);
absl::Status WrongStep(absl::string_view name, absl::string_view asked, absl::string_view due);
absl::Status NotReturned(absl::string_view name);
absl::Status NotWithdrawable(absl::string_view name, absl::string_view state);
// FAILED_PRECONDITION: on the route, but only the submitting unit withdraws.
absl::Status NotSubmitter(absl::string_view name, absl::string_view caller,
                          absl::string_view submitter);
absl::Status FollowUpNotFound(absl::string_view name);
absl::Status NotYourFollowUp(absl::string_view name, absl::string_view caller);
absl::Status FollowUpNotSettled(absl::string_view name, absl::string_view state);
absl::Status FollowUpAlreadyDone(absl::string_view name);
absl::Status MeetingNotHeld(absl::string_view occurrence);
// FAILED_PRECONDITION: with this write the document, every revision kept, would
// pass `limit` bytes and could no longer be sent whole in one message.
absl::Status DocumentTooLarge(absl::string_view name, size_t bytes, size_t limit);
// ALREADY_EXISTS: the occurrence has minutes (`existing`) already.
absl::Status MinutesAlreadySubmitted(absl::string_view occurrence, absl::string_view existing);
// INVALID_ARGUMENT: the attachment's bytes do not match what its header said.
absl::Status AttachmentMismatch(absl::string_view field, absl::string_view what);
// DATA_LOSS: stored bytes no longer match their digest.
absl::Status AttachmentCorrupt(absl::string_view name);

}  // namespace rakor::reporting::errors
