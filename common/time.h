// google.protobuf.Timestamp <-> absl::Time, and the precision rakor keeps times in.
// The only place the two time types meet.
#pragma once

#include <cstdint>

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace rakor {

inline absl::Time FromProto(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

inline google::protobuf::Timestamp ToProto(absl::Time t) {
  google::protobuf::Timestamp ts;
  const int64_t seconds = absl::ToUnixSeconds(t);  // rounds down, so nanos >= 0
  ts.set_seconds(seconds);
  ts.set_nanos(static_cast<int32_t>(
      absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
  return ts;
}

// google.protobuf.Timestamp's documented range: 0001-01-01 to 9999-12-31, nanos in
// [0, 1e9).
inline bool IsValidTimestamp(const google::protobuf::Timestamp& ts) {
  return ts.seconds() >= -62135596800 && ts.seconds() <= 253402300799 && ts.nanos() >= 0 &&
         ts.nanos() < 1000000000;
}

// Every stored time is whole microseconds since the Unix epoch (UTC), so every time
// a service accepts is rounded down to that precision first: what a client reads
// back is exactly what was stored.
inline int64_t UnixMicros(absl::Time t) { return absl::ToUnixMicros(t); }
inline absl::Time TimeFromUnixMicros(int64_t us) { return absl::FromUnixMicros(us); }
inline absl::Time StoredPrecision(absl::Time t) { return TimeFromUnixMicros(UnixMicros(t)); }
inline void RoundToStoredPrecision(google::protobuf::Timestamp* ts) {
  *ts = ToProto(StoredPrecision(FromProto(*ts)));
}
inline int64_t TimestampMicros(const google::protobuf::Timestamp& ts) {
  return UnixMicros(FromProto(ts));
}
inline google::protobuf::Timestamp TimestampFromMicros(int64_t us) {
  return ToProto(TimeFromUnixMicros(us));
}

}  // namespace rakor
