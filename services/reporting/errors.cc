#include "services/reporting/errors.h"

#include "absl/strings/str_cat.h"
#include "common/text.h"

namespace rakor::reporting::errors {

absl::Status DocumentNotFound(absl::string_view name) {
  return rakor::errors::AboutResource(
      kDomain, absl::NotFoundError(absl::StrCat("document ", Quote(name), " does not exist")),
      "DOCUMENT_NOT_FOUND", name);
}

absl::Status AttachmentNotFound(absl::string_view name) {
  return rakor::errors::AboutResource(
      kDomain, absl::NotFoundError(absl::StrCat("attachment ", Quote(name), " does not exist")),
      "ATTACHMENT_NOT_FOUND", name);
}

absl::Status DocumentAlreadyExists(absl::string_view name) {
  return rakor::errors::AboutResource(
      kDomain, absl::AlreadyExistsError(absl::StrCat("document ", Quote(name), " already exists")),
      "DOCUMENT_ALREADY_EXISTS", name);
}

absl::Status NotYourDocument(absl::string_view name, absl::string_view caller) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::PermissionDeniedError(absl::StrCat(Quote(caller), " is neither the submitter of ",
                                               Quote(name), " nor on its route")),
      "NOT_YOUR_DOCUMENT", name);
}

absl::Status NotRegionOfficial(absl::string_view name, absl::string_view caller) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::PermissionDeniedError(absl::StrCat(
          Quote(caller), " may not change ", Quote(name),
          ": only the region's administrator (#region-admin) or its Sekda (#sekda) may")),
      "NOT_REGION_OFFICIAL", name);
}

absl::Status NotYourTurn(absl::string_view name, absl::string_view caller,
                         absl::string_view whose_turn) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::FailedPreconditionError(absl::StrCat("it is not ", Quote(caller), "'s turn on ",
                                                 Quote(name), ": it is with ", whose_turn)),
      "NOT_YOUR_TURN", name);
}

absl::Status DocumentTooLarge(absl::string_view name, size_t bytes, size_t limit) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::FailedPreconditionError(absl::StrCat(
          Quote(name), " would be ", bytes, " bytes with this revision, over the ", limit,
          " a document may hold with every revision kept: send a shorter revision, or "
          "what follows as a new document")),
      "DOCUMENT_TOO_LARGE", name);
}

absl::Status WrongStep(absl::string_view name, absl::string_view asked, absl::string_view due) {
  return rakor::errors::AboutResource(kDomain,
                                      absl::FailedPreconditionError(absl::StrCat(
                                          Quote(name), " is due for ", due, ", not ", asked)),
                                      "WRONG_STEP", name);
}

absl::Status NotReturned(absl::string_view name) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::FailedPreconditionError(
          absl::StrCat(Quote(name), " was not returned: only a returned document is resubmitted")),
      "NOT_RETURNED", name);
}

absl::Status NotWithdrawable(absl::string_view name, absl::string_view state) {
  const bool withdrawn = state == "WITHDRAWN";
  return rakor::errors::AboutResource(
      kDomain,
      absl::FailedPreconditionError(absl::StrCat(
          Quote(name), " is ", state,
          withdrawn ? ": it was withdrawn already"
                    : ": only a document in review or returned is withdrawn; once accepted by "
                      "the Sekda or acknowledged by the head of region it is a record")),
      "NOT_WITHDRAWABLE", name);
}

absl::Status NotSubmitter(absl::string_view name, absl::string_view caller,
                          absl::string_view submitter) {
  return rakor::errors::AboutResource(kDomain,
                                      absl::FailedPreconditionError(absl::StrCat(
                                          "only the submitting unit, ", submitter, ", withdraws ",
                                          Quote(name), "; ", caller, " is on its route")),
                                      "NOT_SUBMITTER", name);
}

absl::Status FollowUpNotFound(absl::string_view name) {
  return rakor::errors::AboutResource(
      kDomain, absl::NotFoundError(absl::StrCat("follow-up ", Quote(name), " does not exist")),
      "FOLLOW_UP_NOT_FOUND", name);
}

absl::Status NotYourFollowUp(absl::string_view name, absl::string_view caller) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::PermissionDeniedError(absl::StrCat(
          Quote(caller), " may not record ", Quote(name),
          " as done: only its owner, the owner's Asisten, the submitting unit or the Sekda may")),
      "NOT_YOUR_FOLLOW_UP", name);
}

absl::Status FollowUpNotSettled(absl::string_view name, absl::string_view state) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::FailedPreconditionError(absl::StrCat(
          Quote(name), " is not settled: its document is ", state,
          "; a follow-up is recorded as done once its document has left review (accepted "
          "by the Sekda, or acknowledged by the head of region)")),
      "FOLLOW_UP_NOT_SETTLED", name);
}

absl::Status FollowUpAlreadyDone(absl::string_view name) {
  return rakor::errors::AboutResource(
      kDomain, absl::FailedPreconditionError(absl::StrCat(Quote(name), " is already done")),
      "FOLLOW_UP_ALREADY_DONE", name);
}

absl::Status MeetingNotHeld(absl::string_view occurrence) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::FailedPreconditionError(
          absl::StrCat("occurrence ", Quote(occurrence),
                       " is not held: record its attendance in the scheduling service first")),
      "MEETING_NOT_HELD", occurrence);
}

absl::Status MinutesAlreadySubmitted(absl::string_view occurrence, absl::string_view existing) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::AlreadyExistsError(absl::StrCat("occurrence ", Quote(occurrence), " has its minutes: ",
                                            Quote(existing), "; revise those instead")),
      "MINUTES_ALREADY_SUBMITTED", existing);
}

absl::Status AttachmentMismatch(absl::string_view field, absl::string_view what) {
  return rakor::errors::BadField(kDomain, "ATTACHMENT_MISMATCH", field, what);
}

absl::Status AttachmentCorrupt(absl::string_view name) {
  return rakor::errors::AboutResource(
      kDomain,
      absl::DataLossError(absl::StrCat("attachment ", Quote(name),
                                       " no longer matches its SHA-256: restore it from a backup")),
      "ATTACHMENT_CORRUPT", name);
}

}  // namespace rakor::reporting::errors
