#include "services/scheduling/clients/registry_directory.h"

#include "absl/strings/str_cat.h"
#include "common/time.h"
#include "services/common/grpc_status.h"

namespace rakor::scheduling {
namespace {

namespace registry = rakor::registry::v1;

absl::Status FromRegistry(const grpc::Status& status) { return FromPeerStatus("registry", status); }

}  // namespace

RegistryDirectory::RegistryDirectory(std::shared_ptr<grpc::Channel> channel,
                                     absl::Duration deadline)
    : stub_(registry::RegistryService::NewStub(std::move(channel))), deadline_(deadline) {}

absl::StatusOr<std::string> RegistryDirectory::TimeZoneOf(const std::string& region) {
  registry::GetRegionRequest request;
  request.set_name(region);
  registry::Region found;
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
  if (absl::Status s = FromRegistry(stub_->GetRegion(&ctx, request, &found)); !s.ok()) return s;
  return found.time_zone();
}

absl::Status RegistryDirectory::CheckUnit(const std::string& unit, absl::Time as_of) {
  registry::GetUnitRequest request;
  request.set_name(unit);
  *request.mutable_as_of() = ToProto(as_of);
  registry::Unit found;
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
  return FromRegistry(stub_->GetUnit(&ctx, request, &found));
}

absl::StatusOr<std::vector<DirectoryUnit>> RegistryDirectory::UnitsOf(const std::string& region,
                                                                      absl::Time as_of) {
  registry::ListUnitsRequest request;
  request.set_parent(region);
  request.set_page_size(1000);
  *request.mutable_as_of() = ToProto(as_of);
  std::vector<DirectoryUnit> units;
  do {
    registry::ListUnitsResponse page;
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
    if (absl::Status s = FromRegistry(stub_->ListUnits(&ctx, request, &page)); !s.ok()) return s;
    for (const registry::Unit& u : page.units()) {
      units.push_back({u.name(), u.display_name(), registry::UnitKind_Name(u.kind()), u.parent(),
                       u.coordinator(), u.contact_email()});
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return units;
}

}  // namespace rakor::scheduling
