// One structured (JSON) log line per RPC on stderr: time, method, canonical code,
// latency, peer, and the message of an error.
//
// Lines are buffered and written in batches (at least once a second, and at
// FlushRpcLog), so that logging costs a copy, not a system call, per RPC.
#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace rakor {

void EnableRpcLog(bool enabled);
bool RpcLogEnabled();
void LogRpc(absl::string_view method, const absl::Status& status, absl::Duration latency,
            absl::string_view peer);
// Writes out what is buffered; call before exit.
void FlushRpcLog();

}  // namespace rakor
