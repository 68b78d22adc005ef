// A throwaway PostgreSQL 15 server for the tests, as CI runs it on a fresh machine:
// initdb and pg_ctl as the `postgres` user when the tests run as root (both refuse
// root), a short socket directory under /tmp, no TCP (`listen_addresses=''`), and
// fsync off. Started once per test binary, on first use, and stopped at exit; each
// test gets a database of its own.
//
// Without PostgreSQL installed the tests that need it skip, unless
// RAKOR_REQUIRE_POSTGRES is set (scripts/test.sh sets it), when they fail.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "gtest/gtest.h"

namespace rakor::testing {

class PostgresServer {
 public:
  static constexpr char kBin[] = "/usr/lib/postgresql/15/bin";

  // The running server, or null (with the reason in `why`) if it cannot run here.
  static PostgresServer* Get(std::string* why) {
    static PostgresServer* server = [] {
      auto* s = new PostgresServer();
      if (!s->Start()) {
        why_not() = s->error_;
        delete s;
        return static_cast<PostgresServer*>(nullptr);
      }
      std::atexit([] { Get(nullptr)->Stop(); });
      return s;
    }();
    if (server == nullptr && why != nullptr) *why = why_not();
    return server;
  }

  // A new, empty database; its URI (no password: the server trusts local users).
  std::string NewDatabase() {
    const std::string name = "t" + std::to_string(getpid()) + "_" + std::to_string(++databases_);
    Run(std::string(kBin) + "/createdb -h " + dir_ + " -U postgres " + name, false);
    return Uri(name);
  }

  std::string Uri(const std::string& database) const {
    return "postgresql:///" + database + "?host=" + dir_ + "&user=postgres";
  }

 private:
  static std::string& why_not() {
    static std::string why;
    return why;
  }

  bool Start() {
    if (!std::filesystem::exists(std::string(kBin) + "/initdb")) {
      error_ = "PostgreSQL 15 is not installed (Debian: postgresql-15)";
      return false;
    }
    char dir[] = "/tmp/rkpg.XXXXXX";  // short: a socket path has a 107-byte limit
    if (mkdtemp(dir) == nullptr) {
      error_ = "mkdtemp failed";
      return false;
    }
    dir_ = dir;
    as_postgres_ = geteuid() == 0;
    if (as_postgres_ && std::system(("chown postgres " + dir_).c_str()) != 0) {
      error_ = "cannot chown " + dir_ + " to postgres";
      return false;
    }
    if (!Run(std::string(kBin) + "/initdb -D " + dir_ + "/data -A trust -U postgres --no-sync",
             true) ||
        !Run(std::string(kBin) + "/pg_ctl -D " + dir_ + "/data -l " + dir_ + "/log -w -o \"-k " +
                 dir_ + " -c listen_addresses='' -c fsync=off -c max_connections=200\" start",
             true)) {
      error_ = "PostgreSQL did not start; see " + dir_ + "/log";
      return false;
    }
    return true;
  }

  void Stop() {
    Run(std::string(kBin) + "/pg_ctl -D " + dir_ + "/data -m immediate -w stop", true);
    std::filesystem::remove_all(dir_);
  }

  // Runs `command` (as postgres when we are root); true if it succeeded.
  bool Run(const std::string& command, bool quiet) {
    const std::string line = (as_postgres_ ? "runuser -u postgres -- " : "") + command +
                             (quiet ? " >/dev/null 2>&1" : "");
    return std::system(line.c_str()) == 0;
  }

  std::string dir_;
  std::string error_;
  bool as_postgres_ = false;
  int databases_ = 0;
};

// In a test: a fresh database's URI, or skip (fail if PostgreSQL is required).
#define RAKOR_POSTGRES_DATABASE_OR_SKIP(uri)                               \
  std::string uri;                                                         \
  {                                                                        \
    std::string why;                                                       \
    auto* server = ::rakor::testing::PostgresServer::Get(&why);            \
    if (server == nullptr) {                                               \
      if (std::getenv("RAKOR_REQUIRE_POSTGRES") != nullptr) FAIL() << why; \
      GTEST_SKIP() << why;                                                 \
    }                                                                      \
    uri = server->NewDatabase();                                           \
  }

}  // namespace rakor::testing
