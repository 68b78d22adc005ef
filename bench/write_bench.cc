// rakor-bench-writes: durable writes per second against the real rakor-registry (a
// child process), with 32 clients updating the seeded regions' units (a new contact
// address each time), on the seeded database and again after 10,000 more units in
// 100 more regions (national scale, created through the API), both as ratios:
// - the large database to the seeded one (aim: 0.8 or more: a write costs the size
//   of the change, not of the database);
// - each to a raw SQLiteCpp loop of one INSERT per transaction with the same
//   settings (WAL, synchronous=FULL) on the same file system, measured in the same
//   run (aim: 0.5 or more: rakor's own cost per durable write is at most the
//   commit's).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "SQLiteCpp/Database.h"
#include "SQLiteCpp/Transaction.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "bench/registry_process.h"
#include "bench/write_rates.h"
#include "grpcpp/grpcpp.h"
#include "pqxx/pqxx"
#include "rakor/registry/v1/registry_service.grpc.pb.h"

ABSL_FLAG(std::string, registry, "build/services/registry/rakor-registry",
          "the rakor-registry binary");
ABSL_FLAG(std::string, seed_dir, "data", "the seed directory");
ABSL_FLAG(std::string, work_dir, "/tmp", "where the database files go");
ABSL_FLAG(int, clients, 32, "concurrent writers");
ABSL_FLAG(int, seconds, 5, "length of each measured run");
ABSL_FLAG(int, units, 10000, "units added between the two registry runs");
ABSL_FLAG(std::string, postgres_registry_uri, "",
          "also measure the registry on this (empty) PostgreSQL database");
ABSL_FLAG(std::string, postgres_raw_uri, "",
          "the PostgreSQL database for the raw loop (another empty one)");

