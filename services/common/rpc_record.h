// What every finished RPC leaves behind, written once: its count and latency in
// the metrics, and its log line.
#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/common/metrics.h"
#include "services/common/rpc_log.h"

namespace rakor {

inline void RecordRpc(absl::string_view method, const absl::Status& status, absl::Duration latency,
                      absl::string_view peer) {
  CountRpc(method, status.code(), latency);
  if (RpcLogEnabled()) LogRpc(method, status, latency, peer);
}

}  // namespace rakor
