// Tier 2: WatchChanges through the real service on a loopback port: order,
// resumption, progress, slow and stalled clients, cancellation and shutdown.
#include <atomic>
#include <chrono>
#include <ctime>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "common/time.h"
#include "tests/support/registry_server.h"
#include "tests/support/status_matchers.h"

namespace rakor::registry {
namespace {

using ::rakor::testing::IsOk;
using ::rakor::testing::Jakarta;
using ::rakor::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

using Stream = grpc::ClientReader<v1::WatchChangesResponse>;

class WatchChanges : public rakor::testing::RegistryServerTest {
 protected:
  // A context for a watch that fails the test rather than hang it.
  static std::unique_ptr<grpc::ClientContext> WatchCtx() {
    auto ctx = Ctx();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    return ctx;
  }

  static std::unique_ptr<Stream> Watch(v1::RegistryService::Stub& stub, grpc::ClientContext* ctx,
                                       const std::string& parent, int64_t after) {
    v1::WatchChangesRequest request;
    request.set_parent(parent);
    request.set_start_after_sequence(after);
    return stub.WatchChanges(ctx, request);
  }

  // Reads until the caught-up marker; the sequences of the changes read before it.
  static std::vector<int64_t> ReadUntilCaughtUp(Stream& stream, int64_t* sequence = nullptr) {
    std::vector<int64_t> seen;
    v1::WatchChangesResponse response;
    while (stream.Read(&response)) {
      for (const auto& change : response.changes()) seen.push_back(change.sequence());
      if (sequence != nullptr) *sequence = response.sequence();
      if (response.caught_up()) return seen;
    }
    ADD_FAILURE() << "the stream ended before it caught up";
    return seen;
  }

  // Sets the contact address of `unit` through the API; the write must succeed.
  void Touch(const std::string& unit, int i) {
    v1::UpdateUnitRequest update;
    update.mutable_unit()->set_name(unit);
    update.mutable_unit()->set_contact_email("kantor" + std::to_string(i) + "@example.go.id");
    update.mutable_update_mask()->add_paths("contact_email");
    v1::Unit updated;
    ASSERT_THAT(stub_->UpdateUnit(Ctx().get(), update, &updated), IsOk());
  }

  // The sequences the change log holds after `after` for `region` ("" for all).
  std::vector<int64_t> Logged(const std::string& region, int64_t after) {
    std::vector<int64_t> sequences;
    auto page = registry_->ChangesAfter(region, after, 100000);
    EXPECT_THAT(page, IsOk());
    if (page.ok()) {
      for (const auto& change : page->changes) sequences.push_back(change->sequence());
    }
    return sequences;
  }

