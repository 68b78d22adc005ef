#include "services/common/caller_identity.h"

#include "absl/strings/string_view.h"

namespace rakor {

absl::StatusOr<Caller> CallerOf(const grpc::CallbackServerContext& call, bool trust_metadata) {
  if (!trust_metadata) return Caller::Anonymous();
  const auto& metadata = call.client_metadata();
  auto it = metadata.find(kActorMetadataKey);
  if (it == metadata.end()) return Caller::Anonymous();
  return ParseCaller(kActorMetadataKey, absl::string_view(it->second.data(), it->second.size()));
}

}  // namespace rakor
