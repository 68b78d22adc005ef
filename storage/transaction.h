// The unit of work every repository writes through, whichever engine is below it:
// statements in SQL both dialects accept, with `$1`, `$2`, ... parameters (each one
// given used by the statement: PostgreSQL cannot type one it does not see), run in
// one transaction that Database::Write or Database::Read opened.
//
// Engine errors are thrown from Exec and Query as they are (SQLite::Exception,
// pqxx::sql_error) and become absl::Status where the transaction ends, in
// Database::Write and Database::Read, alike for both engines (storage_status.h).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"

namespace rakor::storage {

enum class Dialect { kSqlite, kPostgres };

// A statement parameter.
struct SqlValue {
  enum class Kind { kNull, kInt, kText, kBlob };
  Kind kind = Kind::kNull;
  int64_t number = 0;
  std::string bytes;

  static SqlValue Null() { return {}; }
  static SqlValue Int(int64_t v) { return {Kind::kInt, v, {}}; }
  static SqlValue Text(std::string v) { return {Kind::kText, 0, std::move(v)}; }
  static SqlValue Blob(std::string v) { return {Kind::kBlob, 0, std::move(v)}; }
  // NULL for "": an absent reference.
  static SqlValue OptionalText(std::string v) { return v.empty() ? Null() : Text(std::move(v)); }
};

// One result row: each column's value as bytes (integers in decimal), or none for
// NULL.
class SqlRow {
 public:
  explicit SqlRow(std::vector<std::optional<std::string>> values) : values_(std::move(values)) {}
  bool IsNull(int column) const { return !values_.at(column).has_value(); }
  // NULL reads as "" and 0.
  const std::string& Text(int column) const {
    static const std::string kEmpty;
    return values_.at(column).has_value() ? *values_[column] : kEmpty;
  }
  const std::string& Blob(int column) const { return Text(column); }
  int64_t Int(int column) const {
    int64_t v = 0;
    if (values_.at(column).has_value()) (void)absl::SimpleAtoi(*values_[column], &v);
    return v;
  }

 private:
  std::vector<std::optional<std::string>> values_;
};

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual Dialect dialect() const = 0;
  virtual void Exec(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
  virtual std::vector<SqlRow> Query(std::string_view sql,
                                    const std::vector<SqlValue>& params = {}) = 0;
  // Runs `body` in a savepoint: if it fails (an error status, or a statement's
  // error, which becomes its status), what it wrote is undone and the transaction
  // goes on without it. What ends the whole transaction (a lost connection, a
  // serialization failure, an I/O error) still propagates. Lets several requests'
  // writes share one transaction and one durable commit.
  virtual absl::Status Savepoint(const std::function<absl::Status()>& body) = 0;
};

}  // namespace rakor::storage
