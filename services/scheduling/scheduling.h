// The scheduling service's domain core: every series in memory, each region's
// calendar of days off, and every write, committed with its change record and
// request id in one transaction before it is answered. Knows nothing of gRPC.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/clock.h"
#include "common/request_key.h"
#include "rakor/scheduling/v1/resources.pb.h"
#include "services/scheduling/region_directory.h"
#include "services/scheduling/working_days.h"
#include "storage/database.h"

namespace rakor::scheduling {

using rakor::scheduling::v1::Series;

class Scheduling {
 public:
  // `database`: a SQLite file or a postgresql:// URI, as the registry's.
  static absl::StatusOr<std::unique_ptr<Scheduling>> Open(const std::string& database,
                                                          const Clock* clock,
                                                          RegionDirectory* directory);

  const Clock& clock() const { return *clock_; }

  absl::StatusOr<Series> CreateSeries(const std::string& region, const std::string& series_id,
                                      const Series& requested, const RequestKey& key,
                                      const std::string& actor);
  absl::StatusOr<Series> GetSeries(const std::string& name) const;
  // Series of `region` ("" for every region) after the name `after`, at most `limit`.
  std::vector<Series> ListSeries(const std::string& region, const std::string& after,
                                 int limit) const;
  // Every occurrence held in [from, to) of `region`'s series ("" for every region),
  // ordered by start and name, after the position `after` ("" for the first).
  absl::StatusOr<std::vector<rakor::scheduling::v1::Occurrence>> ListOccurrences(
      const std::string& region, absl::Time from, absl::Time to, const std::string& after,
      int limit) const;
  // Where an occurrence stands in that order, for page tokens.
  static std::string PositionOf(const rakor::scheduling::v1::Occurrence& occurrence);

  struct Imported {
    int added = 0;
    int already_known = 0;
  };
  absl::StatusOr<Imported> ImportDaysOff(const std::string& region, const std::string& ics,
                                         const std::string& source, const std::string& actor);

 private:
  Scheduling(std::unique_ptr<storage::Database> db, const Clock* clock,
             RegionDirectory* directory)
      : db_(std::move(db)), clock_(clock), directory_(directory) {}

  absl::Status Validate(const std::string& region, Series& series);

  std::unique_ptr<storage::Database> db_;
  const Clock* clock_;
  RegionDirectory* directory_;
  absl::Mutex write_mu_;  // one write at a time; held while the state changes too
  mutable absl::Mutex mu_;
  std::map<std::string, Series> series_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, WorkingCalendar> calendars_ ABSL_GUARDED_BY(mu_);  // by region
};

}  // namespace rakor::scheduling
