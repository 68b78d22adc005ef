#include "absl/strings/string_view.h"
#include "services/common/rpc_log.h"

#include <atomic>
#include <memory>

#include "absl/strings/str_cat.h"
#include "spdlog/async.h"
#include "spdlog/sinks/stdout_sinks.h"
#include "spdlog/spdlog.h"

namespace rakor {
namespace {

std::atomic<bool> g_enabled{true};

// Asynchronous, so that a slow stderr never holds up a reply.
spdlog::logger& RpcLogger() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    auto l = spdlog::create_async_nb<spdlog::sinks::stderr_sink_mt>("rpc");
    l->set_pattern("%v");
    return l;
  }();
  return *logger;
}

std::string JsonEscape(absl::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out;
}

}  // namespace

void EnableRpcLog(bool enabled) { g_enabled = enabled; }

void LogRpc(absl::string_view method, const absl::Status& status, absl::Duration latency,
            absl::string_view peer) {
  if (!g_enabled) return;
  RpcLogger().info(absl::StrCat(
      R"({"ts":")", absl::FormatTime(absl::RFC3339_full, absl::Now(), absl::UTCTimeZone()),
      R"(","method":")", method, R"(","code":")", absl::StatusCodeToString(status.code()),
      R"(","latency_us":)", absl::ToInt64Microseconds(latency), R"(,"peer":")",
      JsonEscape(peer), R"(")",
      status.ok() ? "" : absl::StrCat(R"(,"message":")", JsonEscape(status.message()), R"(")"),
      "}"));
}

}  // namespace rakor
