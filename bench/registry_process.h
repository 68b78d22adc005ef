// The real rakor-registry binary as a child process for the C++ benchmarks (the
// process tests' StartChild): on a free loopback port, its CPU and memory read from
// /proc, stopped with SIGTERM.
#pragma once

#include <unistd.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/child_process.h"

namespace rakor::bench {

class RegistryProcess {
 public:
  // Runs `binary --listen=127.0.0.1:0 --rpc_log=false --insecure_development <args>` and waits
  // until it says which port it serves on. Throws if it does not.
  RegistryProcess(const std::string& binary, std::vector<std::string> args) {
    // Each client of a benchmark stands for a user of its own: no per-caller limit.
    args.insert(args.begin(), {"--listen=127.0.0.1:0", "--rpc_log=false", "--insecure_development",
                               "--max_calls_per_caller=1000000"});
    child_ = rakor::testing::StartChild(binary, "rakor-registry", std::move(args));
    if (child_->port == 0) {
      throw std::runtime_error("rakor-registry did not start:\n" + child_->log);
    }
  }

  ~RegistryProcess() { rakor::testing::Stop(*child_); }

  std::string address() const { return "127.0.0.1:" + std::to_string(child_->port); }

  // User and system CPU time so far, in seconds.
  double CpuSeconds() const {
    std::ifstream stat("/proc/" + std::to_string(child_->pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
      if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
    }
    return ticks / sysconf(_SC_CLK_TCK);
  }

  // Resident memory, in KiB (VmRSS).
  long RssKiB() const {
    std::ifstream status("/proc/" + std::to_string(child_->pid) + "/status");
    std::string key;
    long value = 0;
    while (status >> key) {
      if (key == "VmRSS:") {
        status >> value;
        return value;
      }
      status.ignore(1 << 20, '\n');
    }
    return 0;
  }

 private:
  std::unique_ptr<rakor::testing::Child> child_;
};

}  // namespace rakor::bench
