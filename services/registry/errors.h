// Every error the registry returns, one named factory each, so that messages are
// uniform (they name the field or resource and the rule) and tests can match them.
// Each carries google.rpc.ErrorInfo (reason, domain "registry.rakor") and, for bad
// fields, google.rpc.BadRequest naming the field.
#pragma once

#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace rakor::registry::errors {

// INVALID_ARGUMENT
absl::Status MalformedName(absl::string_view field, absl::string_view value,
                           absl::string_view pattern);
absl::Status InvalidField(absl::string_view field, absl::string_view rule);
absl::Status RequiredField(absl::string_view field);
absl::Status MalformedCitation(absl::string_view field, absl::string_view value);
absl::Status InvalidPageToken();
absl::Status InvalidFilter(absl::string_view filter, absl::string_view reason);
absl::Status RequestIdReused(absl::string_view request_id);

// NOT_FOUND
absl::Status RegionNotFound(absl::string_view name);
absl::Status UnitNotFound(absl::string_view name);
absl::Status UnitNotValidAt(absl::string_view name, absl::Time as_of);
absl::Status NoCoordinator(absl::string_view unit, absl::Time as_of);
absl::Status NoRelationshipRule(absl::string_view region, absl::string_view kind_a,
                                absl::string_view kind_b);
absl::Status NoUnitOfKind(absl::string_view region, absl::string_view kind, absl::Time as_of);

// ALREADY_EXISTS
absl::Status RegionAlreadyExists(absl::string_view name);
absl::Status UnitAlreadyExists(absl::string_view name);

// ABORTED
absl::Status StaleEtag(absl::string_view name, absl::string_view sent, absl::string_view current);

// FAILED_PRECONDITION
absl::Status NotAnAsisten(absl::string_view field, absl::string_view unit);
absl::Status DifferentRegions(absl::string_view field, absl::string_view a, absl::string_view b);
absl::Status CoordinationOverlaps(absl::string_view unit, absl::string_view existing);
absl::Status UnitStillReferenced(absl::string_view unit, absl::string_view by);
absl::Status NotInReportingChain(absl::string_view unit, absl::string_view kind);
absl::Status UnitKindTaken(absl::string_view field, absl::string_view existing);

}  // namespace rakor::registry::errors
