// What the scheduling and reporting fuzz targets run on: the three services on
// temporary SQLite files, the registry seeded with the three regions and scheduling
// with its series, each service reaching the others over loopback through its real
// client, as in production. Built once per process.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "absl/time/civil_time.h"
#include "common/caller.h"
#include "common/clock.h"
#include "grpcpp/server.h"
#include "services/registry/registry.h"
#include "services/registry/service.h"
#include "services/reporting/clients/upstream.h"
#include "services/reporting/reporting.h"
#include "services/scheduling/clients/registry_directory.h"
#include "services/scheduling/scheduling.h"
#include "services/scheduling/service.h"

namespace rakor::fuzz {

struct ServicesEnvironment {
  FakeClock clock{absl::FromCivil(absl::CivilSecond(2026, 11, 23, 9, 0, 0), absl::UTCTimeZone())};
  std::unique_ptr<registry::Registry> registry;
  std::unique_ptr<registry::RegistryServiceImpl> registry_service;
  std::unique_ptr<grpc::Server> registry_server;
  std::unique_ptr<scheduling::RegistryDirectory> directory;
  std::unique_ptr<scheduling::Scheduling> scheduling;
  std::unique_ptr<scheduling::SchedulingServiceImpl> scheduling_service;
  std::unique_ptr<grpc::Server> scheduling_server;
  std::unique_ptr<reporting::Upstream> upstream;
  std::unique_ptr<reporting::Reporting> reporting;

  static ServicesEnvironment& Get();
};

// The callers a fuzz input's second byte picks among: officials on a document's
// route and off it, another region's, a national role, a service, anonymous.
int CallerCount();
const Caller& CallerAt(uint8_t index);

// With $RAKOR_FUZZ_CORPUS set, writes `input` there as a file: the smoke runs' valid
// inputs seed a libFuzzer corpus (tests/fuzz/README.md).
void AddToCorpus(const std::string& input);

// Aborts, printing the request, when `status` is INTERNAL or UNKNOWN: a bug, not
// bad input.
void AbortOnBug(const google::protobuf::Message& request, const absl::Status& status);

}  // namespace rakor::fuzz
