// What the write benchmarks share: a rate with its latencies, the raw SQLiteCpp
// baseline (one INSERT per transaction with the services' settings), and a set of
// concurrent writers.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Transaction.h"
#include "grpcpp/support/status.h"

namespace rakor::bench {

using Clock = std::chrono::steady_clock;

struct Rate {
  double per_second = 0;
  double p50_ms = 0, p99_ms = 0;
};

inline double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

inline Rate RateOf(const std::vector<double>& latencies_ms, Clock::time_point start) {
  Rate rate;
  rate.per_second =
      latencies_ms.size() / std::chrono::duration<double>(Clock::now() - start).count();
  rate.p50_ms = Percentile(latencies_ms, 0.5);
  rate.p99_ms = Percentile(latencies_ms, 0.99);
  return rate;
}

// One INSERT of `payload_bytes` per BEGIN IMMEDIATE ... COMMIT for `seconds`, on a
// fresh file with the services' settings (WAL, synchronous=FULL).
inline Rate RawSqlite(const std::string& path, int seconds, size_t payload_bytes = 600) {
  std::remove(path.c_str());
  Rate rate;
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("PRAGMA synchronous=FULL");
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)");
    SQLite::Statement insert(db, "INSERT INTO t (payload) VALUES (?)");
    const std::string payload(payload_bytes, 'x');
    std::vector<double> latencies;
    const auto end = Clock::now() + std::chrono::seconds(seconds);
    const auto start = Clock::now();
    while (Clock::now() < end) {
      const auto t0 = Clock::now();
      SQLite::Transaction txn(db, SQLite::TransactionBehavior::IMMEDIATE);
      insert.bind(1, payload.data(), static_cast<int>(payload.size()));
      insert.exec();
      insert.reset();
      txn.commit();
      latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    rate = RateOf(latencies, start);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  return rate;
}

// `clients` threads calling `write(client, n)` (n counts every write) until
// `seconds` pass, or until `count` writes are done if `count` > 0. A failed write
// ends the benchmark: a rate of failures would mean nothing.
inline Rate RunWriters(int clients, int seconds, int count,
                       const std::function<grpc::Status(int client, int n)>& write) {
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  std::vector<std::vector<double>> latencies(clients);
  const auto start = Clock::now();
  const auto end = start + std::chrono::seconds(seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      while (count > 0 || Clock::now() < end) {
        const int n = next.fetch_add(1);
        if (count > 0 && n >= count) break;
        const auto t0 = Clock::now();
        const grpc::Status status = write(c, n);
        latencies[c].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (!status.ok()) {
          std::fprintf(stderr, "write: %s\n", status.error_message().c_str());
          failed = true;
          break;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  if (failed) std::exit(1);
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  return RateOf(all, start);
}

}  // namespace rakor::bench
