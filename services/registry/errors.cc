#include "absl/strings/string_view.h"
#include "services/registry/errors.h"

#include "absl/strings/str_cat.h"

namespace rakor::registry::errors {
namespace {
std::string Format(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}
}  // namespace

absl::Status MalformedName(absl::string_view field, absl::string_view value,
                           absl::string_view pattern) {
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": \"", value, "\" is not a resource name of the form ", pattern));
}

absl::Status InvalidField(absl::string_view field, absl::string_view rule) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", rule));
}

absl::Status RequiredField(absl::string_view field) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": is required"));
}

absl::Status MalformedCitation(absl::string_view field, absl::string_view value) {
  return absl::InvalidArgumentError(absl::StrCat(
      field, ": \"", value,
      "\" is not a citation of the form \"<Region> Pasal <n>[ ayat (<n>)][ huruf <x>][ angka "
      "<n>]\" naming this region"));
}

absl::Status InvalidPageToken() {
  return absl::InvalidArgumentError(
      "page_token: is not a token returned by this list call with the same filter");
}

absl::Status InvalidFilter(absl::string_view filter, absl::string_view reason) {
  return absl::InvalidArgumentError(absl::StrCat("filter: \"", filter, "\": ", reason));
}

absl::Status RequestIdReused(absl::string_view request_id) {
  return absl::InvalidArgumentError(absl::StrCat(
      "request_id: \"", request_id, "\" was already used for a different request"));
}

absl::Status ImmutableField(absl::string_view field) {
  return absl::InvalidArgumentError(
      absl::StrCat("update_mask: ", field, " cannot be changed after creation"));
}

absl::Status RegionNotFound(absl::string_view name) {
  return absl::NotFoundError(absl::StrCat("region \"", name, "\" does not exist"));
}

absl::Status UnitNotFound(absl::string_view name) {
  return absl::NotFoundError(absl::StrCat("unit \"", name, "\" does not exist"));
}

absl::Status UnitNotValidAt(absl::string_view name, absl::Time as_of) {
  return absl::NotFoundError(
      absl::StrCat("unit \"", name, "\" did not exist at ", Format(as_of)));
}

absl::Status NoCoordinator(absl::string_view unit, absl::Time as_of) {
  return absl::NotFoundError(absl::StrCat("unit \"", unit,
                                          "\" was coordinated by no Asisten at ",
                                          Format(as_of)));
}

absl::Status NoRelationshipRule(absl::string_view region, absl::string_view kind_a,
                                absl::string_view kind_b) {
  return absl::NotFoundError(absl::StrCat("the regulation of ", region,
                                          " sets no working relationship between ", kind_a,
                                          " and ", kind_b));
}

absl::Status NoUnitOfKind(absl::string_view region, absl::string_view kind, absl::Time as_of) {
  return absl::FailedPreconditionError(
      absl::StrCat(region, " had no unit of kind ", kind, " at ", Format(as_of)));
}

absl::Status RegionAlreadyExists(absl::string_view name) {
  return absl::AlreadyExistsError(absl::StrCat("region \"", name, "\" already exists"));
}

absl::Status UnitAlreadyExists(absl::string_view name) {
  return absl::AlreadyExistsError(absl::StrCat("unit \"", name, "\" already exists"));
}

absl::Status StaleEtag(absl::string_view name, absl::string_view sent, absl::string_view current) {
  return absl::AbortedError(absl::StrCat("etag: \"", sent, "\" is stale for \"", name,
                                         "\" (current \"", current,
                                         "\"); read it again and retry"));
}

absl::Status NotAnAsisten(absl::string_view field, absl::string_view unit) {
  return absl::FailedPreconditionError(
      absl::StrCat(field, ": unit \"", unit, "\" is not an Asisten"));
}

absl::Status DifferentRegions(absl::string_view field, absl::string_view a, absl::string_view b) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": \"", a, "\" and \"", b,
                                                 "\" must belong to the same region"));
}

absl::Status CoordinationOverlaps(absl::string_view unit, absl::string_view existing) {
  return absl::FailedPreconditionError(absl::StrCat(
      "coordination.valid_from: unit \"", unit, "\" would have two coordinators at once: \"",
      existing, "\" overlaps the new interval"));
}

absl::Status UnitStillReferenced(absl::string_view unit, absl::string_view by) {
  return absl::FailedPreconditionError(
      absl::StrCat("unit \"", unit, "\" is still referenced by \"", by,
                   "\" at the effective time; end or move that first"));
}

absl::Status NotInReportingChain(absl::string_view unit, absl::string_view kind) {
  return absl::FailedPreconditionError(
      absl::StrCat("unit \"", unit, "\" of kind ", kind,
                   " reports through no Asisten: the regulations place it outside the "
                   "Perangkat Daerah reporting chain"));
}

}  // namespace rakor::registry::errors
