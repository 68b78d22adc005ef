#include "absl/strings/str_cat.h"
#include "common/list_query.h"
#include "common/status_macros.h"
#include "common/time.h"
#include "services/registry/errors.h"
#include "services/registry/handlers/handlers.h"
#include "services/registry/names.h"
#include "services/registry/reporting_chain.h"
#include "services/registry/unit_names.h"

namespace rakor::registry::handlers {

absl::Status GetUnit(RequestContext* ctx, const v1::GetUnitRequest* req, v1::Unit* resp) {
  RAKOR_RETURN_IF_ERROR(ParseUnitName("name", req->name()).status());
  RAKOR_ASSIGN_OR_RETURN(const absl::Time as_of, AsOf(*ctx, *req));
  const auto snapshot = ctx->registry->snapshot();
  RAKOR_ASSIGN_OR_RETURN(const Unit* unit, snapshot->GetUnit(req->name(), as_of));
  *resp = snapshot->View(*unit, as_of);
  return absl::OkStatus();
}

absl::Status ListUnits(RequestContext* ctx, const v1::ListUnitsRequest* req,
                       v1::ListUnitsResponse* resp) {
  RAKOR_ASSIGN_OR_RETURN(std::string region, ParseRegionName("parent", req->parent()));
  RAKOR_ASSIGN_OR_RETURN(int page_size, PageSize(errors::kDomain, req->page_size()));
  RAKOR_ASSIGN_OR_RETURN(auto filter, ParseFilter(errors::kDomain, req->filter(),
                                                  {"kind", "parent", "coordinator", "asisten_field",
                                                   "known_as", "search"}));
  auto term = [&](const char* field) {
    auto it = filter.find(field);
    return it == filter.end() ? std::string() : NormalizeUnitName(it->second);
  };
  const std::string known_as = term("known_as");
  const std::string search = term("search");
  if (filter.contains("search") && search.empty()) {
    return errors::InvalidFilter(req->filter(), "search needs a term");
  }
  v1::UnitKind kind = v1::UNIT_KIND_UNSPECIFIED;
  if (filter.contains("kind") && !v1::UnitKind_Parse(filter["kind"], &kind)) {
    return errors::InvalidFilter(req->filter(),
                                 absl::StrCat("\"", filter["kind"], "\" is not a UnitKind"));
  }
  v1::AsistenField field = v1::ASISTEN_FIELD_UNSPECIFIED;
  if (filter.contains("asisten_field") &&
      !v1::AsistenField_Parse(filter["asisten_field"], &field)) {
    return errors::InvalidFilter(
        req->filter(), absl::StrCat("\"", filter["asisten_field"], "\" is not an AsistenField"));
  }
  for (const char* name_field : {"parent", "coordinator"}) {
    if (auto it = filter.find(name_field); it != filter.end()) {
      RAKOR_RETURN_IF_ERROR(
          ParseUnitName(absl::StrCat("filter.", name_field), it->second).status());
    }
  }
  const ListQuery query{"ListUnits",
                        absl::StrCat(region, "|", req->filter(), "|",
                                     req->has_as_of() ? TimestampMicros(req->as_of()) : 0)};
  RAKOR_ASSIGN_OR_RETURN(std::string after,
                         DecodePageToken(errors::kDomain, req->page_token(), query));
  RAKOR_ASSIGN_OR_RETURN(const absl::Time as_of, AsOf(*ctx, *req));
  const auto snapshot = ctx->registry->snapshot();
  const RegionView* view = snapshot->FindRegion(region);
  if (view == nullptr) return errors::RegionNotFound(region);
  // The filter's terms looked up once, not for every unit.
  auto wanted = [&](const char* term) -> const std::string* {
    auto it = filter.find(term);
    return it == filter.end() ? nullptr : &it->second;
  };
  const bool by_kind = wanted("kind"), by_field = wanted("asisten_field"),
             by_known_as = wanted("known_as"), by_search = wanted("search");
  const std::string* parent = wanted("parent");
  const std::string* coordinator = wanted("coordinator");
  auto keep = [&](const Unit& u) {
    if (!ValidAt(u, as_of)) return false;
    if (by_kind && u.kind() != kind) return false;
    if (by_field && u.asisten_field() != field) return false;
    if (parent != nullptr && u.parent() != *parent) return false;
    if (coordinator != nullptr) {
      const Coordination* c = snapshot->CoordinationOf(u.name(), as_of);
      if (c == nullptr || c->asisten() != *coordinator) return false;
    }
    if (by_known_as && !IsKnownAs(u, known_as)) return false;
    if (by_search && !NameContains(u, search)) return false;
    return true;
  };
  resp->set_next_page_token(
      PageThrough(view->units(), query, after, page_size, keep,
                  [&](const Unit& u) { *resp->add_units() = snapshot->View(u, as_of); }));
  return absl::OkStatus();
}

absl::Status CreateUnit(RequestContext* ctx, const v1::CreateUnitRequest* req, v1::Unit* resp) {
  if (!req->has_unit()) return errors::RequiredField("unit");
  RAKOR_ASSIGN_OR_RETURN(
      *resp, ctx->registry->CreateUnit(req->parent(), req->unit_id(), req->unit(),
                                       KeyOf(req->request_id(), *req), ctx->caller.ToString()));
  return absl::OkStatus();
}

absl::Status UpdateUnit(RequestContext* ctx, const v1::UpdateUnitRequest* req, v1::Unit* resp) {
  if (!req->has_unit()) return errors::RequiredField("unit");
  RAKOR_ASSIGN_OR_RETURN(
      *resp, ctx->registry->UpdateUnit(req->unit(), req->update_mask(), ctx->caller.ToString()));
  return absl::OkStatus();
}

absl::Status DeleteUnit(RequestContext* ctx, const v1::DeleteUnitRequest* req, v1::Unit* resp) {
  std::optional<absl::Time> effective;
  if (req->has_effective_time()) {
    if (!IsValidTimestamp(req->effective_time())) {
      return errors::InvalidField("effective_time", "must lie between years 1 and 9999");
    }
    effective = FromProto(req->effective_time());
  }
  RAKOR_ASSIGN_OR_RETURN(*resp, ctx->registry->DeleteUnit(req->name(), req->etag(), effective,
                                                          ctx->caller.ToString()));
  return absl::OkStatus();
}

absl::Status GetReportingChain(RequestContext* ctx, const v1::GetReportingChainRequest* req,
                               v1::ReportingChain* resp) {
  RAKOR_RETURN_IF_ERROR(ParseUnitName("unit", req->unit()).status());
  RAKOR_ASSIGN_OR_RETURN(const absl::Time as_of, AsOf(*ctx, *req));
  RAKOR_ASSIGN_OR_RETURN(
      *resp, ReportingChainOf(*ctx->registry->snapshot(), req->unit(), req->matter(), as_of));
  return absl::OkStatus();
}

}  // namespace rakor::registry::handlers
