#include <functional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/dashboard/views.h"

namespace rakor::dashboard {

std::string OrganisationView(const rakor::registry::v1::Region& region, const std::string& as_of,
                             const std::vector<rakor::registry::v1::Unit>& units, Lang lang) {
  std::map<std::string, const rakor::registry::v1::Unit*> by_name;
  std::map<std::string, std::vector<const rakor::registry::v1::Unit*>> children;
  for (const auto& u : units) by_name[u.name()] = &u;
  for (const auto& u : units) {
    // A parent not valid on this date leaves its units at the top, not hidden.
    children[by_name.contains(u.parent()) ? u.parent() : ""].push_back(&u);
  }
  std::string out = absl::StrCat(
      R"(<form method="get" action="/)", Escape(region.name()),
      R"(/organisation"><label for="as_of">)", Say(lang, "Per tanggal", "As of"),
      R"(</label> <input type="date" id="as_of" name="as_of" value=")", Escape(as_of), R"(">)",
      lang == Lang::kEnglish ? R"(<input type="hidden" name="lang" value="en">)" : "",
      R"( <button type="submit">)", Say(lang, "Tampilkan", "Show"), "</button></form>");
  absl::StrAppend(&out, "<p>", units.size(),
                  Say(lang, " unit kerja menurut ", " units according to "),
                  Escape(region.regulation()), ".</p>");
  // Depth-first; the registry bounds a parent chain's depth.
  std::function<void(const std::string&, bool)> tree = [&](const std::string& parent, bool root) {
    auto kids = children.find(parent);
    if (kids == children.end()) return;
    absl::StrAppend(&out,
                    root ? R"(<ul class="tree root" id="organisation">)" : R"(<ul class="tree">)");
    for (const auto* u : kids->second) {
      absl::StrAppend(&out, R"(<li data-unit=")", Escape(u->name()), R"("><strong>)",
                      Escape(u->display_name()), R"(</strong> <span class="muted">)",
                      Escape(u->head_title()), "</span>");
      if (!u->coordinator().empty()) {
        auto asisten = by_name.find(u->coordinator());
        absl::StrAppend(
            &out, R"(<br>)", Say(lang, "Dikoordinasikan oleh ", "Coordinated by "),
            Escape(asisten != by_name.end() ? asisten->second->display_name() : u->coordinator()));
      }
      if (!u->citations().empty()) {
        absl::StrAppend(&out, R"(<br><span class="muted">)",
                        Escape(absl::StrJoin(u->citations(), "; ")), "</span>");
      }
      tree(u->name(), false);
      out += "</li>";
    }
    out += "</ul>";
  };
  tree("", true);
  return out;
}

}  // namespace rakor::dashboard
