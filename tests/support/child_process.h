// A server binary as a child process, for the process tests: started with its
// arguments, its stderr read until it says which port it serves on, then read on
// (so that it never blocks on a full pipe) until it exits.
#pragma once

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace rakor::testing {

struct Child {
  pid_t pid = -1;
  int port = 0;
  std::string log;     // stderr up to the "serving" line
  std::thread reader;  // appends the rest to *rest
  std::shared_ptr<std::string> rest = std::make_shared<std::string>();

  Child() = default;
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  // A test that fails before stopping its child does not leave it running.
  ~Child() {
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
    if (reader.joinable()) reader.join();
  }
};

// Runs `binary args...`; reads its stderr until `ready(line, child)` says so (or
// the child exits), then reads on in the background.
inline std::unique_ptr<Child> SpawnChild(const std::string& binary, std::vector<std::string> args,
                                         const std::function<bool(const char*, Child&)>& ready) {
  auto child = std::make_unique<Child>();
  int fds[2];
  if (pipe(fds) != 0) return child;
  args.insert(args.begin(), binary);
  // Built before fork: the child of a threaded process may call only
  // async-signal-safe functions until it execs, and an allocation there can wait
  // forever on a lock another thread held at the fork (seen under AddressSanitizer).
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  child->pid = fork();
  if (child->pid == 0) {
    dup2(fds[1], STDERR_FILENO);
    close(fds[0]);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(fds[1]);
  FILE* err = fdopen(fds[0], "r");
  char line[4096];
  while (fgets(line, sizeof line, err) != nullptr) {
    child->log += line;
    if (ready(line, *child)) break;
  }
  child->reader = std::thread([err, rest = child->rest] {
    char more[4096];
    while (fgets(more, sizeof more, err) != nullptr) *rest += more;
    fclose(err);
  });
  return child;
}

// Runs `binary args...`; waits for "<name>: serving on port N" on stderr (port 0
// in the Child if it never comes).
inline std::unique_ptr<Child> StartChild(const std::string& binary, const std::string& name,
                                         std::vector<std::string> args) {
  const std::string serving = name + ": serving on port %d";
  return SpawnChild(binary, std::move(args), [&](const char* line, Child& child) {
    return sscanf(line, serving.c_str(), &child.port) == 1;
  });
}

// A shell command run to its end: what it printed on stdout (add 2>&1 for stderr)
// and its exit code (-1 if it did not exit).
struct ShellRun {
  int code = -1;
  std::string out;
};
inline ShellRun RunShell(const std::string& command) {
  ShellRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
  const int status = pclose(pipe);
  run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// A loopback port free now, so that a server can come back on the same one.
inline int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

// Waits for the child to exit; returns its wait status.
inline int Wait(Child& child) {
  int status = 0;
  waitpid(child.pid, &status, 0);
  child.pid = -1;  // reaped: the number may be another process's from now on
  if (child.reader.joinable()) child.reader.join();
  return status;
}

// SIGTERM, then waits; true if it exited 0.
inline bool Stop(Child& child) {
  if (child.pid <= 0) return true;
  kill(child.pid, SIGTERM);
  const int status = Wait(child);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace rakor::testing
