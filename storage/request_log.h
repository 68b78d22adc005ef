// SQL for the request_ids table (AIP-155 idempotent creates), which every
// service's schema has in the same shape.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/errors.h"
#include "common/limits.h"
#include "common/request_key.h"
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

// AIP-155, inside a write's transaction: the response an earlier request with the
// same id was answered with, or none. The same id with a different request is
// refused; an over-long id too, both in the service's error `domain`.
template <typename Response>
absl::StatusOr<std::optional<Response>> Replay(Transaction& txn, const RequestKey& key,
                                               absl::string_view domain) {
  if (key.request_id.empty()) return std::optional<Response>();
  if (key.request_id.size() > limits::kMaxRequestIdBytes) {
    return errors::TooLong(domain, "request_id", limits::kMaxRequestIdBytes);
  }
  std::optional<RecordedRequest> recorded = RequestLog::Find(txn, key.request_id);
  if (!recorded.has_value()) return std::optional<Response>();
  Response response;
  if (recorded->request != key.request || !response.ParseFromString(recorded->response)) {
    return errors::RequestIdReused(domain, key.request_id);
  }
  return std::optional<Response>(std::move(response));
}

}  // namespace rakor::storage
