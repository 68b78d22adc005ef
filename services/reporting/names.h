// Resource names of the reporting API, parsed and built here only:
// regions/{region}, regions/{region}/documents/{document},
// regions/{region}/documents/{document}/followUps/{n},
// regions/{region}/reportingSettings, attachments/{sha256}.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rakor::reporting {

absl::StatusOr<std::string> ParseRegion(absl::string_view field, absl::string_view name);
std::string DocumentName(absl::string_view region, absl::string_view id);
// The region of a document name; an error naming `field` if it is not one.
absl::StatusOr<std::string> RegionOfDocument(absl::string_view field, absl::string_view name);
// regions/{region}/documents/{document}/followUps/{n}: the document and n (from 1).
std::string FollowUpName(absl::string_view document, int n);
struct FollowUpId {
  std::string document;
  int n = 0;
};
absl::StatusOr<FollowUpId> ParseFollowUpName(absl::string_view field, absl::string_view name);
std::string SettingsName(absl::string_view region);
// The region of a regions/{region}/reportingSettings name; an error naming `field`.
absl::StatusOr<std::string> RegionOfSettings(absl::string_view field, absl::string_view name);
// The region a registry unit name belongs to ("" if it is not a unit name).
std::string RegionOfUnit(absl::string_view unit);
std::string AttachmentName(absl::string_view sha256);
// The SHA-256 (64 lower-case hex digits) an attachment name holds.
absl::StatusOr<std::string> ParseAttachmentName(absl::string_view field, absl::string_view name);
bool IsSha256Hex(absl::string_view text);

}  // namespace rakor::reporting
