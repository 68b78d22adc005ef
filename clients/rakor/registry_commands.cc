#include <functional>
#include <iostream>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "clients/rakor/commands.h"
#include "common/time.h"

namespace rakor::cli {

namespace rv1 = rakor::registry::v1;

bool ParseDay(const std::string& text, google::protobuf::Timestamp* out) {
  absl::CivilDay day;
  if (!absl::ParseCivilTime(text, &day)) return false;
  *out = ToProto(absl::FromCivil(day, absl::UTCTimeZone()));
  return true;
}

grpc::Status ListEveryUnit(Session& s, rv1::ListUnitsRequest request,
                           std::vector<rv1::Unit>* units) {
  request.set_page_size(1000);
  do {
    rv1::ListUnitsResponse page;
    const grpc::Status status = s.registry().ListUnits(s.Context().get(), request, &page);
    if (!status.ok()) return status;
    for (const auto& u : page.units()) units->push_back(u);
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return grpc::Status::OK;
}

int PrintOrganisation(Session& s, const std::string& region, const std::string& as_of) {
  rv1::ListUnitsRequest request;
  request.set_parent(region);
  if (!as_of.empty() && !ParseDay(as_of, request.mutable_as_of())) {
    std::cerr << "rakor: --as-of "
              << s.Say("harus berupa tanggal, mis. 2026-01-31", "must be a date, as 2026-01-31")
              << "\n";
    return static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT);
  }
  std::vector<rv1::Unit> units;
  if (const grpc::Status status = ListEveryUnit(s, request, &units); !status.ok()) {
    return Fail(s, status);
  }

  std::map<std::string, const rv1::Unit*> by_name;
  std::map<std::string, std::vector<const rv1::Unit*>> children;
  for (const auto& u : units) by_name[u.name()] = &u;
  for (const auto& u : units) {
    children[by_name.contains(u.parent()) ? u.parent() : ""].push_back(&u);
  }
  Table table({s.Say("unit", "unit"), s.Say("jenis", "kind"), s.Say("asisten", "asisten"),
               s.Say("nama", "name")});
  std::function<void(const std::string&, int)> walk = [&](const std::string& parent, int depth) {
    for (const rv1::Unit* u : children[parent]) {
      const auto coordinator = by_name.find(u->coordinator());
      table.Add({std::string(2 * depth, ' ') + u->display_name(), rv1::UnitKind_Name(u->kind()),
                 coordinator != by_name.end() ? coordinator->second->display_name() : "",
                 u->name()});
      walk(u->name(), depth + 1);
    }
  };
  walk("", 0);
  table.Print(s.options().json);
  return 0;
}

int PrintReportingChain(Session& s, const std::string& unit, const std::string& matter,
                        const std::string& as_of) {
  rv1::GetReportingChainRequest request;
  request.set_unit(unit);
  request.set_matter(matter == "general" ? rv1::GENERAL_POLICY : rv1::TECHNICAL_OPERATIONAL);
  if (!as_of.empty() && !ParseDay(as_of, request.mutable_as_of())) {
    std::cerr << "rakor: --as-of " << s.Say("harus berupa tanggal", "must be a date") << "\n";
    return static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT);
  }
  rv1::ReportingChain chain;
  const grpc::Status status = s.registry().GetReportingChain(s.Context().get(), request, &chain);
  if (!status.ok()) return Fail(s, status);
  Table table({"#", s.Say("unit", "unit"), s.Say("peran", "role"), s.Say("dasar", "basis")});
  int n = 0;
  for (const auto& step : chain.steps()) {
    table.Add({absl::StrCat(++n), step.display_name(), rv1::ReportingStep::Role_Name(step.role()),
               step.citations().empty() ? "" : step.citations(0)});
  }
  table.Print(s.options().json);
  return 0;
}

namespace {

int BadAsOf(const Session& s) {
  std::cerr << "rakor: --as-of "
            << s.Say("harus berupa tanggal, mis. 2026-01-31", "must be a date, as 2026-01-31")
            << "\n";
  return static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace

int PrintCoordinator(Session& s, const std::string& unit, const std::string& as_of) {
  rv1::GetCoordinatorRequest request;
  request.set_unit(unit);
  if (!as_of.empty() && !ParseDay(as_of, request.mutable_as_of())) return BadAsOf(s);
  rv1::Coordination c;
  const grpc::Status status = s.registry().GetCoordinator(s.Context().get(), request, &c);
  if (!status.ok()) return Fail(s, status);
  Table table({s.Say("unit", "unit"), s.Say("asisten", "asisten"), s.Say("dasar", "basis")});
  table.Add({c.unit(), c.asisten(), c.citation()});
  table.Print(s.options().json);
  return 0;
}

int PrintRelationship(Session& s, const std::string& a, const std::string& b,
                      const std::string& as_of) {
  rv1::GetWorkingRelationshipRequest request;
  request.set_unit_a(a);
  request.set_unit_b(b);
  if (!as_of.empty() && !ParseDay(as_of, request.mutable_as_of())) return BadAsOf(s);
  rv1::WorkingRelationship r;
  const grpc::Status status = s.registry().GetWorkingRelationship(s.Context().get(), request, &r);
  if (!status.ok()) return Fail(s, status);
  Table table(
      {s.Say("hubungan", "relationship"), s.Say("aturan", "rule"), s.Say("dasar", "basis")});
  for (int kind : r.kinds()) {
    table.Add({rv1::RelationshipKind_Name(static_cast<rv1::RelationshipKind>(kind)), r.rule(),
               r.citation()});
  }
  table.Print(s.options().json);
  return 0;
}

}  // namespace rakor::cli
