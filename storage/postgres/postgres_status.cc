#include "storage/postgres/postgres_status.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace rakor::storage {

absl::Status StatusFromPostgres(const pqxx::sql_error& e) {
  const std::string message = absl::StrCat("storage: ", e.what());
  const std::string& state = e.sqlstate();
  if (state == "23505") return absl::AlreadyExistsError(message);  // unique_violation
  if (absl::StartsWith(state, "23")) return absl::FailedPreconditionError(message);
  if (state == "40001" || state == "40P01") return absl::AbortedError(message);
  // lock_not_available (lock_timeout), query_canceled (statement_timeout)
  if (state == "55P03" || state == "57014") return absl::UnavailableError(message);
  if (absl::StartsWith(state, "08") || state == "57P01" || state == "57P02" || state == "57P03") {
    return absl::UnavailableError(message);  // connection lost, server shutting down
  }
  if (absl::StartsWith(state, "53")) return absl::ResourceExhaustedError(message);
  if (state == "XX001" || state == "XX002") return absl::DataLossError(message);
  return absl::InternalError(message);
}

}  // namespace rakor::storage
