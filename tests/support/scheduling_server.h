// The scheduling service over loopback, asking the real registry (also over
// loopback, seeded) for regions and units: the fixture of the scheduling service
// tests, run on both engines.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rakor/scheduling/v1/scheduling_service.grpc.pb.h"
#include "services/common/channels.h"
#include "services/scheduling/clients/registry_directory.h"
#include "services/scheduling/seed_loader.h"
#include "services/scheduling/service.h"
#include "tests/support/postgres_server.h"
#include "tests/support/proto_matchers.h"
#include "tests/support/registry_server.h"
#include "tests/support/status_matchers.h"

namespace rakor::scheduling {

// Every test of a subclass runs on both engines when instantiated with
// ::testing::Values("sqlite", "postgres"): an embedded SQLite file, and PostgreSQL.
class SchedulingService : public rakor::testing::RegistryServerTest,
                          public ::testing::WithParamInterface<const char*> {
 protected:
  void SetUp() override {
    if (std::string(GetParam()) == "postgres") {
      RAKOR_POSTGRES_DATABASE_OR_SKIP(uri);
      database_ = uri;
    } else {
      database_ = rakor::testing::TempPath("scheduling.db");
    }
    RegistryServerTest::SetUp();
    directory_ = std::make_unique<RegistryDirectory>(
        rakor::ServiceChannel("127.0.0.1:" + std::to_string(port_)), absl::Seconds(1));
    OpenScheduling();
  }
  void TearDown() override {
    StopScheduling();
    RegistryServerTest::TearDown();
  }

  void OpenScheduling() {
    auto opened = Scheduling::Open(database_, &clock_, directory_.get());
    ASSERT_THAT(opened, rakor::testing::IsOk());
    scheduling_ = *std::move(opened);
    service_impl_ = std::make_unique<SchedulingServiceImpl>(scheduling_.get(), true);
    auto running = StartServer("127.0.0.1:0", {service_impl_.get()});
    ASSERT_THAT(running, rakor::testing::IsOk());
    scheduling_server_ = std::move(running->server);
    scheduling_port_ = running->port;
    scheduling_stub_ = v1::SchedulingService::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(running->port), grpc::InsecureChannelCredentials()));
  }
  void StopScheduling() {
    if (scheduling_server_ != nullptr) scheduling_server_->Shutdown();
    scheduling_server_.reset();
    service_impl_.reset();
    scheduling_.reset();
  }

  grpc::Status Create(const std::string& parent, const std::string& id, const v1::Series& series,
                      v1::Series* created, const std::string& request_id = "") {
    v1::CreateSeriesRequest request;
    request.set_parent(parent);
    request.set_series_id(id);
    *request.mutable_series() = series;
    request.set_request_id(request_id);
    return scheduling_stub_->CreateSeries(Ctx().get(), request, created);
  }

  std::vector<v1::Occurrence> List(const std::string& parent, absl::CivilDay from,
                                   absl::CivilDay to, int page_size = 100) {
    std::vector<v1::Occurrence> all;
    v1::ListOccurrencesRequest request;
    request.set_parent(parent);
    *request.mutable_start_time() = ToProto(absl::FromCivil(from, absl::UTCTimeZone()));
    *request.mutable_end_time() = ToProto(absl::FromCivil(to, absl::UTCTimeZone()));
    request.set_page_size(page_size);
    do {
      v1::ListOccurrencesResponse page;
      EXPECT_THAT(scheduling_stub_->ListOccurrences(Ctx().get(), request, &page),
                  rakor::testing::IsOk());
      for (const auto& o : page.occurrences()) all.push_back(o);
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    return all;
  }

  static std::vector<std::string> Utc(const std::vector<v1::Occurrence>& occurrences) {
    std::vector<std::string> out;
    for (const auto& o : occurrences) {
      out.push_back(
          absl::FormatTime("%Y-%m-%dT%H:%MZ", FromProto(o.start_time()), absl::UTCTimeZone()));
    }
    return out;
  }

  // Soppeng's monthly coordination: the first Monday, 09:00 WITA.
  const v1::Series kSoppengMonthly = rakor::testing::ParseTextProto<v1::Series>(R"pb(
    title: "Rapat Koordinasi Pemerintahan Kabupaten"
    chair: "regions/soppeng/units/sekretariat-daerah"
    form: RAPAT_KOORDINASI
    mode: IN_PERSON
    place: "Ruang Rapat Sekretariat Daerah"
    legal_basis: "Soppeng Pasal 22 ayat (4)"
    start_local: "2026-01-05T09:00:00"
    duration { seconds: 7200 }
    rrule: "FREQ=MONTHLY;BYDAY=1MO"
    day_off_policy: NEXT_WORKING_DAY
  )pb");

  // The seeded series and rules of data/scheduling.
  void Seed() {
    auto seeds = ReadSeedDirectory(std::string(RAKOR_SOURCE_DIR) + "/data/scheduling");
    ASSERT_THAT(seeds, rakor::testing::IsOk());
    ASSERT_THAT(ApplySeed(*scheduling_, *seeds), rakor::testing::IsOk());
  }

  grpc::Status GetOccurrence(const std::string& name, v1::Occurrence* out) {
    v1::GetOccurrenceRequest request;
    request.set_name(name);
    return scheduling_stub_->GetOccurrence(Ctx().get(), request, out);
  }

  std::string database_;
  std::unique_ptr<RegistryDirectory> directory_;
  std::unique_ptr<Scheduling> scheduling_;
  std::unique_ptr<SchedulingServiceImpl> service_impl_;
  std::unique_ptr<grpc::Server> scheduling_server_;
  std::unique_ptr<v1::SchedulingService::Stub> scheduling_stub_;
  int scheduling_port_ = 0;
};

inline absl::TimeZone Wib() {
  absl::TimeZone zone;
  absl::LoadTimeZone("Asia/Jakarta", &zone);
  return zone;
}

inline absl::Time WibTime(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), Wib());
}

}  // namespace rakor::scheduling
