// Every bound rakor puts on client input and on its own work, named once. Input
// over a limit is refused with INVALID_ARGUMENT before it is parsed or stored.
#pragma once

#include <cstddef>

namespace rakor::limits {

// Lists (AIP-158).
inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;  // larger requests are capped, not refused
inline constexpr size_t kMaxPageTokenBytes = 1024;

// Filters (AIP-160): the whole expression, and the number of `field = value` terms.
inline constexpr size_t kMaxFilterBytes = 1024;
inline constexpr int kMaxFilterTerms = 8;

// Resource ids (AIP-122): 1-63 characters of [a-z0-9-]; a full resource name is a
// few ids and collection words.
inline constexpr size_t kMaxIdBytes = 63;
inline constexpr size_t kMaxNameBytes = 256;

// AIP-155 request ids.
inline constexpr size_t kMaxRequestIdBytes = 128;

// Free text (display names, titles, regulation names, citations, aliases).
inline constexpr size_t kMaxTextBytes = 300;
inline constexpr size_t kMaxEmailBytes = 254;  // RFC 5321's path limit
inline constexpr int kMaxCitations = 32;
inline constexpr int kMaxAliases = 16;
inline constexpr int kMaxEnumList = 32;  // unit kinds or relationship kinds in one rule

// Units named in one request (GetLeadCoordinator).
inline constexpr int kMaxUnitsPerRequest = 1000;

// Structural parents followed from a unit: deeper than any organisation the
// regulations describe, so a longer chain is a cycle or an error.
inline constexpr int kMaxParentDepth = 16;

// How much of a value an error message or a log line quotes: any name within its
// limit whole (an occurrence's name is 80 bytes and more, and a person reading the
// error needs all of it), anything longer cut to that.
inline constexpr size_t kMaxQuotedBytes = kMaxNameBytes;

// One message on the wire, in either direction: an attachment's chunk of up to
// 1 MiB with its framing. gRPC refuses a larger one with RESOURCE_EXHAUSTED before
// it is parsed.
inline constexpr int kMaxMessageBytes = 2 << 20;
// A list page stops short of its page_size once it holds this much (AIP-158 lets a
// page be shorter), so a page of large documents stays well under kMaxMessageBytes.
inline constexpr size_t kMaxPageBytes = size_t{1} << 20;
// A document's revisions: past this a new revision is refused, so that the document,
// with the route's steps, the notes on its follow-ups (100 of 3,000 bytes at most)
// and its output-only fields, is always sent whole under kMaxMessageBytes.
inline constexpr size_t kMaxDocumentBytes = size_t{3} << 19;  // 1.5 MiB
// What the gRPC library may hold in buffers for all of a server's calls at once.
inline constexpr size_t kServerMemoryQuotaBytes = size_t{48} << 20;
// A unary request, unless its method's policy row allows more (an iCalendar file
// of days off): refused with INVALID_ARGUMENT once parsed.
inline constexpr size_t kMaxRequestBytes = 64 << 10;
inline constexpr size_t kMaxCalendarRequestBytes = 1 << 20;

// Calls one caller may have in flight at once on one server, so that a client in a
// loop gets RESOURCE_EXHAUSTED while everyone else is served (--max_calls_per_caller).
inline constexpr int kDefaultCallsPerCaller = 16;

// Changes sent in one WatchChanges response.
inline constexpr int kWatchBatch = 256;

}  // namespace rakor::limits
