// The IANA time zone names a region may have. absl::LoadTimeZone opens any path it
// is given and caches every name it was asked for, failures included, so client
// input never reaches it unchecked: only names from the system's zone table
// (zone1970.tab and zone.tab of tzdata), read once, are accepted.
#pragma once

#include "absl/strings/string_view.h"

namespace rakor {

bool IsKnownTimeZone(absl::string_view name);

}  // namespace rakor
