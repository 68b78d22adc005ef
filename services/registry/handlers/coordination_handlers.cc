#include <map>

#include "absl/strings/str_cat.h"
#include "common/limits.h"
#include "common/list_query.h"
#include "common/status_macros.h"
#include "common/time.h"
#include "services/registry/errors.h"
#include "services/registry/handlers/handlers.h"
#include "services/registry/lead_coordinator.h"
#include "services/registry/names.h"

namespace rakor::registry::handlers {

absl::Status ListCoordinations(RequestContext* ctx, const v1::ListCoordinationsRequest* req,
                               v1::ListCoordinationsResponse* resp) {
  RAKOR_ASSIGN_OR_RETURN(std::string region, ParseRegionName("parent", req->parent()));
  RAKOR_ASSIGN_OR_RETURN(int page_size, PageSize(errors::kDomain, req->page_size()));
  RAKOR_ASSIGN_OR_RETURN(auto filter,
                         ParseFilter(errors::kDomain, req->filter(), {"unit", "asisten"}));
  for (const auto& [field, value] : filter) {
    RAKOR_RETURN_IF_ERROR(ParseUnitName(absl::StrCat("filter.", field), value).status());
  }
  RAKOR_RETURN_IF_ERROR(AsOf(*ctx, *req).status());
  const ListQuery query{"ListCoordinations",
                        absl::StrCat(region, "|", req->filter(), "|",
                                     req->has_as_of() ? TimestampMicros(req->as_of()) : 0)};
  RAKOR_ASSIGN_OR_RETURN(std::string after,
                         DecodePageToken(errors::kDomain, req->page_token(), query));
  const auto snapshot = ctx->registry->snapshot();
  const RegionView* view = snapshot->FindRegion(region);
  if (view == nullptr) return errors::RegionNotFound(region);
  auto keep = [&](const Coordination& c) {
    return (!req->has_as_of() || ValidAt(c, FromProto(req->as_of()))) &&
           (!filter.contains("unit") || c.unit() == filter["unit"]) &&
           (!filter.contains("asisten") || c.asisten() == filter["asisten"]);
  };
  resp->set_next_page_token(
      PageThrough(view->coordinations(), query, after, page_size, keep,
                  [&](const Coordination& c) { *resp->add_coordinations() = c; }));
  return absl::OkStatus();
}

absl::Status CreateCoordination(RequestContext* ctx, const v1::CreateCoordinationRequest* req,
                                v1::Coordination* resp) {
  if (!req->has_coordination()) return errors::RequiredField("coordination");
  RAKOR_ASSIGN_OR_RETURN(*resp, ctx->registry->CreateCoordination(
                                    req->parent(), req->coordination(),
                                    KeyOf(req->request_id(), *req), ctx->caller.ToString()));
  return absl::OkStatus();
}

absl::Status GetCoordinator(RequestContext* ctx, const v1::GetCoordinatorRequest* req,
                            v1::Coordination* resp) {
  RAKOR_RETURN_IF_ERROR(ParseUnitName("unit", req->unit()).status());
  RAKOR_ASSIGN_OR_RETURN(const absl::Time as_of, AsOf(*ctx, *req));
  const auto snapshot = ctx->registry->snapshot();
  RAKOR_RETURN_IF_ERROR(snapshot->GetUnit(req->unit(), as_of).status());
  const Coordination* c = snapshot->CoordinationOf(req->unit(), as_of);
  if (c == nullptr) return errors::NoCoordinator(req->unit(), as_of);
  *resp = *c;
  return absl::OkStatus();
}

absl::Status ListCoordinatedUnits(RequestContext* ctx, const v1::ListCoordinatedUnitsRequest* req,
                                  v1::ListCoordinatedUnitsResponse* resp) {
  RAKOR_RETURN_IF_ERROR(ParseUnitName("asisten", req->asisten()).status());
  RAKOR_ASSIGN_OR_RETURN(int page_size, PageSize(errors::kDomain, req->page_size()));
  const ListQuery query{
      "ListCoordinatedUnits",
      absl::StrCat(req->asisten(), "|", req->has_as_of() ? TimestampMicros(req->as_of()) : 0)};
  RAKOR_ASSIGN_OR_RETURN(std::string after,
                         DecodePageToken(errors::kDomain, req->page_token(), query));
  RAKOR_ASSIGN_OR_RETURN(const absl::Time as_of, AsOf(*ctx, *req));
  const auto snapshot = ctx->registry->snapshot();
  RAKOR_ASSIGN_OR_RETURN(const Unit* asisten, snapshot->GetUnit(req->asisten(), as_of));
  if (asisten->kind() != v1::ASISTEN) return errors::NotAnAsisten("asisten", req->asisten());
  resp->set_next_page_token(PageThrough(
      snapshot->CoordinatedBy(req->asisten(), as_of), query, after, page_size,
      [](const auto&) { return true; },
      [&](const Snapshot::Coordinated& entry) {
        v1::CoordinatedUnit* out = resp->add_units();
        *out->mutable_unit() = snapshot->View(*entry.unit, as_of);
        out->set_citation(entry.by->citation());
        if (entry.by->has_structured_citation()) {
          *out->mutable_structured_citation() = entry.by->structured_citation();
        }
      }));
  return absl::OkStatus();
}

absl::Status GetLeadCoordinator(RequestContext* ctx, const v1::GetLeadCoordinatorRequest* req,
                                v1::LeadCoordinator* resp) {
  std::vector<std::string> units;
  if (req->units_size() > limits::kMaxUnitsPerRequest) {
    return errors::TooMany("units", limits::kMaxUnitsPerRequest);
  }
  for (int i = 0; i < req->units_size(); ++i) {
    RAKOR_RETURN_IF_ERROR(ParseUnitName(absl::StrCat("units[", i, "]"), req->units(i)).status());
    units.push_back(req->units(i));
  }
  RAKOR_ASSIGN_OR_RETURN(const absl::Time as_of, AsOf(*ctx, *req));
  RAKOR_ASSIGN_OR_RETURN(*resp, LeadCoordinatorOf(*ctx->registry->snapshot(), units, as_of));
  return absl::OkStatus();
}

}  // namespace rakor::registry::handlers
