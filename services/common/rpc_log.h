// One structured (JSON) log line per RPC: method, canonical code, latency.
#pragma once

#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace rakor {

void EnableRpcLog(bool enabled);
void LogRpc(absl::string_view method, const absl::Status& status, absl::Duration latency,
            absl::string_view peer);

}  // namespace rakor
