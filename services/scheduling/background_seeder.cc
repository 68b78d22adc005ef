#include "services/scheduling/background_seeder.h"

#include <iostream>

namespace rakor::scheduling {

BackgroundSeeder::BackgroundSeeder(Scheduling* scheduling, SeedFiles seeds, std::string name)
    : thread_([this, scheduling, seeds = std::move(seeds), name = std::move(name)] {
        while (true) {
          const absl::Status applied = ApplySeed(*scheduling, seeds);
          if (!absl::IsUnavailable(applied)) {
            if (!applied.ok()) std::cerr << name << ": seed: " << applied.message() << "\n";
            return;
          }
          if (stopping_.WaitForNotificationWithTimeout(absl::Seconds(1))) return;
        }
      }) {}

BackgroundSeeder::~BackgroundSeeder() {
  stopping_.Notify();
  thread_.join();
}

}  // namespace rakor::scheduling
