// Early-return helpers for absl::Status, so the happy path reads top to bottom.
// (Debian's Abseil 20220623 ships no status macros of its own.)
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define RAKOR_STATUS_CONCAT_INNER_(a, b) a##b
#define RAKOR_STATUS_CONCAT_(a, b) RAKOR_STATUS_CONCAT_INNER_(a, b)

#define RAKOR_RETURN_IF_ERROR(expr)                \
  do {                                             \
    if (::absl::Status _rakor_status = (expr);     \
        !_rakor_status.ok()) {                     \
      return _rakor_status;                        \
    }                                              \
  } while (false)

#define RAKOR_ASSIGN_OR_RETURN(lhs, rexpr) \
  RAKOR_ASSIGN_OR_RETURN_IMPL_(RAKOR_STATUS_CONCAT_(_rakor_statusor_, __LINE__), lhs, rexpr)

#define RAKOR_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                 \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = *std::move(statusor)