  // Polls until `done` or 20 s pass.
  template <typename Done>
  static bool Eventually(Done done) {
    for (int i = 0; i < 2000 && !done(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return done();
  }

  const std::string kDinkes = "regions/temanggung/units/dinas-kesehatan";
  const std::string kBanjarDinkes = "regions/banjar/units/dinas-kesehatan";
};

TEST_F(WatchChanges, ReplaysCatchesUpAndFollowsNewCommits) {
  grpc::ClientContext ctx;
  v1::WatchChangesRequest request;
  request.set_parent("regions/banjar");
  auto stream = stub_->WatchChanges(&ctx, request);
  v1::WatchChangesResponse response;
  int replayed = 0;
  int64_t last = 0;
  while (stream->Read(&response)) {
    for (const auto& change : response.changes()) {
      EXPECT_GT(change.sequence(), last);
      EXPECT_EQ(change.resource().rfind("regions/banjar", 0), 0u);
      last = change.sequence();
      ++replayed;
    }
    if (response.caught_up()) break;
  }
  ASSERT_TRUE(response.caught_up());
  EXPECT_GT(replayed, 40);  // the seeded region, its units, coordinations and rules

  // A commit in another region is not delivered, and an idle watch waits without
  // spinning: half a second of waiting costs (far) less than a tenth of CPU time.
  v1::UpdateUnitRequest elsewhere;
  elsewhere.mutable_unit()->set_name("regions/temanggung/units/dinas-kesehatan");
  elsewhere.mutable_unit()->set_contact_email("dinkes@temanggungkab.example");
  elsewhere.mutable_update_mask()->add_paths("contact_email");
  v1::Unit updated;
  ASSERT_THAT(stub_->UpdateUnit(Ctx().get(), elsewhere, &updated), IsOk());
  const std::clock_t cpu_before = std::clock();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_LT(std::clock() - cpu_before, CLOCKS_PER_SEC / 10);

  v1::UpdateUnitRequest update;
  update.mutable_unit()->set_name("regions/banjar/units/dinas-kesehatan");
  update.mutable_unit()->set_contact_email("dinkes@banjarkota.example");
  update.mutable_update_mask()->add_paths("contact_email");
  ASSERT_THAT(stub_->UpdateUnit(Ctx().get(), update, &updated), IsOk());

  ASSERT_TRUE(stream->Read(&response));
  ASSERT_EQ(response.changes_size(), 1);
  EXPECT_EQ(response.changes(0).type(), v1::Change::UPDATED);
  EXPECT_EQ(response.changes(0).unit().contact_email(), "dinkes@banjarkota.example");
  EXPECT_EQ(response.changes(0).actor(), "national");
  ctx.TryCancel();
  EXPECT_THAT(stream->Finish(), StatusIs(absl::StatusCode::kCancelled, ::testing::_));
}

TEST_F(WatchChanges, RefusesUnknownRegions) {
  grpc::ClientContext ctx;
  v1::WatchChangesRequest request;
  request.set_parent("regions/atlantis");
  auto stream = stub_->WatchChanges(&ctx, request);
  v1::WatchChangesResponse response;
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_THAT(stream->Finish(), StatusIs(absl::StatusCode::kNotFound, HasSubstr("atlantis")));
}


TEST_F(WatchChanges, AStartAfterTheLastCommittedSequenceIsOutOfRange) {
  // Such a sequence comes from another database (one restored from a backup since):
  // following on from it would silently miss changes.
  const int64_t last = registry_->feed().last_sequence();
  auto ctx = WatchCtx();
  auto stream = Watch(*stub_, ctx.get(), "regions/banjar", last + 1);
  v1::WatchChangesResponse response;
  EXPECT_FALSE(stream->Read(&response));
  const grpc::Status refused = stream->Finish();
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::OUT_OF_RANGE);
  EXPECT_THAT(refused.error_message(), HasSubstr("start_after_sequence"));
  EXPECT_EQ(rakor::testing::ErrorInfoOf(refused).reason(), "SEQUENCE_AHEAD");
}

TEST_F(WatchChanges, EveryChangeArrivesOnceInOrderAcrossReconnects) {
  const int64_t start = registry_->feed().last_sequence();
  auto all_ctx = WatchCtx();
  auto all = Watch(*stub_, all_ctx.get(), "regions/-", start);
  int64_t resume = 0;
  EXPECT_THAT(ReadUntilCaughtUp(*all, &resume), ::testing::IsEmpty());
  EXPECT_EQ(resume, start);
  auto banjar_ctx = WatchCtx();
  auto banjar = Watch(*stub_, banjar_ctx.get(), "regions/banjar", start);
  ReadUntilCaughtUp(*banjar);

  std::thread writer([&] {
    for (int i = 0; i < 200; ++i) Touch(i % 2 == 0 ? kDinkes : kBanjarDinkes, i);
  });
  // The every-region watcher drops its connection after 60 changes and resumes
  // from the last sequence it was told it holds.
  std::vector<int64_t> seen_all, seen_banjar;
  v1::WatchChangesResponse response;
  while (seen_all.size() < 60 && all->Read(&response)) {
    for (const auto& change : response.changes()) seen_all.push_back(change.sequence());
    resume = response.sequence();
  }
  all_ctx->TryCancel();
  all->Finish();
  writer.join();
  const int64_t end = registry_->feed().last_sequence();
  all_ctx = WatchCtx();
  all = Watch(*stub_, all_ctx.get(), "regions/-", resume);
  while (resume < end && all->Read(&response)) {
    for (const auto& change : response.changes()) seen_all.push_back(change.sequence());
    resume = response.sequence();
  }
  int64_t banjar_at = start;
  while (banjar_at < end && banjar->Read(&response)) {
    for (const auto& change : response.changes()) {
      EXPECT_EQ(change.unit().name(), kBanjarDinkes);
      seen_banjar.push_back(change.sequence());
    }
    banjar_at = response.sequence();
  }
  EXPECT_EQ(seen_all, Logged("", start));
  EXPECT_EQ(seen_all.size(), 200u);
  EXPECT_EQ(seen_banjar, Logged("regions/banjar", start));
  EXPECT_EQ(seen_banjar.size(), 100u);
}

TEST_F(WatchChanges, TheReplayEndsEvenWhileChangesKeepComing) {
  std::atomic<bool> caught_up{false};
  std::thread writer([&] {
    for (int i = 0; i < 2000 && !caught_up; ++i) Touch(kDinkes, i);
  });
  auto ctx = WatchCtx();
  auto stream = Watch(*stub_, ctx.get(), "regions/-", 0);
  v1::WatchChangesResponse response;
  while (!caught_up && stream->Read(&response)) caught_up = response.caught_up();
  writer.join();
  EXPECT_TRUE(caught_up);
}

TEST_F(WatchChanges, AResumeFromBeforeWhatMemoryHoldsIsServedFromTheDatabase) {
  StopServing();
  memory_changes_ = 8;
  Reopen();
  Serve();
  const int64_t start = registry_->feed().last_sequence();
  for (int i = 0; i < 50; ++i) Touch(kDinkes, i);

  auto ctx = WatchCtx();
  auto stream = Watch(*stub_, ctx.get(), "regions/temanggung", start);
  EXPECT_EQ(ReadUntilCaughtUp(*stream), Logged("regions/temanggung", start));
  auto from_zero_ctx = WatchCtx();
  auto from_zero = Watch(*stub_, from_zero_ctx.get(), "regions/-", 0);
  EXPECT_EQ(ReadUntilCaughtUp(*from_zero), Logged("", 0));
}

TEST_F(WatchChanges, AQuietStreamIsToldItIsCurrentAtTheProgressInterval) {
  WatchOptions options;
  options.progress_interval = absl::Milliseconds(200);
  Serve(options);
  auto ctx = WatchCtx();
  auto stream = Watch(*stub_, ctx.get(), "regions/banjar", 0);
  ReadUntilCaughtUp(*stream);
  Touch(kDinkes, 1);  // another region: no change for this stream, but a later sequence
  const int64_t latest = registry_->feed().last_sequence();
  v1::WatchChangesResponse response;
  do {
    ASSERT_TRUE(stream->Read(&response));
    EXPECT_EQ(response.changes_size(), 0);
    EXPECT_FALSE(response.caught_up());
  } while (response.sequence() < latest);
  EXPECT_EQ(response.sequence(), latest);
  ASSERT_TRUE(stream->Read(&response));  // and again, with nothing new
  EXPECT_EQ(response.changes_size(), 0);
  EXPECT_EQ(response.sequence(), latest);
}

TEST_F(WatchChanges, AStalledWatcherHoldsBackNeitherWritersNorOtherWatchers) {
  WatchOptions options;
  options.stall_timeout = absl::Milliseconds(500);
  options.status_grace = absl::Seconds(60);
  Serve(options);
  const int64_t start = registry_->feed().last_sequence();
  // A client that never reads: small flow-control windows fill after a few
  // responses, and the server's write to it does not complete.
  grpc::ChannelArguments small_windows;
  small_windows.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  small_windows.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 4096);
  auto stalled_stub = NewStub(small_windows);
  auto stalled_ctx = WatchCtx();
  auto stalled = Watch(*stalled_stub, stalled_ctx.get(), "regions/temanggung", start);

