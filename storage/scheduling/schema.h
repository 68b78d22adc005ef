#pragma once

#include "storage/database.h"

namespace rakor::storage::scheduling {

// The scheduling database's migrations, oldest first, for each dialect.
Migrations SchedulingMigrations();

}  // namespace rakor::storage::scheduling
