// A connection's prepared statements, kept for reuse by their SQL text. Preparing
// costs more than running most of the services' statements (the registry's unit
// upsert: 16 parameters and an ON CONFLICT clause), so each is prepared once per
// connection, as a hand-written loop would. The SQL comes from the repositories, a
// fixed set; the cache is bounded all the same. Not thread-safe: the connection's
// own mutex covers it.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Statement.h"
#include "absl/container/flat_hash_map.h"
#include "storage/transaction.h"

namespace rakor::storage {

class StatementCache {
  struct Prepared;

 public:
  explicit StatementCache(SQLite::Database& db) : db_(db) {}

  // One use of a statement with `params` bound; reset when the use ends, even by
  // an exception, so that a statement kept here holds no lock and no stale binding.
  class Use {
   public:
    Use(StatementCache& cache, std::string_view sql, const std::vector<SqlValue>& params)
        : Use(cache.Get(sql, params.size()), params) {}
    ~Use() { stmt.tryReset(); }
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;

    SQLite::Statement& stmt;

   private:
    Use(Prepared& prepared, const std::vector<SqlValue>& params);
  };

 private:
  struct Prepared {
    std::unique_ptr<SQLite::Statement> stmt;
    // The bind index of `$n` at [n - 1]; 0 where the statement does not use it.
    std::vector<int> indexes;
  };
  static constexpr size_t kCapacity = 256;

  Prepared& Get(std::string_view sql, size_t params);

  SQLite::Database& db_;
  absl::flat_hash_map<std::string, Prepared> statements_;
};

}  // namespace rakor::storage
