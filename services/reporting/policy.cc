#include "services/reporting/policy.h"

#include <vector>

// The rows name only the members they set (designated initializers); the rest keep
// their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace rakor::reporting {

absl::Span<const MethodPolicy> Policy() {
  const std::vector<Grant> national = Grants({Role::kNational}, Reach::kEveryRegion);
  const std::vector<Grant> services = Grants({Role::kService}, Reach::kEveryRegion);
  // Minutes and reports in progress are not public (rule 10). The table keeps each
  // official to their own region; within it, the domain shows a document only to
  // the officials its route passes (route.h).
  const std::vector<Grant> officials =
      Grants({Role::kStaff, Role::kHead, Role::kAsisten, Role::kSekda, Role::kHeadOfRegion,
              Role::kRegionAdmin},
             Reach::kOwnRegion);
  // A unit reports for itself (Temanggung Pasal 25 ayat (2), Banjar Pasal 21).
  const std::vector<Grant> submitters =
      Grants({Role::kStaff, Role::kHead, Role::kAsisten, Role::kSekda}, Reach::kOwnUnit);
  // Attachments are content-addressed, in no region until a document carries
  // them: any official may upload one.
  const std::vector<Grant> any_official =
      Grants({Role::kStaff, Role::kHead, Role::kAsisten, Role::kSekda, Role::kHeadOfRegion,
              Role::kRegionAdmin},
             Reach::kEveryRegion);
  static const auto* policy = new std::vector<MethodPolicy>{
      {.method = "SubmitDocument", .target = "unit", .grants = submitters},
      {.method = "ResubmitDocument", .target = "name", .grants = officials},
      {.method = "WithdrawDocument", .target = "name", .grants = officials},
      {.method = "InitialDocument", .target = "name", .grants = officials},
      {.method = "ForwardDocument", .target = "name", .grants = officials},
      {.method = "ReturnDocument", .target = "name", .grants = officials},
      {.method = "AcceptDocument", .target = "name", .grants = officials},
      {.method = "AcknowledgeDocument", .target = "name", .grants = officials},
      // Reads, too: the domain shows an official only what is on their route, and no
      // role without a unit is on one.
      {.method = "GetDocument", .target = "name", .grants = officials},
      {.method = "ListDocuments", .target = "parent", .grants = officials},
      {.method = "ListAuditEntries", .target = "document", .grants = officials},
      {.method = "CompleteFollowUp", .target = "name", .grants = officials},
      {.method = "ListOverdueFollowUps", .target = "parent", .grants = officials},
      {.method = "UploadAttachment", .grants = any_official},
      // An attachment's name is its SHA-256: known to those who saw a document that
      // carries it, or who hold the file.
      {.method = "ReadAttachment", .grants = any_official},
      // The check of the whole hash chain: for those who audit.
      {.method = "VerifyAuditTrail",
       .grants =
           Grants({Role::kSekda, Role::kRegionAdmin}, Reach::kEveryRegion) + national + services},
      // When a region's steps are overdue is public; its administrator or its Sekda
      // sets it.
      {.method = "GetReportingSettings", .is_public = true},
      {.method = "UpdateReportingSettings",
       .target = "settings.name",
       .grants = Grants({Role::kRegionAdmin, Role::kSekda}, Reach::kOwnRegion)},
  };
  return *policy;
}

}  // namespace rakor::reporting
