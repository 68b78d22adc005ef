// Validity intervals [valid_from, valid_until).
#pragma once

#include <string>

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "common/time.h"

namespace rakor::registry {

// Defaults valid_from to `default_from` and rounds both ends.
template <typename T>
void NormalizeInterval(T* entity, absl::Time default_from) {
  if (!entity->has_valid_from()) *entity->mutable_valid_from() = ToProto(default_from);
  RoundToStoredPrecision(entity->mutable_valid_from());
  if (entity->has_valid_until()) RoundToStoredPrecision(entity->mutable_valid_until());
}

template <typename T>
absl::Time ValidUntil(const T& entity) {
  return entity.has_valid_until() ? FromProto(entity.valid_until()) : absl::InfiniteFuture();
}

// Whether `outer`'s interval contains all of `inner`'s.
template <typename A, typename B>
bool Covers(const A& outer, const B& inner) {
  return FromProto(outer.valid_from()) <= FromProto(inner.valid_from()) &&
         ValidUntil(inner) <= ValidUntil(outer);
}

// "[2024-06-26T16:00:00Z, 2025-01-01T00:00:00Z)", or "..., forever)" when open.
template <typename T>
std::string IntervalText(const T& entity) {
  auto format = [](absl::Time t) {
    return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
  };
  return "[" + format(FromProto(entity.valid_from())) + ", " +
         (entity.has_valid_until() ? format(FromProto(entity.valid_until())) : "forever") + ")";
}

// Whether two entities' intervals share an instant.
template <typename A, typename B>
bool Overlaps(const A& a, const B& b) {
  return FromProto(a.valid_from()) < ValidUntil(b) && FromProto(b.valid_from()) < ValidUntil(a);
}

}  // namespace rakor::registry
