#pragma once

#include "storage/database.h"

namespace rakor::storage::reporting {

// The reporting database's migrations, oldest first, for each dialect.
Migrations ReportingMigrations();

}  // namespace rakor::storage::reporting
