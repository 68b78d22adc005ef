#include "common/access_policy.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/error_details.h"
#include "common/errors.h"
#include "common/text.h"
#include "google/protobuf/descriptor.h"

namespace rakor {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

bool Reaches(const Grant& grant, const Caller& caller, const Target& target) {
  if (grant.role != caller.role) return false;
  switch (grant.reach) {
    case Reach::kEveryRegion:
      return true;
    case Reach::kOwnRegion:
      return !target.region.empty() && target.region == caller.region();
    case Reach::kOwnUnit:
      return !target.unit.empty() && target.unit == caller.unit;
  }
  return false;
}

absl::string_view ReachName(Reach reach) {
  switch (reach) {
    case Reach::kOwnUnit:
      return "of that unit";
    case Reach::kOwnRegion:
      return "of that region";
    case Reach::kEveryRegion:
      return "anywhere";
  }
  return "";
}

absl::Status Denied(absl::string_view domain, absl::string_view method, const Caller& caller,
                    absl::string_view target, absl::string_view rule) {
  return WithErrorInfo(absl::PermissionDeniedError(
                           absl::StrCat(method, target.empty() ? "" : " on ", Quote(target),
                                        " is for ", rule, "; ", caller.ToString(), " may not")),
                       "PERMISSION_DENIED", domain,
                       {{"method", method}, {"caller", caller.ToString()}});
}

}  // namespace

std::vector<Grant> Grants(std::initializer_list<Role> roles, Reach reach) {
  std::vector<Grant> grants;
  for (Role role : roles) grants.push_back({role, reach});
  return grants;
}

std::vector<Grant> operator+(std::vector<Grant> a, const std::vector<Grant>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Target TargetOf(absl::string_view resource_name) {
  const std::vector<absl::string_view> parts = absl::StrSplit(resource_name, '/');
  Target target;
  if (parts.size() < 2 || parts[0] != "regions" || parts[1].empty() || parts[1] == "-") {
    return target;
  }
  target.region = std::string(parts[1]);
  if (parts.size() >= 4 && parts[2] == "units" && !parts[3].empty()) {
    target.unit = absl::StrCat("regions/", parts[1], "/units/", parts[3]);
  }
  return target;
}

const MethodPolicy* FindPolicy(absl::Span<const MethodPolicy> policy, absl::string_view method) {
  auto it = std::find_if(policy.begin(), policy.end(),
                         [&](const MethodPolicy& row) { return row.method == method; });
  return it == policy.end() ? nullptr : &*it;
}

absl::Status CheckRequestSize(absl::Span<const MethodPolicy> policy, absl::string_view domain,
                              absl::string_view method, const Message& request) {
  const MethodPolicy* row = FindPolicy(policy, method);
  const size_t limit = row == nullptr ? limits::kMaxRequestBytes : row->max_request_bytes;
  const size_t size = request.ByteSizeLong();
  if (size <= limit) return absl::OkStatus();
  return errors::BadField(
      domain, "REQUEST_TOO_LARGE", "request",
      absl::StrCat(size, " bytes, over the ", limit, " bytes ", method, " accepts"));
}

std::string TargetName(const MethodPolicy& row, const Message& request) {
  if (row.target.empty()) return "";
  const Message* message = &request;
  const std::vector<absl::string_view> path = absl::StrSplit(row.target, '.');
  for (size_t i = 0; i < path.size(); ++i) {
    const FieldDescriptor* field = message->GetDescriptor()->FindFieldByName(std::string(path[i]));
    if (field == nullptr || field->is_repeated()) return "";
    const bool last = i + 1 == path.size();
    if (last) {
      return field->type() == FieldDescriptor::TYPE_STRING
                 ? message->GetReflection()->GetString(*message, field)
                 : "";
    }
    if (field->type() != FieldDescriptor::TYPE_MESSAGE) return "";
    message = &message->GetReflection()->GetMessage(*message, field);
  }
  return "";
}

absl::Status Authorize(absl::Span<const MethodPolicy> policy, absl::string_view domain,
                       absl::string_view method, const Caller& caller, const Message& request) {
  const MethodPolicy* row = FindPolicy(policy, method);
  if (row == nullptr) return Denied(domain, method, caller, "", "no caller (it has no policy)");
  if (row->is_public) return absl::OkStatus();
  const std::string name = TargetName(*row, request);
  const Target target = TargetOf(name);
  for (const Grant& grant : row->grants) {
    if (Reaches(grant, caller, target)) return absl::OkStatus();
  }
  std::vector<std::string> rule;
  for (const Grant& grant : row->grants) {
    rule.push_back(absl::StrCat(RoleName(grant.role), " ", ReachName(grant.reach)));
  }
  return Denied(domain, method, caller, name, absl::StrJoin(rule, ", "));
}

}  // namespace rakor
