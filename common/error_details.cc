#include "common/error_details.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace rakor {
namespace {

template <typename Message>
std::string TypeUrl() {
  return absl::StrCat("type.googleapis.com/", Message::descriptor()->full_name());
}

}  // namespace

absl::Status WithErrorInfo(
    absl::Status status, absl::string_view reason, absl::string_view domain,
    std::initializer_list<std::pair<absl::string_view, absl::string_view>> metadata) {
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain(std::string(domain));
  for (const auto& [key, value] : metadata) {
    (*info.mutable_metadata())[std::string(key)] = std::string(value);
  }
  status.SetPayload(TypeUrl<google::rpc::ErrorInfo>(), absl::Cord(info.SerializeAsString()));
  return status;
}

absl::Status WithFieldViolation(absl::Status status, absl::string_view field,
                                absl::string_view description) {
  google::rpc::BadRequest bad_request;
  const std::string url = TypeUrl<google::rpc::BadRequest>();
  if (auto existing = status.GetPayload(url)) bad_request.ParseFromString(std::string(*existing));
  auto* violation = bad_request.add_field_violations();
  violation->set_field(std::string(field));
  violation->set_description(std::string(description));
  status.SetPayload(url, absl::Cord(bad_request.SerializeAsString()));
  return status;
}

std::string ErrorReason(const absl::Status& status) {
  google::rpc::ErrorInfo info;
  if (auto payload = status.GetPayload(TypeUrl<google::rpc::ErrorInfo>())) {
    info.ParseFromString(std::string(*payload));
  }
  return info.reason();
}

std::string RichStatusBytes(const absl::Status& status) {
  google::rpc::Status rich;
  rich.set_code(static_cast<int>(status.code()));
  rich.set_message(std::string(status.message()));
  status.ForEachPayload([&](absl::string_view type_url, const absl::Cord& payload) {
    auto* any = rich.add_details();
    any->set_type_url(std::string(type_url));
    any->set_value(std::string(payload));
  });
  return rich.details_size() == 0 ? std::string() : rich.SerializeAsString();
}

}  // namespace rakor
