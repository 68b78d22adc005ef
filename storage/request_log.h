// SQL for the request_ids table (AIP-155 idempotent creates), which every
// service's schema has in the same shape.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "storage/transaction.h"

namespace rakor::storage {

struct RecordedRequest {
  std::string request;   // the deterministic serialisation of the first request
  std::string resource;  // the name of what it created
  std::string response;  // the serialised response it was answered with
};

class RequestLog {
 public:
  static std::optional<RecordedRequest> Find(Transaction& txn, const std::string& request_id);
  static void Record(Transaction& txn, const std::string& request_id,
                     const RecordedRequest& request, int64_t create_time_micros);
};

}  // namespace rakor::storage
