#include "services/reporting/outbox_loop.h"

#include <iostream>

namespace rakor::reporting {

OutboxLoop::OutboxLoop(Reporting* reporting, absl::Duration interval, std::string name)
    : thread_([this, reporting, interval, name = std::move(name)] {
        do {
          const absl::StatusOr<int> delivered = reporting->DeliverOutbox();
          if (!delivered.ok()) std::cerr << name << ": outbox: " << delivered.status() << "\n";
        } while (!stopping_.WaitForNotificationWithTimeout(interval));
      }) {}

OutboxLoop::~OutboxLoop() {
  stopping_.Notify();
  thread_.join();
}

}  // namespace rakor::reporting
