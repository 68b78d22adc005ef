// StatusIs(code, message_matcher) and IsOk() for absl::Status, absl::StatusOr and
// grpc::Status.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "grpcpp/support/status.h"

namespace rakor::testing {

inline absl::Status ToAbsl(const absl::Status& s) { return s; }
template <typename T>
absl::Status ToAbsl(const absl::StatusOr<T>& s) {
  return s.status();
}
inline absl::Status ToAbsl(const grpc::Status& s) {
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()), s.error_message());
}

MATCHER_P2(StatusIs, code, message_matcher,
           "has code " + absl::StatusCodeToString(code) + " and a message that " +
               ::testing::DescribeMatcher<std::string>(message_matcher)) {
  const absl::Status status = ToAbsl(arg);
  *result_listener << "which is " << status;
  return status.code() == code &&
         ::testing::Matches(message_matcher)(std::string(status.message()));
}

MATCHER(IsOk, "is OK") {
  const absl::Status status = ToAbsl(arg);
  *result_listener << "which is " << status;
  return status.ok();
}

// An OK StatusOr whose value `value_matcher` accepts.
MATCHER_P(IsOkAndHolds, value_matcher,
          "is OK and holds a value that " + ::testing::DescribeMatcher<int64_t>(value_matcher)) {
  if (!arg.ok()) {
    *result_listener << "which is " << arg.status();
    return false;
  }
  *result_listener << "which holds " << *arg;
  return ::testing::Matches(value_matcher)(*arg);
}

}  // namespace rakor::testing
