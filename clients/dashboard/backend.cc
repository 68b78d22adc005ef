#include "clients/dashboard/backend.h"

#include <chrono>

namespace rakor::dashboard {
namespace {

namespace gv1 = ::rakor::registry::v1;

}  // namespace

Backend::Backend(std::shared_ptr<grpc::Channel> registry, std::shared_ptr<grpc::Channel> scheduling,
                 std::shared_ptr<grpc::Channel> reporting, bool pass_on_readers,
                 std::string speaks_as)
    : registry_(gv1::RegistryService::NewStub(std::move(registry))),
      scheduling_(rakor::scheduling::v1::SchedulingService::NewStub(std::move(scheduling))),
      reporting_(rakor::reporting::v1::ReportingService::NewStub(std::move(reporting))),
      pass_on_readers_(pass_on_readers),
      speaks_as_(std::move(speaks_as)) {}

std::unique_ptr<grpc::ClientContext> Backend::Context(const std::string& actor) const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  // A page waits for no service longer than a reader would.
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  // In production the dashboard is who its certificate says, the public
  // (spiffe://rakor/role/public): a page served to the internet holds no identity
  // that could speak for anyone else.
  if (pass_on_readers_ && !actor.empty()) ctx->AddMetadata("rakor-actor", actor);
  if (!pass_on_readers_ && !speaks_as_.empty()) ctx->AddMetadata("rakor-actor", speaks_as_);
  return ctx;
}

grpc::Status Backend::AllRegions(std::vector<gv1::Region>* regions) {
  gv1::ListRegionsRequest request;
  request.set_page_size(1000);
  do {
    gv1::ListRegionsResponse response;
    grpc::Status status = registry_->ListRegions(Context("").get(), request, &response);
    if (!status.ok()) return status;
    for (auto& r : *response.mutable_regions()) regions->push_back(std::move(r));
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return grpc::Status::OK;
}

grpc::Status Backend::AllUnits(const std::string& region, const google::protobuf::Timestamp* as_of,
                               std::vector<gv1::Unit>* units) {
  gv1::ListUnitsRequest request;
  request.set_parent(region);
  request.set_page_size(1000);
  if (as_of != nullptr) *request.mutable_as_of() = *as_of;
  do {
    gv1::ListUnitsResponse response;
    grpc::Status status = registry_->ListUnits(Context("").get(), request, &response);
    if (!status.ok()) return status;
    for (auto& u : *response.mutable_units()) units->push_back(std::move(u));
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return grpc::Status::OK;
}

}  // namespace rakor::dashboard
