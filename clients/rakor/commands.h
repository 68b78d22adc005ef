// The `rakor` subcommands: each asks the services and prints, and returns the exit
// code (0, or the failed call's gRPC status code).
#pragma once

#include <string>

#include "clients/rakor/session.h"

namespace rakor::cli {

// The region's organisation as a tree, each unit with its Asisten, as of a date.
int PrintOrganisation(Session& s, const std::string& region, const std::string& as_of);
// The chain a unit reports through for a matter ("general" or "technical").
int PrintReportingChain(Session& s, const std::string& unit, const std::string& matter,
                        const std::string& as_of);
// The meetings of a region (or "all") from `from` to `to` (YYYY-MM-DD, UTC days).
int PrintMeetings(Session& s, const std::string& region, const std::string& from,
                  const std::string& to);
// Whether the required meetings were held, per rule and month.
int PrintCompliance(Session& s, const std::string& region, const std::string& first,
                    const std::string& last);
// The documents awaiting the caller's unit.
int PrintInbox(Session& s, const std::string& region);

// "2026-01-05" -> a Timestamp at 00:00 UTC; false if it is not a date.
bool ParseDay(const std::string& text, google::protobuf::Timestamp* out);

}  // namespace rakor::cli
