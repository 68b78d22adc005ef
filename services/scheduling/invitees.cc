#include "services/scheduling/invitees.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "services/scheduling/errors.h"
#include "services/scheduling/names.h"

namespace rakor::scheduling {
namespace {

using v1::InviteeSelector;

// Perangkat Daerah: "unsur pembantu Bupati dan DPRD" (Soppeng Pasal 1 angka 7;
// Temanggung Pasal 1 angka 6); its kinds as regulations/README.md lists them.
bool IsPerangkatDaerah(const DirectoryUnit& u) {
  static const std::set<std::string> kKinds = {
      "SEKRETARIAT_DAERAH", "SEKRETARIAT_DPRD", "INSPEKTORAT", "DINAS", "BADAN", "KECAMATAN"};
  return kKinds.contains(u.kind);
}

bool Selects(const InviteeSelector& selector, const DirectoryUnit& u,
             const std::set<std::string>& forkopimda) {
  switch (selector.selector_case()) {
    case InviteeSelector::kUnit:
      return u.name == selector.unit();
    case InviteeSelector::kAsisten:
      return u.coordinator == selector.asisten();
    case InviteeSelector::kGroup:
      switch (selector.group()) {
        case InviteeSelector::PERANGKAT_DAERAH:
          return IsPerangkatDaerah(u);
        case InviteeSelector::KECAMATAN:
          return u.kind == "KECAMATAN";
        case InviteeSelector::FORKOPIMDA:
          // The forum and the member offices under it (Banjar Pasal 22 ayat (3)).
          return forkopimda.contains(u.name) || forkopimda.contains(u.parent);
        default:
          return false;
      }
    default:
      return false;
  }
}

}  // namespace

absl::Status ValidateSelectors(const Selectors& selectors, const std::string& region) {
  if (selectors.size() > kMaxSelectors) return errors::TooMany("series.invitees", kMaxSelectors);
  for (int i = 0; i < selectors.size(); ++i) {
    const InviteeSelector& s = selectors[i];
    const std::string field = absl::StrCat("series.invitees[", i, "]");
    switch (s.selector_case()) {
      case InviteeSelector::kUnit:
      case InviteeSelector::kAsisten: {
        const std::string& unit = s.has_unit() ? s.unit() : s.asisten();
        const std::string which = absl::StrCat(field, s.has_unit() ? ".unit" : ".asisten");
        if (RegionOfUnit(unit) != region) {
          return errors::InvalidField(which, absl::StrCat("must be a unit of ", region));
        }
        break;
      }
      case InviteeSelector::kGroup:
        if (s.group() == InviteeSelector::GROUP_UNSPECIFIED ||
            !InviteeSelector::Group_IsValid(s.group())) {
          return errors::InvalidField(absl::StrCat(field, ".group"), "is not a known group");
        }
        break;
      default:
        return errors::InvalidField(field, "must name a unit, an asisten or a group");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckSelectorsExist(const Selectors& selectors,
                                 const std::vector<DirectoryUnit>& units) {
  std::map<std::string, const DirectoryUnit*> by_name;
  for (const DirectoryUnit& u : units) by_name[u.name] = &u;
  for (int i = 0; i < selectors.size(); ++i) {
    const InviteeSelector& s = selectors[i];
    if (s.has_unit() && !by_name.contains(s.unit())) {
      return errors::UnknownUnit(absl::StrCat("series.invitees[", i, "].unit"), s.unit());
    }
    if (s.has_asisten()) {
      auto found = by_name.find(s.asisten());
      if (found == by_name.end()) {
        return errors::UnknownUnit(absl::StrCat("series.invitees[", i, "].asisten"), s.asisten());
      }
      if (found->second->kind != "ASISTEN") {
        return errors::InvalidField(absl::StrCat("series.invitees[", i, "].asisten"),
                                    "must be a unit of kind ASISTEN");
      }
    }
  }
  return absl::OkStatus();
}

std::vector<v1::Invitation> ResolveInvitees(const Selectors& selectors,
                                            const std::vector<DirectoryUnit>& units) {
  std::set<std::string> forkopimda;
  for (const DirectoryUnit& u : units) {
    if (u.kind == "FORKOPIMDA") forkopimda.insert(u.name);
  }
  std::map<std::string, v1::Invitation> invited;
  for (const DirectoryUnit& u : units) {
    for (const InviteeSelector& s : selectors) {
      if (!Selects(s, u, forkopimda)) continue;
      v1::Invitation& invitation = invited[u.name];
      if (invitation.unit().empty()) {
        invitation.set_unit(u.name);
        invitation.set_display_name(u.display_name);
        invitation.set_contact_email(u.contact_email);
        invitation.set_response(v1::NEEDS_ACTION);
      }
      if (!s.optional()) invitation.set_required(true);
    }
  }
  std::vector<v1::Invitation> out;
  for (auto& [name, invitation] : invited) out.push_back(std::move(invitation));
  return out;
}

std::vector<v1::Invitation> InvitationsWithAnswers(
    const Selectors& selectors, const std::vector<DirectoryUnit>& units,
    const google::protobuf::RepeatedPtrField<v1::Invitation>& answers) {
  std::map<std::string, const v1::Invitation*> by_unit;
  for (const v1::Invitation& a : answers) by_unit[a.unit()] = &a;
  std::vector<v1::Invitation> out = ResolveInvitees(selectors, units);
  for (v1::Invitation& i : out) {
    auto answer = by_unit.find(i.unit());
    if (answer == by_unit.end()) continue;
    i.set_response(answer->second->response());
    i.set_delegate_name(answer->second->delegate_name());
    i.set_delegate_position(answer->second->delegate_position());
    i.set_delegate_email(answer->second->delegate_email());
    *i.mutable_response_time() = answer->second->response_time();
  }
  return out;
}

std::set<std::string> RequiredParticipants(const v1::Series& series,
                                           const std::vector<DirectoryUnit>& units) {
  std::set<std::string> required = {series.chair()};
  for (const v1::Invitation& i : ResolveInvitees(series.invitees(), units)) {
    if (i.required()) required.insert(i.unit());
  }
  return required;
}

}  // namespace rakor::scheduling
