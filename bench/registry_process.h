// The real rakor-registry binary as a child process for the C++ benchmarks: started
// on a free loopback port, its memory read from /proc, stopped with SIGTERM.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace rakor::bench {

class RegistryProcess {
 public:
  // Runs `binary --listen=127.0.0.1:0 --rpc_log=false <args>` and waits until it
  // says which port it serves on. Throws if it does not.
  RegistryProcess(const std::string& binary, std::vector<std::string> args) {
    args.insert(args.begin(), {binary, "--listen=127.0.0.1:0", "--rpc_log=false"});
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDERR_FILENO);
      close(fds[0]);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(fds[1]);
    err_ = fdopen(fds[0], "r");
    char line[4096];
    std::string log;
    while (fgets(line, sizeof line, err_) != nullptr) {
      log += line;
      if (sscanf(line, "rakor-registry: serving on port %d", &port_) == 1) return;
    }
    throw std::runtime_error("rakor-registry did not start:\n" + log);
  }

  ~RegistryProcess() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    fclose(err_);
  }

  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

  // User and system CPU time so far, in seconds.
  double CpuSeconds() const {
    std::ifstream stat("/proc/" + std::to_string(pid_) + "/stat");
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
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
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
  pid_t pid_ = -1;
  int port_ = 0;
  FILE* err_ = nullptr;
};

}  // namespace rakor::bench
