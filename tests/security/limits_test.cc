// Limits at the edge, over loopback: a caller flooding the scheduling service gets
// RESOURCE_EXHAUSTED past its share while another caller goes on being served, and
// a request larger than its method accepts is refused naming the request.
#include "common/limits.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/caller_limits.h"
#include "tests/support/scheduling_server.h"

namespace rakor::scheduling {
namespace {

using ::rakor::testing::StatusIs;

constexpr char kFlooder[] = "regions/banjar/units/dinas-kesehatan#staff";
constexpr char kOfficial[] = "regions/temanggung/units/sekretariat-daerah#sekda";
constexpr char kSoppengSekda[] = "regions/soppeng/units/sekretariat-daerah#sekda";

class CallerLimits : public SchedulingService {
 protected:
  void TearDown() override {
    SetCallsPerCaller(rakor::limits::kDefaultCallsPerCaller);
    SchedulingService::TearDown();
  }

  static std::unique_ptr<grpc::ClientContext> As(const std::string& actor) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    ctx->AddMetadata("rakor-actor", actor);
    return ctx;
  }

  // Milliseconds of each of `n` reads of Temanggung's series as the official.
  std::vector<double> OfficialReads(int n) {
    std::vector<double> ms;
    for (int i = 0; i < n; ++i) {
      v1::ListSeriesRequest request;
      request.set_parent("regions/temanggung");
      v1::ListSeriesResponse response;
      const auto t0 = std::chrono::steady_clock::now();
      const grpc::Status status =
          scheduling_stub_->ListSeries(As(kOfficial).get(), request, &response);
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      EXPECT_TRUE(status.ok()) << status.error_message();
      EXPECT_GT(response.series_size(), 0);
    }
    std::sort(ms.begin(), ms.end());
    return ms;
  }
};

TEST_P(CallerLimits, AFloodFromOneCallerIsCutOffWhileAnotherIsServed) {
  SetCallsPerCaller(4);
  Seed();
  const std::vector<double> alone = OfficialReads(20);

  // 32 threads of one caller asking for a decade of every region's compliance.
  std::atomic<bool> flooding{true};
  std::atomic<int> served{0}, exhausted{0}, other{0};
  std::vector<std::thread> flood;
  for (int t = 0; t < 32; ++t) {
    flood.emplace_back([&] {
      while (flooding) {
        v1::GetComplianceRequest request;
        request.set_parent("regions/-");
        request.set_first_month("2017-01");
        request.set_last_month("2026-12");
        v1::ComplianceReport report;
        const grpc::Status status =
            scheduling_stub_->GetCompliance(As(kFlooder).get(), request, &report);
        if (status.ok()) {
          ++served;
        } else if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
          ++exhausted;
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
        } else {
          ++other;
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::vector<double> flooded = OfficialReads(20);
  flooding = false;
  for (std::thread& t : flood) t.join();

  EXPECT_GT(served.load(), 0);     // the flooder keeps its share
  EXPECT_GT(exhausted.load(), 0);  // and is told when it asks for more
  EXPECT_EQ(other.load(), 0);
  // The other caller was never refused (OfficialReads checks each status), and
  // waited about as long as alone: the flooder holds at most 4 of the handlers.
  std::printf(
      "official's median read: %.2f ms alone, %.2f ms during the flood "
      "(flooder: %d served, %d refused)\n",
      alone[alone.size() / 2], flooded[flooded.size() / 2], served.load(), exhausted.load());
  EXPECT_LT(flooded[flooded.size() / 2], std::max(100.0, 10 * alone[alone.size() / 2]));
}

TEST_P(CallerLimits, ARequestLargerThanItsMethodAcceptsIsRefusedNamingTheRequest) {
  v1::CreateSeriesRequest request;
  request.set_parent("regions/soppeng");
  request.set_series_id("besar");
  *request.mutable_series() = kSoppengMonthly;
  request.mutable_series()->set_agenda(std::string(100 << 10, 'x'));
  v1::Series created;
  EXPECT_THAT(scheduling_stub_->CreateSeries(As(kSoppengSekda).get(), request, &created),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::HasSubstr("over the 65536 bytes CreateSeries accepts")));
  // Larger than any message: refused by gRPC before it is parsed.
  request.mutable_series()->set_agenda(std::string(3 << 20, 'x'));
  EXPECT_THAT(scheduling_stub_->CreateSeries(As(kSoppengSekda).get(), request, &created),
              StatusIs(absl::StatusCode::kResourceExhausted, ::testing::_));
}

INSTANTIATE_TEST_SUITE_P(SQLite, CallerLimits, ::testing::Values("sqlite"));

}  // namespace
}  // namespace rakor::scheduling
