#pragma once

#include "storage/database.h"

namespace rakor::storage::registry {

// The registry database's migrations, oldest first, for each dialect.
Migrations RegistryMigrations();

}  // namespace rakor::storage::registry
