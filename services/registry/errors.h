// Every error the registry returns, one named factory each, so that messages are
// uniform (they name the field or resource and the rule) and tests can match them.
// Each carries google.rpc.ErrorInfo (reason, domain "registry.rakor") and, for bad
// fields, google.rpc.BadRequest naming the field.
#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/errors.h"

namespace rakor::registry::errors {

inline constexpr absl::string_view kDomain = "registry.rakor";

// The errors every API shares (common/errors.h), in this service's domain.
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

// INVALID_ARGUMENT
absl::Status MalformedCitation(absl::string_view field, absl::string_view value);
absl::Status DifferentRegions(absl::string_view field, absl::string_view a, absl::string_view b);
absl::Status DuplicateValue(absl::string_view field, absl::string_view value);
absl::Status UnknownTimeZone(absl::string_view field, absl::string_view value);

// NOT_FOUND
absl::Status RegionNotFound(absl::string_view name);
absl::Status UnitNotFound(absl::string_view name);
absl::Status UnitNotValidAt(absl::string_view name, absl::Time as_of);
absl::Status NoCoordinator(absl::string_view unit, absl::Time as_of);
absl::Status NoRelationshipRule(absl::string_view region, absl::string_view kind_a,
                                absl::string_view kind_b);

// ALREADY_EXISTS
absl::Status RegionAlreadyExists(absl::string_view name);
absl::Status UnitAlreadyExists(absl::string_view name);

// FAILED_PRECONDITION
absl::Status NotAnAsisten(absl::string_view field, absl::string_view unit);
absl::Status NoUnitOfKind(absl::string_view region, absl::string_view kind, absl::Time as_of);
// `field` refers to `other`, which is not valid over all of the interval that needs it.
absl::Status OutsideValidity(absl::string_view field, absl::string_view other,
                             absl::string_view interval);
absl::Status CoordinationOverlaps(absl::string_view unit, absl::string_view existing);
absl::Status UnitStillReferenced(absl::string_view unit, absl::string_view by);
absl::Status NotInReportingChain(absl::string_view unit, absl::string_view kind);
absl::Status UnitKindTaken(absl::string_view field, absl::string_view existing);

}  // namespace rakor::registry::errors
