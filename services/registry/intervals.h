// Validity intervals [valid_from, valid_until).
#pragma once

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

// Whether two entities' intervals share an instant.
template <typename A, typename B>
bool Overlaps(const A& a, const B& b) {
  return FromProto(a.valid_from()) < ValidUntil(b) && FromProto(b.valid_from()) < ValidUntil(a);
}

}  // namespace rakor::registry
