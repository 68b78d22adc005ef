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
// The audit line of a refused call (unauthenticated, denied, or over its caller's
// limit): written whether or not the RPC log is enabled.
void AuditRefusal(absl::string_view method, absl::string_view caller, absl::string_view peer,
                  const absl::Status& status);
// Writes out what is buffered; call before exit.
void FlushRpcLog();

}  // namespace rakor
