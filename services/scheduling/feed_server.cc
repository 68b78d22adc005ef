#include "services/scheduling/feed_server.h"

#include <httplib.h>

#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "services/scheduling/feeds.h"

namespace rakor::scheduling {
namespace {

int HttpStatusOf(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kInvalidArgument:
      return 400;
    case absl::StatusCode::kUnavailable:
      return 503;
    default:
      return 500;
  }
}

void Answer(const absl::StatusOr<std::string>& feed, httplib::Response& res) {
  if (!feed.ok()) {
    res.status = HttpStatusOf(feed.status());
    // What a subscriber can act on; not the internals of a failure.
    res.set_content(
        res.status == 500 ? "internal error\n" : std::string(feed.status().message()) + "\n",
        "text/plain; charset=utf-8");
    return;
  }
  res.set_header("Cache-Control", "public, max-age=300");
  res.set_content(*feed, "text/calendar; charset=utf-8");
}

}  // namespace

absl::StatusOr<std::unique_ptr<FeedServer>> FeedServer::Start(Scheduling* scheduling,
                                                              const std::string& host, int port) {
  std::unique_ptr<FeedServer> feeds(new FeedServer());
  feeds->server_ = std::make_unique<httplib::Server>();
  httplib::Server& server = *feeds->server_;
  server.Get(R"(/regions/([a-z0-9-]+)/calendar\.ics)",
             [scheduling](const httplib::Request& req, httplib::Response& res) {
               Answer(RegionFeed(*scheduling, absl::StrCat("regions/", req.matches[1].str()),
                                 scheduling->clock().Now()),
                      res);
             });
  server.Get(R"(/regions/([a-z0-9-]+)/units/([a-z0-9-]+)/calendar\.ics)",
             [scheduling](const httplib::Request& req, httplib::Response& res) {
               Answer(UnitFeed(*scheduling,
                               absl::StrCat("regions/", req.matches[1].str(), "/units/",
                                            req.matches[2].str()),
                               scheduling->clock().Now()),
                      res);
             });
  feeds->port_ =
      port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (feeds->port_ <= 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", host, ":", port));
  }
  feeds->thread_ = std::thread([&server] { server.listen_after_bind(); });
  // stop() does nothing to a server not yet listening: a destructor right after
  // Start would wait for ever.
  for (int waited = 0; waited < 5000 && !server.is_running(); ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (!server.is_running()) {
    return absl::UnavailableError(absl::StrCat("the feed server did not start on ", host));
  }
  return feeds;
}

FeedServer::~FeedServer() {
  if (server_ != nullptr) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace rakor::scheduling
