#include "services/registry/reporting_chain.h"

#include "common/time.h"
#include "common/status_macros.h"
#include "services/registry/errors.h"
#include "services/registry/names.h"
#include "services/registry/working_relationship.h"

namespace rakor::registry {

using rakor::registry::v1::Matter;
using rakor::registry::v1::ReportingChain;
using rakor::registry::v1::ReportingStep;

namespace {

void AddStep(ReportingChain* chain, const Unit& unit, ReportingStep::Role role,
             absl::string_view reason, std::initializer_list<absl::string_view> citations) {
  ReportingStep* step = chain->add_steps();
  step->set_unit(unit.name());
  step->set_display_name(unit.display_name());
  step->set_head_title(unit.head_title());
  step->set_role(role);
  step->set_reason(std::string(reason));
  for (absl::string_view c : citations) {
    if (!c.empty()) step->add_citations(std::string(c));
  }
}

const std::string& FirstCitation(const Unit& unit) {
  static const std::string kNone;
  return unit.citations().empty() ? kNone : unit.citations(0);
}

}  // namespace

absl::StatusOr<ReportingChain> ReportingChainOf(const Snapshot& snapshot,
                                                const std::string& unit_name, Matter matter,
                                                absl::Time as_of) {
  if (matter != Matter::GENERAL_POLICY && matter != Matter::TECHNICAL_OPERATIONAL) {
    return errors::InvalidField("matter", "must be GENERAL_POLICY or TECHNICAL_OPERATIONAL");
  }
  RAKOR_ASSIGN_OR_RETURN(const Unit* unit, snapshot.GetUnit(unit_name, as_of));
  const std::string region_name = RegionOf(unit_name);
  RAKOR_ASSIGN_OR_RETURN(const Region* region, snapshot.GetRegion(region_name));
  const auto& rules = region->reporting_rules();
  const bool general = matter == Matter::GENERAL_POLICY;

  ReportingChain chain;
  chain.set_unit(unit_name);
  chain.set_matter(matter);
  *chain.mutable_as_of() = ToProto(as_of);

  const Unit* head = snapshot.FindByKind(region_name, UnitKind::HEAD_OF_REGION, as_of);
  if (head == nullptr) return errors::NoUnitOfKind(region_name, "HEAD_OF_REGION", as_of);
  const Unit* setda = snapshot.FindByKind(region_name, UnitKind::SEKRETARIAT_DAERAH, as_of);
  if (setda == nullptr) return errors::NoUnitOfKind(region_name, "SEKRETARIAT_DAERAH", as_of);

  const std::string& origin_citation =
      general ? rules.general_policy_citation() : rules.technical_operational_citation();
  const absl::string_view origin_reason =
      general ? "formulates general policy, which is coordinated through the Sekretaris Daerah"
              : "coordinates technical-operational matters directly and reports up";

  switch (unit->kind()) {
    case UnitKind::HEAD_OF_REGION:
      AddStep(&chain, *unit, ReportingStep::ORIGIN, "the head of region: the top of the chain",
              {FirstCitation(*unit)});
      return chain;
    case UnitKind::STAF_AHLI:
      // Staf Ahli advise the head of region directly (e.g. Soppeng Pasal 25 ayat (3)).
      AddStep(&chain, *unit, ReportingStep::ORIGIN, "advises the head of region directly",
              {FirstCitation(*unit)});
      AddStep(&chain, *head, ReportingStep::HEAD_OF_REGION, "receives the advice",
              {FirstCitation(*unit)});
      return chain;
    case UnitKind::SEKRETARIAT_DAERAH:
      AddStep(&chain, *unit, ReportingStep::ORIGIN, origin_reason, {origin_citation});
      AddStep(&chain, *head, ReportingStep::HEAD_OF_REGION,
              "the Sekretaris Daerah reports to the head of region",
              {rules.sekda_reports_citation()});
      return chain;
    case UnitKind::ASISTEN:
      AddStep(&chain, *unit, ReportingStep::ORIGIN, "assists the Sekretaris Daerah",
              {FirstCitation(*unit)});
      AddStep(&chain, *setda, ReportingStep::SEKRETARIS_DAERAH,
              "the Asisten assists and reports to the Sekretaris Daerah",
              {rules.asisten_assists_sekda_citation()});
      AddStep(&chain, *head, ReportingStep::HEAD_OF_REGION,
              "the Sekretaris Daerah reports to the head of region",
              {rules.sekda_reports_citation()});
      return chain;
    default:
      break;
  }

  AddStep(&chain, *unit, ReportingStep::ORIGIN, origin_reason, {origin_citation});
  // A unit with no Asisten of its own reports through its structural parent
  // (a Kelurahan through its Kecamatan).
  const Unit* reporter = unit;
  const Coordination* coordination = snapshot.CoordinationOf(reporter->name(), as_of);
  // Validation keeps parent chains acyclic; the bound is a second guard.
  for (int depth = 0; coordination == nullptr && !reporter->parent().empty() && depth < 16;
       ++depth) {
    const Unit* parent = snapshot.FindUnit(reporter->parent());
    if (parent == nullptr || !ValidAt(*parent, as_of) ||
        parent->kind() == UnitKind::SEKRETARIAT_DAERAH ||
        parent->kind() == UnitKind::HEAD_OF_REGION) {
      break;
    }
    // The article that makes the pair structural, where the region's matrix has one.
    auto relationship = WorkingRelationshipBetween(snapshot, reporter->name(), parent->name(), as_of);
    AddStep(&chain, *parent, ReportingStep::STRUCTURAL_PARENT,
            "has no Asisten of its own and reports to its structural parent",
            {relationship.ok() ? relationship->citation() : FirstCitation(*reporter)});
    reporter = parent;
    coordination = snapshot.CoordinationOf(reporter->name(), as_of);
  }
  if (coordination == nullptr) {
    return errors::NotInReportingChain(unit_name, rakor::registry::v1::UnitKind_Name(unit->kind()));
  }
  RAKOR_ASSIGN_OR_RETURN(const Unit* asisten, snapshot.GetUnit(coordination->asisten(), as_of));
  const bool paraf = !rules.paraf_citation().empty();
  AddStep(&chain, *asisten, ReportingStep::ASISTEN,
          paraf ? "the Asisten in charge, who coordinates and initials (paraf koordinasi) "
                  "what goes up"
                : "the Asisten in charge, through whom the unit reports",
          {coordination->citation(), rules.through_asisten_citation(), rules.paraf_citation()});
  AddStep(&chain, *setda, ReportingStep::SEKRETARIS_DAERAH,
          general ? "general policy is coordinated through the Sekretaris Daerah"
                  : "the unit accounts to the head of region through the Sekretaris Daerah",
          {general ? rules.general_policy_citation() : rules.through_sekda_citation()});
  AddStep(&chain, *head, ReportingStep::HEAD_OF_REGION, "receives the report",
          {rules.sekda_reports_citation()});
  return chain;
}

}  // namespace rakor::registry
