// Printable minutes (notulen): accepted minutes laid out as an A4 PDF a secretariat
// prints and files, with Cairo and Pango (text shaping, line breaking, fonts) doing
// the PDF and the typesetting. The caller gathers the facts and words them; this
// file only lays them out, page by page.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace rakor::minutes {

struct Row {
  std::vector<std::string> cells;
};

struct Table {
  std::string heading;
  std::vector<std::string> headers;
  std::vector<double> widths;  // fractions of the text width, summing to 1
  std::vector<Row> rows;
};

struct MinutesPage {
  std::vector<std::string> letterhead;  // centred lines: government, office
  std::string title;                    // "NOTULEN RAPAT"
  std::string subtitle;                 // the revision's title
  // Label and value pairs: day and date, time with its zone, place, chair, basis.
  std::vector<std::pair<std::string, std::string>> details;
  std::string summary_heading, summary;
  std::string body_heading, body;  // the discussion, as written (paragraphs by newline)
  std::string decisions_heading;
  std::vector<std::string> decisions;
  std::vector<Table> tables;  // attendance, follow-ups, the route
  std::string footer;         // on every page, with the page number after it
};

// Writes `page` to the PDF file `path`. UNAVAILABLE if it cannot be written.
absl::Status WriteMinutesPdf(const MinutesPage& page, const std::string& path);

}  // namespace rakor::minutes
