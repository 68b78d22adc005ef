// A document's route: the officials it passes after its submitter, each with the
// step they take and the article that puts them there, fixed at submission so that
// a later reorganisation does not move a document already under way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rakor/reporting/v1/resources.pb.h"
#include "services/reporting/directory.h"

namespace rakor::reporting {

// From the registry's chain: a structural parent forwards, the Asisten initials
// (where `paraf_citation` is the region's article requiring it: Soppeng Pasal 26)
// or forwards, the Sekda accepts, the head of region acknowledges. Minutes go
// through `lead` (the lead coordinator of the meeting's units: Soppeng Pasal 22
// ayat (4)) in place of the submitter's own Asisten.
std::vector<rakor::reporting::v1::RouteStep> BuildRoute(const std::vector<ChainStep>& chain,
                                                        const std::string& paraf_citation,
                                                        const std::optional<LeadOf>& lead);

}  // namespace rakor::reporting
