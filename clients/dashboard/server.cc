#include "clients/dashboard/server.h"

#include <chrono>
#include <functional>
#include <regex>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "clients/dashboard/html.h"
#include "clients/dashboard/views.h"
#include "common/caller.h"
#include "common/time.h"
#include "httplib.h"
#include "prometheus/counter.h"
#include "prometheus/histogram.h"
#include "services/common/metrics.h"

namespace rakor::dashboard {
namespace {

namespace gv1 = ::rakor::registry::v1;
namespace sv1 = ::rakor::scheduling::v1;
namespace rv1 = ::rakor::reporting::v1;

constexpr char kActorCookie[] = "rakor_actor";

// What a page needs of its request.
struct Reader {
  Lang lang;
  std::string actor;  // "" for a public reader
  bool may_identify;  // development mode: a stated identity counts
};

Reader ReaderOf(const httplib::Request& req, const Backend& backend) {
  Reader reader{req.get_param_value("lang") == "en" ? Lang::kEnglish : Lang::kIndonesian, "",
                backend.takes_readers_identity()};
  if (!reader.may_identify) return reader;
  for (absl::string_view part : absl::StrSplit(req.get_header_value("Cookie"), ';')) {
    part = absl::StripAsciiWhitespace(part);
    if (absl::ConsumePrefix(&part, absl::StrCat(kActorCookie, "="))) {
      // Only a well-formed identity is passed on (gRPC metadata takes printable
      // ASCII only); anything else reads as the public.
      absl::StatusOr<Caller> caller =
          ParseCaller("actor", httplib::detail::decode_url(std::string(part), true));
      if (caller.ok()) reader.actor = caller->ToString();
    }
  }
  return reader;
}

// The page's path and query without `lang`, for the language toggle.
std::string PathOf(const httplib::Request& req) {
  std::string query;
  for (const auto& [key, value] : req.params) {
    if (key == "lang") continue;
    absl::StrAppend(&query, query.empty() ? "?" : "&", key, "=",
                    httplib::detail::encode_query_param(value));
  }
  return req.path + query;
}

// A failed call as the page a reader gets: what is missing, wrong or unreachable.
void Fail(const grpc::Status& status, const Reader& reader, const httplib::Request& req,
          httplib::Response& res) {
  int code = 502;
  const char* title = Say(reader.lang, "Layanan tidak menjawab", "A service did not answer");
  switch (status.error_code()) {
    case grpc::StatusCode::NOT_FOUND:
      code = 404;
      title = Say(reader.lang, "Tidak ditemukan", "Not found");
      break;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::OUT_OF_RANGE:
      code = 400;
      title = Say(reader.lang, "Permintaan tidak sah", "Invalid request");
      break;
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::UNAUTHENTICATED:
      code = 403;
      title = Say(reader.lang, "Tidak diizinkan", "Not permitted");
      break;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      code = 429;
      title = Say(reader.lang, "Terlalu banyak permintaan", "Too many requests");
      break;
    case grpc::StatusCode::UNAVAILABLE:
      code = 503;
      break;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      code = 504;
      break;
    default:
      break;
  }
  res.status = code;
  PageFrame frame{title, reader.lang, PathOf(req), {}, reader.actor, reader.may_identify};
  res.set_content(RenderPage(frame, absl::StrCat("<p>", Escape(status.error_message()), "</p>")),
                  "text/html; charset=utf-8");
}

void Send(const PageFrame& frame, const std::string& body, httplib::Response& res) {
  res.set_content(RenderPage(frame, body), "text/html; charset=utf-8");
  // Pages read live data: a reader's reload shows what is true now.
  res.set_header("Cache-Control", "no-store");
}

// The region, or a failed page.
bool FetchRegion(Backend& backend, const std::string& name, gv1::Region* region,
                 const Reader& reader, const httplib::Request& req, httplib::Response& res) {
  gv1::GetRegionRequest request;
  request.set_name(name);
  const grpc::Status status =
      backend.registry().GetRegion(backend.Context("").get(), request, region);
  if (!status.ok()) Fail(status, reader, req, res);
  return status.ok();
}

// A page of `region` titled `title`, under the national page and the region's own
// (`crumb`: the page's own breadcrumb; "" on the region's page itself).
PageFrame RegionFrame(const Reader& reader, const httplib::Request& req, const gv1::Region& region,
                      const std::string& title, const std::string& crumb) {
  PageFrame frame{title,
                  reader.lang,
                  PathOf(req),
                  {{Say(reader.lang, "Nasional", "National"), "/"},
                   {region.display_name(), "/" + region.name()}},
                  reader.actor,
                  reader.may_identify};
  if (!crumb.empty()) frame.crumbs.push_back({crumb, ""});
  return frame;
}

// Display names of `units` by resource name.
std::map<std::string, std::string> NamesOf(const std::vector<gv1::Unit>& units) {
  std::map<std::string, std::string> names;
  for (const gv1::Unit& u : units) names[u.name()] = u.display_name();
  return names;
}

struct Pages {
  Backend* backend;
  const Clock* clock;

