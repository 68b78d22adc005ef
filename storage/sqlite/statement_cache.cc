#include "storage/sqlite/statement_cache.h"

#include "absl/strings/str_cat.h"

namespace rakor::storage {

StatementCache::Prepared& StatementCache::Get(std::string_view sql, size_t params) {
  auto it = statements_.find(absl::string_view(sql.data(), sql.size()));
  if (it == statements_.end()) {
    if (statements_.size() >= kCapacity) statements_.clear();
    // Prepared before it is stored: a statement that does not compile is not kept.
    auto stmt = std::make_unique<SQLite::Statement>(db_, std::string(sql));
    it = statements_.emplace(std::string(sql), Prepared{std::move(stmt), {}}).first;
  }
  Prepared& prepared = it->second;
  // `$n` is SQLite's named parameter "$n"; a parameter the statement does not use
  // is skipped, as PostgreSQL would refuse it.
  for (size_t i = prepared.indexes.size(); i < params; ++i) {
    prepared.indexes.push_back(prepared.stmt->getIndex(absl::StrCat("$", i + 1).c_str()));
  }
  return prepared;
}

StatementCache::Use::Use(Prepared& prepared, const std::vector<SqlValue>& params)
    : stmt(*prepared.stmt) {
  const std::vector<int>& indexes = prepared.indexes;
  stmt.clearBindings();
  for (size_t i = 0; i < params.size(); ++i) {
    const int index = indexes[i];
    if (index == 0) continue;
    const SqlValue& v = params[i];
    switch (v.kind) {
      case SqlValue::Kind::kNull:
        stmt.bind(index);
        break;
      case SqlValue::Kind::kInt:
        stmt.bind(index, static_cast<int64_t>(v.number));
        break;
      case SqlValue::Kind::kText:
        stmt.bind(index, v.bytes);
        break;
      case SqlValue::Kind::kBlob:
        stmt.bind(index, v.bytes.data(), static_cast<int>(v.bytes.size()));
        break;
    }
  }
}

}  // namespace rakor::storage
