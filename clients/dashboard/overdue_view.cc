#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "clients/dashboard/views.h"
#include "common/time.h"

namespace rakor::dashboard {
namespace {

namespace rv1 = ::rakor::reporting::v1;

std::string Lookup(const std::map<std::string, std::string>& map, const std::string& key) {
  auto found = map.find(key);
  return found != map.end() ? found->second : "";
}

}  // namespace

std::string OverdueView(const rakor::registry::v1::Region& region, Identification reader,
                        const std::vector<rv1::Document>& documents,
                        const std::vector<rv1::OverdueFollowUp>& follow_ups,
                        const std::map<std::string, std::string>& names,
                        const std::map<std::string, std::string>& coordinators, Lang lang) {
  auto name = [&](const std::string& unit) {
    const std::string display = Lookup(names, unit);
    return Escape(display.empty() ? unit : display);
  };
  std::string out;
  if (!reader.identified) {
    // Nothing shown is not "nothing overdue": the reader sees nothing until they say
    // who they are.
    absl::StrAppend(&out, R"(<p id="identify">)",
                    reader.may_identify ? Say(lang,
                                              "Dokumen dan tindak lanjut hanya terlihat oleh unit "
                                              "dan pejabat pada alurnya: masuk dengan identitas "
                                              "Anda di atas.",
                                              "Documents and follow-ups are visible only to the "
                                              "units and officials on their route: say who you "
                                              "are above.")
                                        : NotPublic(lang),
                    "</p>");
    return out;
  }
  // Documents, per Asisten of the submitting unit, then per unit.
  std::map<std::string, std::map<std::string, std::vector<const rv1::Document*>>> grouped;
  for (const rv1::Document& d : documents)
    grouped[Lookup(coordinators, d.unit())][d.unit()].push_back(&d);
  absl::StrAppend(&out, "<h2>", Say(lang, "Dokumen terlambat", "Overdue documents"), " (",
                  documents.size(), ")</h2>",
                  ScrollBox(Say(lang, "Dokumen terlambat", "Overdue documents")),
                  R"(<table id="overdue-documents"><thead><tr><th scope="col">)",
                  Say(lang, "Asisten", "Asisten"), R"(</th><th scope="col">)",
                  Say(lang, "Perangkat Daerah", "Unit"), R"(</th><th scope="col">)",
                  Say(lang, "Dokumen", "Document"), R"(</th><th scope="col">)",
                  Say(lang, "Menunggu", "Waiting for"), R"(</th><th scope="col">)",
                  Say(lang, "Sejak", "Since"), "</th></tr></thead><tbody>");
  for (const auto& [asisten, units] : grouped) {
    for (const auto& [unit, docs] : units) {
      for (const rv1::Document* d : docs) {
        const std::string title =
            d->revisions().empty() ? d->name() : d->revisions().rbegin()->title();
        std::string holder = "—";
        if (d->current_step() < d->route_size()) {
          const rv1::RouteStep& step = d->route(d->current_step());
          holder = absl::StrCat(name(step.unit()), " (", Escape(step.role()), ")");
        }
        absl::StrAppend(&out, "<tr><td>", asisten.empty() ? "—" : name(asisten), "</td><td>",
                        name(unit), "</td><td>", Escape(title), "</td><td>", holder, "</td><td>",
                        LocalTime(FromProto(d->step_since_time()), region.time_zone()),
                        "</td></tr>");
      }
    }
  }
  out += "</tbody></table></div>";
  // Follow-up actions arrive sorted by Asisten, owner and due date.
  absl::StrAppend(&out, "<h2>", Say(lang, "Tindak lanjut terlambat", "Overdue follow-up actions"),
                  " (", follow_ups.size(), ")</h2>",
                  ScrollBox(Say(lang, "Tindak lanjut terlambat", "Overdue follow-up actions")),
                  R"(<table id="overdue-follow-ups"><thead><tr><th scope="col">)",
                  Say(lang, "Asisten", "Asisten"), R"(</th><th scope="col">)",
                  Say(lang, "Pelaksana", "Owner"), R"(</th><th scope="col">)",
                  Say(lang, "Tindak lanjut", "Action"), R"(</th><th scope="col">)",
                  Say(lang, "Batas waktu", "Due"), "</th></tr></thead><tbody>");
  for (const rv1::OverdueFollowUp& f : follow_ups) {
    const rv1::FollowUpAction& a = f.action();
    absl::StrAppend(&out, "<tr><td>", a.owner_asisten().empty() ? "—" : name(a.owner_asisten()),
                    "</td><td>", name(a.owner()), "</td><td>", Escape(a.what()), "</td><td>",
                    Escape(a.due_date()), "</td></tr>");
  }
  out += "</tbody></table></div>";
  return out;
}

}  // namespace rakor::dashboard