  void National(const httplib::Request& req, httplib::Response& res) const {
    const Reader reader = ReaderOf(req, *backend);
    // The twelve months up to this one (in western Indonesia, where most regions are).
    const absl::CivilMonth last(
        absl::ToCivilSecond(clock->Now() + absl::Hours(7), absl::UTCTimeZone()));
    const std::string first_month = absl::FormatCivilTime(last - 11);
    const std::string last_month = absl::FormatCivilTime(last);
    std::vector<gv1::Region> regions;
    if (grpc::Status s = backend->AllRegions(&regions); !s.ok()) return Fail(s, reader, req, res);
    sv1::GetComplianceRequest request;
    request.set_parent("regions/-");
    request.set_first_month(first_month);
    request.set_last_month(last_month);
    sv1::ComplianceReport report;
    if (grpc::Status s =
            backend->scheduling().GetCompliance(backend->Context("").get(), request, &report);
        !s.ok()) {
      return Fail(s, reader, req, res);
    }
    const std::string sort_key = req.get_param_value("sort");
    const NationalSort sort = sort_key == "-compliance" ? NationalSort::kComplianceDescending
                              : sort_key == "name"      ? NationalSort::kName
                              : sort_key == "missed"    ? NationalSort::kMissed
                                                        : NationalSort::kComplianceAscending;
    PageFrame frame{Say(reader.lang, "Kepatuhan rapat koordinasi nasional",
                        "National coordination-meeting compliance"),
                    reader.lang,
                    PathOf(req),
                    {},
                    reader.actor,
                    reader.may_identify};
    Send(frame,
         NationalView(SummariseCompliance(regions, report), sort, first_month, last_month,
                      reader.lang),
         res);
  }

  void Region(const httplib::Request& req, httplib::Response& res) const {
    const Reader reader = ReaderOf(req, *backend);
    const std::string name = "regions/" + req.matches[1].str();
    gv1::Region region;
    if (!FetchRegion(*backend, name, &region, reader, req, res)) return;
    const absl::TimeZone zone = ZoneOf(region.time_zone());
    int year = static_cast<int>(absl::ToCivilYear(clock->Now(), zone).year());
    if (req.has_param("year") &&
        (!absl::SimpleAtoi(req.get_param_value("year"), &year) || year < 2000 || year > 2100)) {
      return Fail(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                               "year must be a year between 2000 and 2100"),
                  reader, req, res);
    }
    sv1::GetComplianceRequest request;
    request.set_parent(name);
    request.set_first_month(absl::StrCat(year, "-01"));
    request.set_last_month(absl::StrCat(year, "-12"));
    sv1::ComplianceReport report;
    if (grpc::Status s =
            backend->scheduling().GetCompliance(backend->Context("").get(), request, &report);
        !s.ok()) {
      return Fail(s, reader, req, res);
    }
    const PageFrame frame = RegionFrame(reader, req, region, region.display_name(), "");
    Send(frame, RegionView(region, year, report, reader.lang), res);
  }