namespace {

namespace v1 = rakor::registry::v1;
using rakor::bench::Clock;
using rakor::bench::Percentile;
using rakor::bench::Rate;
using rakor::bench::RateOf;
using rakor::bench::RawSqlite;
using rakor::bench::RunWriters;

// The same loop through libpqxx on PostgreSQL (durable: synchronous_commit on).
Rate RawPostgres(const std::string& uri, int seconds) {
  pqxx::connection connection(uri);
  {
    pqxx::work setup(connection);
    setup.exec("DROP TABLE IF EXISTS raw_bench");
    setup.exec(
        "CREATE TABLE raw_bench (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
        "payload BYTEA NOT NULL)");
    setup.commit();
  }
  const std::string payload(600, 'x');
  std::vector<double> latencies;
  const auto start = Clock::now();
  const auto end = start + std::chrono::seconds(seconds);
  while (Clock::now() < end) {
    const auto t0 = Clock::now();
    pqxx::work txn(connection);
    txn.exec_params("INSERT INTO raw_bench (payload) VALUES ($1)", pqxx::binarystring(payload));
    txn.commit();
    latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  Rate rate;
  rate.per_second = latencies.size() / std::chrono::duration<double>(Clock::now() - start).count();
  rate.p50_ms = Percentile(latencies, 0.5);
  rate.p99_ms = Percentile(latencies, 0.99);
  return rate;
}

v1::Unit NewDinas(int n) {
  v1::Unit unit;
  unit.set_display_name("Dinas Bench " + std::to_string(n));
  unit.set_kind(v1::DINAS);
  unit.set_head_title("Kepala Dinas");
  unit.add_citations("Temanggung Pasal 16 ayat (3) huruf d");
  return unit;
}

// The registry's writers: `clients` threads over `stubs` (see RunWriters).
class Writers {
 public:
  using Write = std::function<grpc::Status(v1::RegistryService::Stub&, int)>;
  Writers(std::vector<std::unique_ptr<v1::RegistryService::Stub>>& stubs, int clients)
      : stubs_(stubs), clients_(clients) {}

  Rate Run(const Write& write, int seconds, int count = 0) {
    return RunWriters(clients_, seconds, count,
                      [&](int client, int n) { return write(*stubs_[client % stubs_.size()], n); });
  }

 private:
  std::vector<std::unique_ptr<v1::RegistryService::Stub>>& stubs_;
  const int clients_;
};

// Every unit of the seeded regions.
std::vector<std::string> SeededUnits(v1::RegistryService::Stub& stub) {
  std::vector<std::string> names;
  for (const char* region : {"regions/soppeng", "regions/temanggung", "regions/banjar"}) {
    v1::ListUnitsRequest list;
    list.set_parent(region);
    list.set_page_size(1000);
    v1::ListUnitsResponse page;
    grpc::ClientContext ctx;
    ctx.AddMetadata("rakor-actor", "national");
    if (!stub.ListUnits(&ctx, list, &page).ok()) std::exit(1);
    for (const auto& unit : page.units()) names.push_back(unit.name());
  }
  return names;
}

// 100 more regions, copies of Temanggung, for the units that make the database large.
std::vector<std::string> AddRegions(v1::RegistryService::Stub& stub, int count) {
  v1::GetRegionRequest get;
  get.set_name("regions/temanggung");
  v1::Region model;
  grpc::ClientContext get_ctx;
  if (!stub.GetRegion(&get_ctx, get, &model).ok()) std::exit(1);
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) {
    v1::CreateRegionRequest create;
    create.set_region_id(absl::StrFormat("bench-%03d", i));
    *create.mutable_region() = model;
    create.mutable_region()->clear_name();
    create.mutable_region()->clear_etag();
    v1::Region created;
    grpc::ClientContext ctx;
    ctx.AddMetadata("rakor-actor", "national");
    const grpc::Status status = stub.CreateRegion(&ctx, create, &created);
    if (!status.ok()) {
      std::fprintf(stderr, "CreateRegion: %s\n", status.error_message().c_str());
      std::exit(1);
    }
    names.push_back(created.name());
  }
  return names;
}

void Row(const char* what, const Rate& r, double to_seeded, double to_raw) {
  std::printf("%-34s %9.0f %8.2f %8.2f %10s %8s\n", what, r.per_second, r.p50_ms, r.p99_ms,
              to_seeded > 0 ? absl::StrFormat("%.2f", to_seeded).c_str() : "",
              to_raw > 0 ? absl::StrFormat("%.2f", to_raw).c_str() : "");
}

// The registry's three runs against `database` (seeded, filling, large).
struct RegistryRates {
  Rate seeded, fill, large;
};

RegistryRates MeasureRegistry(const std::string& database, int seconds, int clients) {
  RegistryRates rates;
  rakor::bench::RegistryProcess server(
      absl::GetFlag(FLAGS_registry),
      {"--database=" + database, "--seed_dir=" + absl::GetFlag(FLAGS_seed_dir)});
  std::vector<std::unique_ptr<v1::RegistryService::Stub>> stubs;
  for (int i = 0; i < 4; ++i) {
    grpc::ChannelArguments args;
    args.SetInt("rakor-bench-channel", i);
    stubs.push_back(v1::RegistryService::NewStub(
        grpc::CreateCustomChannel(server.address(), grpc::InsecureChannelCredentials(), args)));
  }
  Writers writers(stubs, clients);
  const std::vector<std::string> units = SeededUnits(*stubs[0]);
  int round = 0;
  auto update = [&](v1::RegistryService::Stub& stub, int n) {
    v1::UpdateUnitRequest request;
    request.mutable_unit()->set_name(units[n % units.size()]);
    request.mutable_unit()->set_contact_email(
        absl::StrFormat("kantor-%d-%d@example.go.id", round, n));
    request.mutable_update_mask()->add_paths("contact_email");
    v1::Unit updated;
    grpc::ClientContext ctx;
    ctx.AddMetadata("rakor-actor", "national");
    return stub.UpdateUnit(&ctx, request, &updated);
  };
  writers.Run(update, 1);  // warm-up
  ++round;
  rates.seeded = writers.Run(update, seconds);
  ++round;
  const std::vector<std::string> regions = AddRegions(*stubs[0], 100);
  rates.fill = writers.Run(
      [&](v1::RegistryService::Stub& stub, int n) {
        v1::CreateUnitRequest request;
        request.set_parent(regions[n % regions.size()]);
        request.set_unit_id(absl::StrFormat("bench-%d", n));
        *request.mutable_unit() = NewDinas(n);
        v1::Unit created;
        grpc::ClientContext ctx;
        ctx.AddMetadata("rakor-actor", "national");
        return stub.CreateUnit(&ctx, request, &created);
      },
      0, absl::GetFlag(FLAGS_units));
  rates.large = writers.Run(update, seconds);
  return rates;
}

Rate Mean(const Rate& a, const Rate& b) {
  return {(a.per_second + b.per_second) / 2, (a.p50_ms + b.p50_ms) / 2, (a.p99_ms + b.p99_ms) / 2};
}

void Report(const std::string& engine, const Rate& raw, const RegistryRates& r) {
  Row(("raw " + engine + ", 1 insert per txn").c_str(), raw, 0, 0);
  Row(("registry on " + engine + ", seeded").c_str(), r.seeded, 1.0,
      r.seeded.per_second / raw.per_second);
  Row(("registry on " + engine + ", creating").c_str(), r.fill,
      r.fill.per_second / r.seeded.per_second, 0);
  Row(("registry on " + engine + ", large").c_str(), r.large,
      r.large.per_second / r.seeded.per_second, r.large.per_second / raw.per_second);
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string work = absl::GetFlag(FLAGS_work_dir);
  const std::string tag = std::to_string(getpid());
  const int seconds = absl::GetFlag(FLAGS_seconds);
  const int clients = absl::GetFlag(FLAGS_clients);
  const std::string db = work + "/rakor-bench-writes-" + tag + ".db";
  const std::string raw_db = work + "/rakor-bench-raw-" + tag + ".db";

  // Each raw loop runs before and after the registry's runs; the mean is the baseline.
  const Rate sqlite_before = RawSqlite(raw_db, seconds);
  const RegistryRates on_sqlite = MeasureRegistry(db, seconds, clients);
  const Rate sqlite_raw = Mean(sqlite_before, RawSqlite(raw_db, seconds));
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((db + suffix).c_str());

  const std::string pg_registry = absl::GetFlag(FLAGS_postgres_registry_uri);
  const std::string pg_raw = absl::GetFlag(FLAGS_postgres_raw_uri);
  Rate postgres_raw;
  RegistryRates on_postgres;
  if (!pg_registry.empty()) {
    const Rate before = RawPostgres(pg_raw, seconds);
    on_postgres = MeasureRegistry(pg_registry, seconds, clients);
    postgres_raw = Mean(before, RawPostgres(pg_raw, seconds));
  }

  std::printf(
      "rakor registry write benchmark: %d clients updating the seeded units for %d s\n"
      "per run, on the seeded database and after %d more units in 100 more regions\n\n",
      clients, seconds, absl::GetFlag(FLAGS_units));
  std::printf("%-34s %9s %8s %8s %10s %8s\n", "run", "writes/s", "p50_ms", "p99_ms", "to_seeded",
              "to_raw");
  Report("SQLite", sqlite_raw, on_sqlite);
  if (!pg_registry.empty()) Report("PostgreSQL", postgres_raw, on_postgres);
  std::printf(
      "\nraw: one thread, one INSERT per transaction with the registry's settings, the mean\n"
      "of a run before and one after the registry's. to_seeded: aim >= 0.8 for the large\n"
      "database. to_raw: aim >= 0.5. Every write is durable before it is acknowledged.\n");
  return 0;
}
