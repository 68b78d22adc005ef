// The outbox is delivered, and documents left unindexed by an older replica are
// indexed, by a thread until the server stops; what is not delivered by then is on
// disk and goes at the next start.
#pragma once

#include <string>
#include <thread>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "services/reporting/reporting.h"

namespace rakor::reporting {

class OutboxLoop {
 public:
  // Delivers what is due every `interval`; `reporting` must outlive this object.
  OutboxLoop(Reporting* reporting, absl::Duration interval, std::string name);
  // Finishes the delivery under way and joins the thread.
  ~OutboxLoop();

 private:
  absl::Notification stopping_;
  std::thread thread_;
};

}  // namespace rakor::reporting
