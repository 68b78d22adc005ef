// The report the process tests submit: the Dinas Kesehatan of Temanggung reports on
// a technical-operational matter, so its route comes from the registry (through the
// Asisten who coordinates it to the Sekda).
#pragma once

#include <string>

#include "rakor/reporting/v1/reporting_service.pb.h"

namespace rakor::testing {

inline constexpr char kTemanggungDinkes[] = "regions/temanggung/units/dinas-kesehatan";

inline rakor::reporting::v1::SubmitDocumentRequest DinkesReport(const std::string& id) {
  rakor::reporting::v1::SubmitDocumentRequest request;
  request.set_parent("regions/temanggung");
  request.set_document_id(id);
  request.set_kind(rakor::reporting::v1::REPORT);
  request.set_unit(kTemanggungDinkes);
  request.set_matter(rakor::reporting::v1::TECHNICAL_OPERATIONAL);
  request.mutable_revision()->set_title("Laporan hasil koordinasi " + id);
  return request;
}

}  // namespace rakor::testing