  void Meetings(const httplib::Request& req, httplib::Response& res) const {
    const Reader reader = ReaderOf(req, *backend);
    const std::string name = "regions/" + req.matches[1].str();
    gv1::Region region;
    if (!FetchRegion(*backend, name, &region, reader, req, res)) return;
    const absl::TimeZone zone = ZoneOf(region.time_zone());
    absl::CivilMonth from(absl::ToCivilSecond(clock->Now(), zone)), to = from;
    if ((req.has_param("from") && !absl::ParseCivilTime(req.get_param_value("from"), &from)) ||
        (req.has_param("to") && !absl::ParseCivilTime(req.get_param_value("to"), &to)) ||
        to < from || to - from > 24) {
      return Fail(
          grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                       "from and to must be months (YYYY-MM), from first, at most two years apart"),
          reader, req, res);
    }
    sv1::ListOccurrencesRequest request;
    request.set_parent(name);
    *request.mutable_start_time() = ToProto(absl::FromCivil(from, zone));
    *request.mutable_end_time() = ToProto(absl::FromCivil(to + 1, zone));
    request.set_page_size(1000);
    std::vector<sv1::Occurrence> occurrences;
    do {
      sv1::ListOccurrencesResponse response;
      if (grpc::Status s =
              backend->scheduling().ListOccurrences(backend->Context("").get(), request, &response);
          !s.ok()) {
        return Fail(s, reader, req, res);
      }
      for (auto& o : *response.mutable_occurrences()) occurrences.push_back(std::move(o));
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    const std::string title =
        absl::StrCat(Say(reader.lang, "Rapat ", "Meetings "), absl::FormatCivilTime(from),
                     from == to ? "" : absl::StrCat(" – ", absl::FormatCivilTime(to)));
    const PageFrame frame = RegionFrame(reader, req, region, title, title);
    Send(frame, MeetingsView(occurrences, reader.lang), res);
  }

  void Occurrence(const httplib::Request& req, httplib::Response& res) const {
    const Reader reader = ReaderOf(req, *backend);
    const std::string region_name = "regions/" + req.matches[1].str();
    gv1::Region region;
    if (!FetchRegion(*backend, region_name, &region, reader, req, res)) return;
    sv1::GetOccurrenceRequest request;
    request.set_name(req.path.substr(1));
    sv1::Occurrence occurrence;
    if (grpc::Status s =
            backend->scheduling().GetOccurrence(backend->Context("").get(), request, &occurrence);
        !s.ok()) {
      return Fail(s, reader, req, res);
    }
    std::vector<gv1::Unit> units;
    if (grpc::Status s = backend->AllUnits(region_name, nullptr, &units); !s.ok())
      return Fail(s, reader, req, res);
    MinutesSeen seen{{!reader.actor.empty(), reader.may_identify}, std::nullopt};
    if (seen.reader.identified) {
      rv1::ListDocumentsRequest list;
      list.set_parent(region_name);
      list.set_filter(absl::StrCat("occurrence = \"", occurrence.name(), "\""));
      // The meeting is public whatever reporting answers: a refusal or an outage
      // is said in the minutes' place. Minutes withdrawn by their writer are shown
      // only while nothing replaced them.
      auto live = [&] {
        return seen.minutes.has_value() && seen.minutes->state() != rv1::WITHDRAWN;
      };
      do {
        rv1::ListDocumentsResponse found;
        if (grpc::Status s = backend->reporting().ListDocuments(
                backend->Context(reader.actor).get(), list, &found);
            !s.ok()) {
          seen.problem = s.error_message();
          break;
        }
        for (const rv1::Document& d : found.documents()) {
          if (!live()) seen.minutes = d;
        }
        list.set_page_token(found.next_page_token());
      } while (!list.page_token().empty() && !live());
    }
    const PageFrame frame =
        RegionFrame(reader, req, region, occurrence.title(), occurrence.start_display());
    Send(frame, OccurrenceView(region, occurrence, seen, NamesOf(units), reader.lang), res);
  }

