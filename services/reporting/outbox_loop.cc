#include "services/reporting/outbox_loop.h"

#include <iostream>

namespace rakor::reporting {
namespace {

// An older replica, while replicas are replaced, writes documents without their
// index; they are caught up this often. Looking joins every document's name and
// revision with the index (16-18 ms at 9,000-12,000 documents, bench/README.md),
// too much to do every second.
constexpr absl::Duration kReindexInterval = absl::Minutes(1);

}  // namespace

OutboxLoop::OutboxLoop(Reporting* reporting, absl::Duration interval, std::string name)
    : thread_([this, reporting, interval, name = std::move(name)] {
        absl::Time next_reindex = absl::Now() + kReindexInterval;  // Open has just done it
        do {
          const absl::StatusOr<int> delivered = reporting->DeliverOutbox();
          if (!delivered.ok()) std::cerr << name << ": outbox: " << delivered.status() << "\n";
          if (absl::Now() >= next_reindex) {
            next_reindex = absl::Now() + kReindexInterval;
            const absl::StatusOr<int> indexed = reporting->Reindex();
            if (!indexed.ok()) std::cerr << name << ": index: " << indexed.status() << "\n";
          }
        } while (!stopping_.WaitForNotificationWithTimeout(interval));
      }) {}

OutboxLoop::~OutboxLoop() {
  stopping_.Notify();
  thread_.join();
}

}  // namespace rakor::reporting
