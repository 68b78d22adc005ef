// The working relationship between two units, from the region's matrix
// (Soppeng Pasal 13; Banjar Pasal 15; Temanggung Pasal 22-24).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rakor/registry/v1/registry_service.pb.h"
#include "services/registry/snapshot.h"

namespace rakor::registry {

// The kind a unit counts as in the matrix: Asisten and Bagian are part of the
// Sekretariat Daerah (Temanggung Pasal 1 angka 12 and 17).
UnitKind MatrixKind(UnitKind kind);

absl::StatusOr<rakor::registry::v1::WorkingRelationship> WorkingRelationshipBetween(
    const Snapshot& snapshot, const std::string& unit_a, const std::string& unit_b,
    absl::Time as_of);

}  // namespace rakor::registry
