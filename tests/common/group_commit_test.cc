// GroupCommit: every write goes through exactly one commit, commits never overlap,
// writers that queue behind a commit share the next one, and a commit that throws
// does not leave the others waiting.
#include "common/group_commit.h"

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace rakor {
namespace {

struct Write {
  int committed_in = -1;  // the commit that took it
};

TEST(GroupCommit, EveryWriteIsCommittedOnceAndWritersQueuedBehindACommitShareTheNext) {
  GroupCommit<Write> group;
  std::atomic<int> commits{0}, committing{0}, overlapped{0};
  absl::Notification first_commit_started, release_first_commit;
  auto commit = [&](const std::vector<Write*>& batch) {
    if (++committing > 1) ++overlapped;
    const int number = commits++;
    if (number == 0) {
      first_commit_started.Notify();
      release_first_commit.WaitForNotification();  // the others queue meanwhile
    }
    for (Write* w : batch) {
      EXPECT_EQ(w->committed_in, -1) << "a write committed twice";
      w->committed_in = number;
    }
    --committing;
  };
  Write first;
  std::thread leader([&] { group.Join(&first, commit); });
  first_commit_started.WaitForNotification();
  constexpr int kQueued = 20;
  std::vector<Write> queued(kQueued);
  std::vector<std::thread> writers;
  for (Write& w : queued) writers.emplace_back([&] { group.Join(&w, commit); });
  while (group.waiting() < kQueued) std::this_thread::yield();  // behind the first commit
  release_first_commit.Notify();
  leader.join();
  for (auto& t : writers) t.join();

  EXPECT_EQ(first.committed_in, 0);
  for (const Write& w : queued) EXPECT_EQ(w.committed_in, 1);  // all in the second
  EXPECT_EQ(commits.load(), 2);
  EXPECT_EQ(overlapped.load(), 0);
}

TEST(GroupCommit, ABatchIsCutAtItsLimitAndTheRestCommitNext) {
  GroupCommit<Write> group(/*max_batch=*/3);
  std::vector<size_t> sizes;
  absl::Notification started, release;
  auto commit = [&](const std::vector<Write*>& batch) {
    sizes.push_back(batch.size());
    if (sizes.size() == 1) {
      started.Notify();
      release.WaitForNotification();
    }
  };
  Write first;
  std::thread leader([&] { group.Join(&first, commit); });
  started.WaitForNotification();
  std::vector<Write> queued(7);
  std::vector<std::thread> writers;
  for (Write& w : queued) writers.emplace_back([&] { group.Join(&w, commit); });
  while (group.waiting() < queued.size()) std::this_thread::yield();
  release.Notify();
  leader.join();
  for (auto& t : writers) t.join();
  ASSERT_EQ(sizes.size(), 4u);  // 1, then 3 + 3 + 1
  EXPECT_EQ(sizes[1] + sizes[2] + sizes[3], 7u);
  for (size_t s : sizes) EXPECT_LE(s, 3u);
}

TEST(GroupCommit, ACommitThatThrowsLetsTheNextWriterCommit) {
  GroupCommit<Write> group;
  Write failing, next;
  EXPECT_THROW(
      group.Join(&failing, [](const std::vector<Write*>&) { throw std::runtime_error("disk"); }),
      std::runtime_error);
  bool committed = false;
  group.Join(&next, [&](const std::vector<Write*>& batch) { committed = batch.size() == 1; });
  EXPECT_TRUE(committed);
}

}  // namespace
}  // namespace rakor