  void Overdue(const httplib::Request& req, httplib::Response& res) const {
    const Reader reader = ReaderOf(req, *backend);
    const std::string name = "regions/" + req.matches[1].str();
    gv1::Region region;
    if (!FetchRegion(*backend, name, &region, reader, req, res)) return;
    std::vector<gv1::Unit> units;
    if (grpc::Status s = backend->AllUnits(name, nullptr, &units); !s.ok())
      return Fail(s, reader, req, res);
    std::vector<rv1::Document> documents;
    std::vector<rv1::OverdueFollowUp> follow_ups;
    if (!reader.actor.empty()) {
      rv1::ListDocumentsRequest list;
      list.set_parent(name);
      list.set_filter("overdue = true");
      list.set_page_size(1000);
      do {
        rv1::ListDocumentsResponse found;
        if (grpc::Status s = backend->reporting().ListDocuments(
                backend->Context(reader.actor).get(), list, &found);
            !s.ok()) {
          return Fail(s, reader, req, res);
        }
        for (auto& d : *found.mutable_documents()) documents.push_back(std::move(d));
        list.set_page_token(found.next_page_token());
      } while (!list.page_token().empty());
      rv1::ListOverdueFollowUpsRequest overdue;
      overdue.set_parent(name);
      rv1::ListOverdueFollowUpsResponse answered;
      if (grpc::Status s = backend->reporting().ListOverdueFollowUps(
              backend->Context(reader.actor).get(), overdue, &answered);
          !s.ok()) {
        return Fail(s, reader, req, res);
      }
      follow_ups.assign(answered.follow_ups().begin(), answered.follow_ups().end());
    }
    std::map<std::string, std::string> coordinators;
    for (const gv1::Unit& u : units) coordinators[u.name()] = u.coordinator();
    const std::string title = Say(reader.lang, "Terlambat", "Overdue");
    const PageFrame frame =
        RegionFrame(reader, req, region, absl::StrCat(title, " — ", region.display_name()), title);
    Send(frame,
         OverdueView(region, {!reader.actor.empty(), reader.may_identify}, documents, follow_ups,
                     NamesOf(units), coordinators, reader.lang),
         res);
  }

  void Organisation(const httplib::Request& req, httplib::Response& res) const {
    const Reader reader = ReaderOf(req, *backend);
    const std::string name = "regions/" + req.matches[1].str();
    gv1::Region region;
    if (!FetchRegion(*backend, name, &region, reader, req, res)) return;
    const absl::TimeZone zone = ZoneOf(region.time_zone());
    absl::CivilDay day = absl::ToCivilDay(clock->Now(), zone);
    if (req.has_param("as_of") && !req.get_param_value("as_of").empty() &&
        !absl::ParseCivilTime(req.get_param_value("as_of"), &day)) {
      return Fail(
          grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "as_of must be a date, as 2026-11-02"),
          reader, req, res);
    }
    // The organisation at noon of that day, in the region's zone.
    const google::protobuf::Timestamp as_of =
        ToProto(absl::FromCivil(absl::CivilHour(day) + 12, zone));
    std::vector<gv1::Unit> units;
    if (grpc::Status s = backend->AllUnits(name, &as_of, &units); !s.ok())
      return Fail(s, reader, req, res);
    const std::string title = Say(reader.lang, "Susunan organisasi", "Organisation");
    const PageFrame frame =
        RegionFrame(reader, req, region, absl::StrCat(title, " — ", region.display_name()), title);
    Send(frame, OrganisationView(region, absl::FormatCivilTime(day), units, reader.lang), res);
  }
};

// A page the dashboard serves, with its query: where POST /identity may send the
// reader back to (nothing that a browser would read as another host).
bool IsOwnPage(const std::string& path) {
  static const std::regex* own =
      new std::regex(R"(/([A-Za-z0-9-][A-Za-z0-9/-]*)?(\?[A-Za-z0-9_.~=&%-]*)?)");
  return std::regex_match(path, *own);
}

// Development mode: the reader says who they are, as `rakor --as` does, and the
// services decide what that identity may see. A cookie, not a login: production
// mode will take the identity from the client certificate instead.
void Identify(const httplib::Request& req, httplib::Response& res) {
  // A form posted from another site must not set who the reader is.
  const std::string origin = req.get_header_value("Origin");
  if (!origin.empty() && origin != "http://" + req.get_header_value("Host")) {
    res.status = 403;
    res.set_content("cross-site request refused\n", "text/plain; charset=utf-8");
    return;
  }
  const std::string actor = req.get_param_value("actor");
  const Lang lang = req.get_param_value("lang") == "en" ? Lang::kEnglish : Lang::kIndonesian;
  std::string back = req.get_param_value("back");
  if (!IsOwnPage(back)) back = "/";
  if (!actor.empty()) {
    if (absl::StatusOr<Caller> caller = ParseCaller("actor", actor); !caller.ok()) {
      res.status = 400;
      PageFrame frame{Say(lang, "Identitas tidak sah", "Invalid identity"), lang, back, {}, ""};
      res.set_content(
          RenderPage(frame, absl::StrCat("<p>", Escape(caller.status().message()),
                                         Say(lang, ". Contoh: ", ". For example: "),
                                         "regions/temanggung/units/sekretariat-daerah#sekda</p>")),
          "text/html; charset=utf-8");
      return;
    }
  }
  res.set_header(
      "Set-Cookie",
      absl::StrCat(kActorCookie, "=", httplib::detail::encode_query_param(actor),
                   "; Path=/; HttpOnly; SameSite=Strict", actor.empty() ? "; Max-Age=0" : ""));
  res.set_redirect(lang == Lang::kEnglish
                       ? absl::StrCat(back, absl::StrContains(back, '?') ? "&" : "?", "lang=en")
                       : back,
                   303);
}