  auto reader_ctx = WatchCtx();
  auto reader = Watch(*stub_, reader_ctx.get(), "regions/temanggung", start);
  ReadUntilCaughtUp(*reader);
  for (int i = 0; i < 300; ++i) Touch(kDinkes, i);
  const int64_t end = registry_->feed().last_sequence();
  std::vector<int64_t> read;
  v1::WatchChangesResponse response;
  for (int64_t at = start; at < end && reader->Read(&response); at = response.sequence()) {
    for (const auto& change : response.changes()) read.push_back(change.sequence());
  }
  EXPECT_EQ(read, Logged("regions/temanggung", start));

  // Past the stall timeout, the stalled stream has been ended; when its client
  // reads at last, it gets what was sent, then the status and where to resume.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  std::vector<int64_t> stalled_read;
  int64_t stalled_at = start;
  while (stalled->Read(&response)) {
    for (const auto& change : response.changes()) stalled_read.push_back(change.sequence());
    stalled_at = response.sequence();
  }
  const grpc::Status ended = stalled->Finish();
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << ended.error_message();
  const google::rpc::ErrorInfo info = rakor::testing::ErrorInfoOf(ended);
  EXPECT_EQ(info.reason(), "WATCH_TOO_SLOW");
  const int64_t told = std::stoll(info.metadata().at("resume_after_sequence"));
  EXPECT_LE(told, stalled_at);
  EXPECT_LT(stalled_at, end);  // it really was behind

