#include "services/reporting/route.h"

#include "absl/strings/str_cat.h"
#include "common/caller.h"

namespace rakor::reporting {
namespace {

v1::RouteStep Step(const std::string& unit, Role role, v1::StepAction action,
                   const std::string& citation) {
  v1::RouteStep step;
  step.set_unit(unit);
  step.set_role(std::string(RoleName(role)));
  step.set_action(action);
  step.set_citation(citation);
  return step;
}

}  // namespace

std::vector<v1::RouteStep> BuildRoute(const std::vector<ChainStep>& chain,
                                      const std::string& paraf_citation,
                                      const std::optional<LeadOf>& lead) {
  const v1::StepAction asisten_action = paraf_citation.empty() ? v1::FORWARD : v1::PARAF;
  // The lead's step: its citation (Soppeng Pasal 22 ayat (4)) with the paraf rule,
  // which the registry's chain cites only at its own Asisten step.
  auto lead_step = [&] {
    std::string citation = lead->citation;
    if (!paraf_citation.empty()) absl::StrAppend(&citation, "; ", paraf_citation);
    return Step(lead->lead, Role::kAsisten, asisten_action, citation);
  };
  bool lead_placed = false;
  std::vector<v1::RouteStep> route;
  for (const ChainStep& c : chain) {
    if (c.kind == "STRUCTURAL_PARENT") {
      route.push_back(Step(c.unit, Role::kHead, v1::FORWARD, c.citation));
    } else if (c.kind == "ASISTEN") {
      if (!lead.has_value()) {
        route.push_back(Step(c.unit, Role::kAsisten, asisten_action, c.citation));
      }
    } else if (c.kind == "SEKRETARIS_DAERAH") {
      // The lead, when it is an Asisten, comes before the Sekda (a Setda lead is the Sekda).
      if (lead.has_value() && lead->lead != c.unit) route.push_back(lead_step());
      lead_placed = true;
      route.push_back(Step(c.unit, Role::kSekda, v1::ACCEPT, c.citation));
    } else if (c.kind == "HEAD_OF_REGION") {
      // Minutes the Setda itself sends up pass no Sekda step; where every document
      // for the head of region needs an Asisten's paraf (Soppeng Pasal 26 ayat (1)-(2)),
      // the lead Asisten initials them before the head.
      if (lead.has_value() && lead->asisten && !lead_placed && !paraf_citation.empty()) {
        route.push_back(lead_step());
      }
      route.push_back(Step(c.unit, Role::kHeadOfRegion, v1::ACKNOWLEDGE, c.citation));
    }
  }
  return route;
}

}  // namespace rakor::reporting
