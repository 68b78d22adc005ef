#pragma once

#include <span>

#include "storage/database.h"

namespace rakor::storage::registry {

// The registry database's migrations, oldest first.
std::span<const Migration> Migrations();

}  // namespace rakor::storage::registry
