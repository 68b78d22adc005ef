#include "services/registry/errors.h"

#include "absl/strings/str_cat.h"
#include "services/common/error_details.h"

namespace rakor::registry::errors {
namespace {

constexpr absl::string_view kDomain = "registry.rakor";

std::string Format(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

// INVALID_ARGUMENT for `field`, with a BadRequest violation and a reason.
absl::Status BadField(absl::string_view reason, absl::string_view field,
                      absl::string_view description) {
  return WithErrorInfo(
      WithFieldViolation(absl::InvalidArgumentError(absl::StrCat(field, ": ", description)),
                         field, description),
      reason, kDomain);
}

absl::Status About(absl::Status status, absl::string_view reason, absl::string_view resource) {
  return WithErrorInfo(std::move(status), reason, kDomain, {{"resource", resource}});
}

}  // namespace

absl::Status MalformedName(absl::string_view field, absl::string_view value,
                           absl::string_view pattern) {
  return BadField("MALFORMED_NAME", field,
                  absl::StrCat("\"", value, "\" is not a resource name of the form ", pattern));
}

absl::Status InvalidField(absl::string_view field, absl::string_view rule) {
  return BadField("INVALID_FIELD", field, rule);
}

absl::Status RequiredField(absl::string_view field) {
  return BadField("REQUIRED_FIELD", field, "is required");
}

absl::Status MalformedCitation(absl::string_view field, absl::string_view value) {
  return BadField("MALFORMED_CITATION", field,
                  absl::StrCat("\"", value,
                               "\" is not a citation of the form \"<Region> Pasal <n>[ ayat "
                               "(<n>)][ huruf <x>][ angka <n>]\" naming this region"));
}

absl::Status InvalidPageToken() {
  return BadField("INVALID_PAGE_TOKEN", "page_token",
                  "is not a token returned by this list call with the same filter");
}

absl::Status InvalidFilter(absl::string_view filter, absl::string_view reason) {
  return BadField("INVALID_FILTER", "filter", absl::StrCat("\"", filter, "\": ", reason));
}

absl::Status RequestIdReused(absl::string_view request_id) {
  return BadField("REQUEST_ID_REUSED", "request_id",
                  absl::StrCat("\"", request_id, "\" was already used for a different request"));
}

absl::Status RegionNotFound(absl::string_view name) {
  return About(absl::NotFoundError(absl::StrCat("region \"", name, "\" does not exist")),
               "REGION_NOT_FOUND", name);
}

absl::Status UnitNotFound(absl::string_view name) {
  return About(absl::NotFoundError(absl::StrCat("unit \"", name, "\" does not exist")),
               "UNIT_NOT_FOUND", name);
}

absl::Status UnitNotValidAt(absl::string_view name, absl::Time as_of) {
  return About(absl::NotFoundError(
                   absl::StrCat("unit \"", name, "\" did not exist at ", Format(as_of))),
               "UNIT_NOT_VALID_AT", name);
}

absl::Status NoCoordinator(absl::string_view unit, absl::Time as_of) {
  return About(absl::NotFoundError(absl::StrCat("unit \"", unit,
                                                "\" was coordinated by no Asisten at ",
                                                Format(as_of))),
               "NO_COORDINATOR", unit);
}

absl::Status NoRelationshipRule(absl::string_view region, absl::string_view kind_a,
                                absl::string_view kind_b) {
  return About(absl::NotFoundError(absl::StrCat("the regulation of ", region,
                                                " sets no working relationship between ",
                                                kind_a, " and ", kind_b)),
               "NO_RELATIONSHIP_RULE", region);
}

absl::Status NoUnitOfKind(absl::string_view region, absl::string_view kind, absl::Time as_of) {
  return About(absl::FailedPreconditionError(
                   absl::StrCat(region, " had no unit of kind ", kind, " at ", Format(as_of))),
               "NO_UNIT_OF_KIND", region);
}

absl::Status RegionAlreadyExists(absl::string_view name) {
  return About(absl::AlreadyExistsError(absl::StrCat("region \"", name, "\" already exists")),
               "REGION_ALREADY_EXISTS", name);
}

absl::Status UnitAlreadyExists(absl::string_view name) {
  return About(absl::AlreadyExistsError(absl::StrCat("unit \"", name, "\" already exists")),
               "UNIT_ALREADY_EXISTS", name);
}

absl::Status StaleEtag(absl::string_view name, absl::string_view sent,
                       absl::string_view current) {
  return About(absl::AbortedError(absl::StrCat("etag: \"", sent, "\" is stale for \"", name,
                                               "\" (current \"", current,
                                               "\"); read it again and retry")),
               "STALE_ETAG", name);
}

absl::Status NotAnAsisten(absl::string_view field, absl::string_view unit) {
  return WithFieldViolation(
      About(absl::FailedPreconditionError(
                absl::StrCat(field, ": unit \"", unit, "\" is not an Asisten")),
            "NOT_AN_ASISTEN", unit),
      field, "must name a unit of kind ASISTEN");
}

absl::Status DifferentRegions(absl::string_view field, absl::string_view a,
                              absl::string_view b) {
  return BadField("DIFFERENT_REGIONS", field,
                  absl::StrCat("\"", a, "\" and \"", b, "\" must belong to the same region"));
}

absl::Status CoordinationOverlaps(absl::string_view unit, absl::string_view existing) {
  return About(absl::FailedPreconditionError(absl::StrCat(
                   "coordination.valid_from: unit \"", unit,
                   "\" would have two coordinators at once: \"", existing,
                   "\" overlaps the new interval")),
               "COORDINATION_OVERLAPS", existing);
}

absl::Status UnitStillReferenced(absl::string_view unit, absl::string_view by) {
  return About(absl::FailedPreconditionError(
                   absl::StrCat("unit \"", unit, "\" is still referenced by \"", by,
                                "\" at the effective time; end or move that first")),
               "UNIT_STILL_REFERENCED", by);
}

absl::Status NotInReportingChain(absl::string_view unit, absl::string_view kind) {
  return About(absl::FailedPreconditionError(
                   absl::StrCat("unit \"", unit, "\" of kind ", kind,
                                " reports through no Asisten: the regulations place it "
                                "outside the Perangkat Daerah reporting chain")),
               "NOT_IN_REPORTING_CHAIN", unit);
}

absl::Status UnitKindTaken(absl::string_view field, absl::string_view existing) {
  return About(absl::FailedPreconditionError(absl::StrCat(
                   field, ".kind: the region already has \"", existing,
                   "\" of this kind for an overlapping interval; end it first")),
               "UNIT_KIND_TAKEN", existing);
}

}  // namespace rakor::registry::errors
