#include "services/registry/errors.h"

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/text.h"

namespace rakor::registry::errors {
namespace {

using rakor::errors::AboutResource;

std::string Format(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

absl::Status BadField(absl::string_view reason, absl::string_view field,
                      absl::string_view description) {
  return rakor::errors::BadField(kDomain, reason, field, description);
}

absl::Status About(absl::Status status, absl::string_view reason, absl::string_view resource) {
  return AboutResource(kDomain, std::move(status), reason, resource);
}

}  // namespace

absl::Status MalformedCitation(absl::string_view field, absl::string_view value) {
  return BadField("MALFORMED_CITATION", field,
                  absl::StrCat(Quote(value),
                               " is not a citation of the form \"<Region> Pasal <n>[ ayat "
                               "(<n>)][ huruf <x>][ angka <n>]\" naming this region"));
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

absl::Status DuplicateValue(absl::string_view field, absl::string_view value) {
  return BadField("DUPLICATE_VALUE", field, absl::StrCat(Quote(value), " appears twice"));
}

absl::Status UnknownTimeZone(absl::string_view field, absl::string_view value) {
  return BadField("UNKNOWN_TIME_ZONE", field,
                  absl::StrCat(Quote(value), " is not an IANA time zone name (e.g. "
                                             "\"Asia/Jakarta\", \"Asia/Makassar\", "
                                             "\"Asia/Jayapura\")"));
}

absl::Status OutsideValidity(absl::string_view field, absl::string_view other,
                             absl::string_view interval) {
  return WithFieldViolation(
      About(absl::FailedPreconditionError(absl::StrCat(
                field, ": \"", other, "\" is not valid over all of ", interval,
                "; its validity must cover the interval that refers to it")),
            "OUTSIDE_VALIDITY", other),
      field, "refers to a unit not valid over the whole interval");
}

}  // namespace rakor::registry::errors