  auto resumed_ctx = WatchCtx();
  auto resumed = Watch(*stub_, resumed_ctx.get(), "regions/temanggung", stalled_at);
  for (int64_t seq : ReadUntilCaughtUp(*resumed)) stalled_read.push_back(seq);
  EXPECT_EQ(stalled_read, Logged("regions/temanggung", start));
}

TEST_F(WatchChanges, AThousandStreamsCancelledAtOnceAreAllReleased) {
  std::vector<std::unique_ptr<v1::RegistryService::Stub>> stubs;
  for (int i = 0; i < 10; ++i) stubs.push_back(NewStub());
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::unique_ptr<Stream>> streams;
  const int64_t now = registry_->feed().last_sequence();
  for (int i = 0; i < 1000; ++i) {
    contexts.push_back(WatchCtx());
    streams.push_back(Watch(*stubs[i % 10], contexts.back().get(), "regions/soppeng", now));
  }
  ASSERT_TRUE(Eventually([&] { return service_->open_watches() == 1000; }))
      << service_->open_watches();
  for (auto& ctx : contexts) ctx->TryCancel();
  for (auto& stream : streams) {
    EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  EXPECT_TRUE(Eventually([&] { return service_->open_watches() == 0; }))
      << service_->open_watches();

  // The service goes on: a new watcher sees a new write.
  auto ctx = WatchCtx();
  auto stream = Watch(*stub_, ctx.get(), "regions/temanggung", now);
  ReadUntilCaughtUp(*stream);
  Touch(kDinkes, 1);
  v1::WatchChangesResponse response;
  ASSERT_TRUE(stream->Read(&response));
  ASSERT_EQ(response.changes_size(), 1);
  EXPECT_EQ(response.changes(0).unit().name(), kDinkes);
}

TEST_F(WatchChanges, ShutdownEndsOpenStreamsWithTheSequenceToResumeFrom) {
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::unique_ptr<Stream>> streams;
  const int64_t now = registry_->feed().last_sequence();
  for (const char* parent : {"regions/soppeng", "regions/banjar", "regions/-"}) {
    contexts.push_back(WatchCtx());
    streams.push_back(Watch(*stub_, contexts.back().get(), parent, 0));
    int64_t at = 0;
    ReadUntilCaughtUp(*streams.back(), &at);
    EXPECT_EQ(at, now);
  }
  service_->StopWatches();  // what ServerProcess::Run does first on SIGTERM
  for (auto& stream : streams) {
    v1::WatchChangesResponse response;
    EXPECT_FALSE(stream->Read(&response));
    const grpc::Status ended = stream->Finish();
    EXPECT_EQ(ended.error_code(), grpc::StatusCode::UNAVAILABLE);
    const google::rpc::ErrorInfo info = rakor::testing::ErrorInfoOf(ended);
    EXPECT_EQ(info.reason(), "SERVER_STOPPING");
    EXPECT_EQ(info.metadata().at("resume_after_sequence"), std::to_string(now));
  }
  auto late_ctx = WatchCtx();
  auto late = Watch(*stub_, late_ctx.get(), "regions/banjar", now);
  v1::WatchChangesResponse response;
  EXPECT_FALSE(late->Read(&response));
  EXPECT_EQ(late->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace rakor::registry
