#include "services/common/rpc_log.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "spdlog/sinks/base_sink.h"
#include "spdlog/spdlog.h"

namespace rakor {
namespace {

std::atomic<bool> g_enabled{true};

// A sink writing to a block-buffered copy of stderr: one write(2) per 64 KiB or per
// flush, instead of one per line.
class BufferedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  BufferedStderrSink() : file_(fdopen(dup(STDERR_FILENO), "a")) {
    if (file_ != nullptr) setvbuf(file_, nullptr, _IOFBF, 64 * 1024);
  }
  ~BufferedStderrSink() override {
    if (file_ != nullptr) fclose(file_);
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    if (file_ == nullptr) return;
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    fwrite(line.data(), 1, line.size(), file_);
  }
  void flush_() override {
    if (file_ != nullptr) fflush(file_);
  }

 private:
  FILE* file_;
};

spdlog::logger& RpcLogger() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    auto l = std::make_shared<spdlog::logger>("rpc", std::make_shared<BufferedStderrSink>());
    // spdlog formats the time itself, caching the seconds part between lines.
    l->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ",%v})", spdlog::pattern_time_type::utc);
    l->flush_on(spdlog::level::err);
    spdlog::register_logger(l);
    spdlog::flush_every(std::chrono::seconds(1));
    return l;
  }();
  return *logger;
}

void AppendJsonString(std::string* out, absl::string_view s) {
  out->push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') out->push_back('\\');
    if (static_cast<unsigned char>(c) >= 0x20) out->push_back(c);
  }
  out->push_back('"');
}

}  // namespace

void EnableRpcLog(bool enabled) { g_enabled = enabled; }
bool RpcLogEnabled() { return g_enabled; }

void LogRpc(absl::string_view method, const absl::Status& status, absl::Duration latency,
            absl::string_view peer) {
  if (!g_enabled) return;
  std::string line = absl::StrCat(R"("method":")", method, R"(","code":")",
                                  absl::StatusCodeToString(status.code()), R"(","latency_us":)",
                                  absl::ToInt64Microseconds(latency), R"(,"peer":)");
  AppendJsonString(&line, peer);
  if (!status.ok()) {
    line += R"(,"message":)";
    AppendJsonString(&line, status.message());
  }
  RpcLogger().info(line);
}

void AuditRefusal(absl::string_view method, absl::string_view caller, absl::string_view peer,
                  const absl::Status& status) {
  std::string line = absl::StrCat(R"("audit":"refused","method":")", method, R"(","code":")",
                                  absl::StatusCodeToString(status.code()), R"(","caller":)");
  AppendJsonString(&line, caller);
  line += R"(,"peer":)";
  AppendJsonString(&line, peer);
  line += R"(,"message":)";
  AppendJsonString(&line, status.message());
  RpcLogger().warn(line);
}

void FlushRpcLog() { RpcLogger().flush(); }

}  // namespace rakor