// Counts and times a page under its route's name, not its path (bounded labels).
httplib::Server::Handler Counted(
    const std::string& page,
    std::function<void(const httplib::Request&, httplib::Response&)> handler) {
  static auto& requests = prometheus::BuildCounter()
                              .Name("rakor_http_requests_total")
                              .Help("Dashboard pages served, by page and HTTP status")
                              .Register(MetricsRegistry());
  static auto& duration = prometheus::BuildHistogram()
                              .Name("rakor_http_request_duration_seconds")
                              .Help("Time to fetch and render a dashboard page")
                              .Register(MetricsRegistry());
  prometheus::Histogram* timing = &duration.Add({{"page", page}}, LatencyBuckets());
  return [page, handler = std::move(handler), timing](const httplib::Request& req,
                                                      httplib::Response& res) {
    const absl::Time start = absl::Now();
    handler(req, res);
    timing->Observe(absl::ToDoubleSeconds(absl::Now() - start));
    // httplib fills in 200 after the handler when the handler set no status.
    const int status = res.status == -1 ? 200 : res.status;
    requests.Add({{"page", page}, {"code", std::to_string(status)}}).Increment();
  };
}

constexpr char kId[] = "([a-z0-9][a-z0-9-]*)";

}  // namespace

absl::StatusOr<std::unique_ptr<DashboardServer>> DashboardServer::Start(Backend* backend,
                                                                        const Clock* clock,
                                                                        const std::string& host,
                                                                        int port) {
  std::unique_ptr<DashboardServer> dashboard(new DashboardServer());
  dashboard->server_ = std::make_unique<httplib::Server>();
  httplib::Server& server = *dashboard->server_;
  auto pages = std::make_shared<Pages>(Pages{backend, clock});
  auto route = [&](const std::string& page, const std::string& pattern,
                   void (Pages::*render)(const httplib::Request&, httplib::Response&) const) {
    server.Get(pattern,
               Counted(page, [pages, render](const httplib::Request& req, httplib::Response& res) {
                 ((*pages).*render)(req, res);
               }));
  };
  route("national", "/", &Pages::National);
  route("region", absl::StrCat("/regions/", kId), &Pages::Region);
  route("meetings", absl::StrCat("/regions/", kId, "/meetings"), &Pages::Meetings);
  route("occurrence", absl::StrCat("/regions/", kId, "/series/", kId, "/occurrences/([0-9T]+)"),
        &Pages::Occurrence);
  route("overdue", absl::StrCat("/regions/", kId, "/overdue"), &Pages::Overdue);
  route("organisation", absl::StrCat("/regions/", kId, "/organisation"), &Pages::Organisation);
  // Development mode: the reader says who they are, as `rakor --actor` does, and the
  // services decide what that identity may see. A cookie, not a login.
  // Pages are text and inline styles only: a browser is told to fetch nothing else.
  server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                   "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "same-origin");
  });
  // For probes: the process serves pages (the services may still be starting).
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok\n", "text/plain");
  });
  // Only where a stated identity counts; elsewhere the path is not found.
  if (backend->takes_readers_identity()) {
    server.Post("/identity",
                Counted("identity", [](const httplib::Request& req, httplib::Response& res) {
                  Identify(req, res);
                }));
  }
  dashboard->port_ =
      port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (dashboard->port_ <= 0)
    return absl::UnavailableError(absl::StrCat("cannot listen on ", host, ":", port));
  dashboard->thread_ = std::thread([server = &server] { server->listen_after_bind(); });
  // stop() does nothing to a server not yet listening.
  for (int waited = 0; waited < 5000 && !server.is_running(); ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (!server.is_running())
    return absl::UnavailableError(absl::StrCat("the dashboard did not start on ", host));
  return dashboard;
}

DashboardServer::~DashboardServer() {
  if (server_ != nullptr) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace rakor::dashboard
