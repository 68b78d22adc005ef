#include "services/reporting/names.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/limits.h"
#include "common/resource_id.h"
#include "services/reporting/errors.h"

namespace rakor::reporting {

absl::StatusOr<std::string> ParseRegion(absl::string_view field, absl::string_view name) {
  if (name.size() > limits::kMaxNameBytes) return errors::TooLong(field, limits::kMaxNameBytes);
  const std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 2 || parts[0] != "regions" || !IsValidId(parts[1])) {
    return errors::MalformedName(field, name, "regions/{region}");
  }
  return std::string(name);
}

std::string DocumentName(absl::string_view region, absl::string_view id) {
  return absl::StrCat(region, "/documents/", id);
}

absl::StatusOr<std::string> RegionOfDocument(absl::string_view field, absl::string_view name) {
  if (name.size() > limits::kMaxNameBytes) return errors::TooLong(field, limits::kMaxNameBytes);
  const std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "regions" || parts[2] != "documents" ||
      !IsValidId(parts[1]) || !IsValidId(parts[3])) {
    return errors::MalformedName(field, name, "regions/{region}/documents/{document}");
  }
  return absl::StrCat("regions/", parts[1]);
}

std::string FollowUpName(absl::string_view document, int n) {
  return absl::StrCat(document, "/followUps/", n);
}

absl::StatusOr<FollowUpId> ParseFollowUpName(absl::string_view field, absl::string_view name) {
  if (name.size() > limits::kMaxNameBytes) return errors::TooLong(field, limits::kMaxNameBytes);
  const size_t at = name.rfind("/followUps/");
  FollowUpId id;
  if (at == absl::string_view::npos || !RegionOfDocument(field, name.substr(0, at)).ok() ||
      !absl::SimpleAtoi(name.substr(at + 11), &id.n) || id.n < 1 ||
      name.substr(at + 11) != absl::StrCat(id.n)) {
    return errors::MalformedName(field, name,
                                 "regions/{region}/documents/{document}/followUps/{n}");
  }
  id.document = std::string(name.substr(0, at));
  return id;
}

std::string SettingsName(absl::string_view region) {
  return absl::StrCat(region, "/reportingSettings");
}

absl::StatusOr<std::string> RegionOfSettings(absl::string_view field, absl::string_view name) {
  if (name.size() > limits::kMaxNameBytes) return errors::TooLong(field, limits::kMaxNameBytes);
  const std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 3 || parts[0] != "regions" || parts[2] != "reportingSettings" ||
      !IsValidId(parts[1])) {
    return errors::MalformedName(field, name, "regions/{region}/reportingSettings");
  }
  return absl::StrCat("regions/", parts[1]);
}

std::string RegionOfUnit(absl::string_view unit) {
  const std::vector<absl::string_view> parts = absl::StrSplit(unit, '/');
  if (parts.size() != 4 || parts[0] != "regions" || parts[2] != "units") return "";
  return absl::StrCat("regions/", parts[1]);
}

std::string AttachmentName(absl::string_view sha256) {
  return absl::StrCat("attachments/", sha256);
}

bool IsSha256Hex(absl::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(c) && !(c >= 'a' && c <= 'f')) return false;
  }
  return true;
}

absl::StatusOr<std::string> ParseAttachmentName(absl::string_view field, absl::string_view name) {
  if (!absl::StartsWith(name, "attachments/") || !IsSha256Hex(name.substr(12))) {
    return errors::MalformedName(field, name, "attachments/{sha256, 64 lower-case hex digits}");
  }
  return std::string(name.substr(12));
}

}  // namespace rakor::reporting
