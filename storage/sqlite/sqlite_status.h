// SQLite errors as canonical status codes.
#pragma once

#include <exception>
#include <string>

#include "SQLiteCpp/Exception.h"
#include "absl/status/status.h"

namespace rakor::storage {

absl::Status StatusFromSqlite(const SQLite::Exception& e);

// Runs `f` (returning absl::Status); a SQLite::Exception becomes its status.
template <typename F>
absl::Status CatchSqlite(F&& f) {
  try {
    return f();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  } catch (const std::exception& e) {  // a row without the column asked for
    return absl::InternalError(std::string("storage: ") + e.what());
  }
}

}  // namespace rakor::storage
