#include <iostream>

#include "absl/strings/str_cat.h"
#include "clients/rakor/commands.h"

namespace rakor::cli {

namespace pv1 = rakor::reporting::v1;

int PrintInbox(Session& s, const std::string& region) {
  const std::string unit = s.options().actor.substr(0, s.options().actor.find('#'));
  if (unit.empty()) {
    std::cerr << "rakor: "
              << s.Say("sebutkan siapa Anda: --as UNIT#PERAN", "say who you are: --as UNIT#ROLE")
              << "\n";
    return static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT);
  }
  pv1::ListDocumentsRequest request;
  request.set_parent(region);
  request.set_filter(absl::StrCat("awaiting = \"", unit, "\""));
  request.set_page_size(1000);
  Table table({s.Say("dokumen", "document"), s.Say("judul", "title"), s.Say("langkah", "step"),
               s.Say("terlambat", "overdue")});
  do {
    pv1::ListDocumentsResponse page;
    const grpc::Status status = s.reporting().ListDocuments(s.Context().get(), request, &page);
    if (!status.ok()) return Fail(s, status);
    for (const auto& d : page.documents()) {
      const std::string step = d.state() == pv1::RETURNED
                                   ? s.Say("dikembalikan", "returned")
                                   : pv1::StepAction_Name(d.route(d.current_step()).action());
      table.Add({d.name(), d.revisions().empty() ? "" : d.revisions().rbegin()->title(), step,
                 d.overdue() ? s.Say("ya", "yes") : ""});
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  table.Print(s.options().json);
  return 0;
}

}  // namespace rakor::cli
