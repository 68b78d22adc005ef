// The seeded series need the registry (zones, chairs): a thread applies them until
// the registry answers, so that the service starts whether or not it is up yet.
#pragma once

#include <thread>

#include "absl/synchronization/notification.h"
#include "services/scheduling/scheduling.h"
#include "services/scheduling/seed_loader.h"

namespace rakor::scheduling {

class BackgroundSeeder {
 public:
  // `scheduling` must outlive this object; `name` prefixes what is logged.
  BackgroundSeeder(Scheduling* scheduling, SeedFiles seeds, std::string name);
  // Stops trying (if it still is) and joins the thread.
  ~BackgroundSeeder();

 private:
  absl::Notification stopping_;
  std::thread thread_;
};

}  // namespace rakor::scheduling
