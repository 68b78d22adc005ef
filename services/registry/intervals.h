// Validity intervals [valid_from, valid_until) and the microsecond precision in
// which they are stored.
#pragma once

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "services/common/proto_time.h"

namespace rakor::registry {

// Storage keeps microseconds: round every time we accept to what we will return.
inline absl::Time Micro(absl::Time t) { return FromMicros(ToMicros(t)); }
inline void NormalizeTimestamp(google::protobuf::Timestamp* ts) {
  *ts = ToProto(Micro(FromProto(*ts)));
}

// Defaults valid_from to `default_from` and rounds both ends.
template <typename T>
void NormalizeInterval(T* entity, absl::Time default_from) {
  if (!entity->has_valid_from()) *entity->mutable_valid_from() = ToProto(default_from);
  NormalizeTimestamp(entity->mutable_valid_from());
  if (entity->has_valid_until()) NormalizeTimestamp(entity->mutable_valid_until());
}

template <typename T>
absl::Time ValidUntil(const T& entity) {
  return entity.has_valid_until() ? FromProto(entity.valid_until()) : absl::InfiniteFuture();
}

// Whether two entities' intervals share an instant.
template <typename A, typename B>
bool Overlaps(const A& a, const B& b) {
  return FromProto(a.valid_from()) < ValidUntil(b) && FromProto(b.valid_from()) < ValidUntil(a);
}

}  // namespace rakor::registry
