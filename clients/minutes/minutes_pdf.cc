#include "clients/minutes/minutes_pdf.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <memory>

#include "absl/strings/str_cat.h"

namespace rakor::minutes {
namespace {

// A4 in points, with 2 cm margins left and right, 2.5 cm top and bottom.
constexpr double kWidth = 595.28, kHeight = 841.89;
constexpr double kLeft = 56.7, kRight = kWidth - 56.7, kTop = 70.9, kBottom = kHeight - 70.9;
constexpr double kText = kRight - kLeft;

class Writer {
 public:
  Writer(cairo_t* cr, std::string footer) : cr_(cr), footer_(std::move(footer)) {}

  // A block of text at `x` (from the left margin), `width` wide; returns its height.
  double Measure(const std::string& text, double width, const char* font,
                 PangoAlignment align = PANGO_ALIGN_LEFT) {
    PangoLayout* layout = Layout(text, width, font, align);
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    g_object_unref(layout);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  void Draw(const std::string& text, double x, double width, const char* font,
            PangoAlignment align = PANGO_ALIGN_LEFT) {
    PangoLayout* layout = Layout(text, width, font, align);
    cairo_move_to(cr_, kLeft + x, y_);
    pango_cairo_show_layout(cr_, layout);
    g_object_unref(layout);
  }

  // A paragraph, on a new page if it does not fit on this one.
  void Paragraph(const std::string& text, const char* font, double space_after = 6,
                 PangoAlignment align = PANGO_ALIGN_LEFT, double indent = 0) {
    const double h = Measure(text, kText - indent, font, align);
    Fit(h);
    Draw(text, indent, kText - indent, font, align);
    y_ += h + space_after;
  }

  // One row of cells with the given widths (fractions); lines between rows.
  void TableRow(const std::vector<std::string>& cells, const std::vector<double>& widths,
                const char* font, bool shaded) {
    constexpr double kPad = 3;
    double h = 0;
    for (size_t i = 0; i < cells.size(); ++i) {
      h = std::max(h, Measure(cells[i], widths[i] * kText - 2 * kPad, font));
    }
    h += 2 * kPad;
    Fit(h);
    if (shaded) {
      cairo_set_source_rgb(cr_, 0.9, 0.9, 0.9);
      cairo_rectangle(cr_, kLeft, y_, kText, h);
      cairo_fill(cr_);
      cairo_set_source_rgb(cr_, 0, 0, 0);
    }
    double x = 0;
    for (size_t i = 0; i < cells.size(); ++i) {
      y_ += kPad;
      Draw(cells[i], x + kPad, widths[i] * kText - 2 * kPad, font);
      y_ -= kPad;
      cairo_rectangle(cr_, kLeft + x, y_, widths[i] * kText, h);
      x += widths[i] * kText;
    }
    cairo_set_line_width(cr_, 0.5);
    cairo_stroke(cr_);
    y_ += h;
  }

  void Space(double points) { y_ += points; }
  void Rule() {
    cairo_set_line_width(cr_, 1.5);
    cairo_move_to(cr_, kLeft, y_);
    cairo_line_to(cr_, kRight, y_);
    cairo_stroke(cr_);
  }
  void Finish() { Footer(); }

 private:
  PangoLayout* Layout(const std::string& text, double width, const char* font,
                      PangoAlignment align) {
    PangoLayout* layout = pango_cairo_create_layout(cr_);
    PangoFontDescription* description = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout, description);
    pango_font_description_free(description);
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, align);
    pango_layout_set_text(layout, text.c_str(), -1);
    return layout;
  }
  void Fit(double height) {
    if (y_ + height <= kBottom || y_ == kTop) return;
    Footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kTop;
  }
  void Footer() {
    const double y = y_;
    y_ = kBottom + 20;
    Draw(absl::StrCat(footer_, "  ·  ", page_), 0, kText, "DejaVu Sans 7", PANGO_ALIGN_CENTER);
    y_ = y;
  }

  cairo_t* cr_;
  std::string footer_;
  double y_ = kTop;
  int page_ = 1;
};

}  // namespace

absl::Status WriteMinutesPdf(const MinutesPage& page, const std::string& path) {
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), kWidth, kHeight);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return absl::UnavailableError(absl::StrCat("cannot write ", path));
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                 absl::StrCat(page.title, ": ", page.subtitle).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "rakor");
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  Writer w(cr, page.footer);

  for (size_t i = 0; i < page.letterhead.size(); ++i) {
    w.Paragraph(page.letterhead[i], i == 0 ? "DejaVu Serif Bold 13" : "DejaVu Serif Bold 11", 1,
                PANGO_ALIGN_CENTER);
  }
  w.Space(4);
  w.Rule();  // the letterhead's line (garis kop surat)
  w.Space(10);
  w.Paragraph(page.title, "DejaVu Serif Bold 12", 2, PANGO_ALIGN_CENTER);
  w.Paragraph(page.subtitle, "DejaVu Serif 11", 12, PANGO_ALIGN_CENTER);
  for (const auto& [label, value] : page.details) {
    w.TableRow({label, value}, {0.25, 0.75}, "DejaVu Sans 9", false);
  }
  w.Space(12);
  if (!page.summary.empty()) {
    w.Paragraph(page.summary_heading, "DejaVu Sans Bold 10", 3);
    w.Paragraph(page.summary, "DejaVu Serif 10", 10);
  }
  if (!page.body.empty()) {
    w.Paragraph(page.body_heading, "DejaVu Sans Bold 10", 3);
    w.Paragraph(page.body, "DejaVu Serif 10", 10);
  }
  if (!page.decisions.empty()) {
    w.Paragraph(page.decisions_heading, "DejaVu Sans Bold 10", 3);
    for (size_t i = 0; i < page.decisions.size(); ++i) {
      w.Paragraph(absl::StrCat(i + 1, ". ", page.decisions[i]), "DejaVu Serif 10", 3,
                  PANGO_ALIGN_LEFT, 10);
    }
    w.Space(8);
  }
  for (const Table& table : page.tables) {
    w.Paragraph(table.heading, "DejaVu Sans Bold 10", 3);
    w.TableRow(table.headers, table.widths, "DejaVu Sans Bold 8", true);
    for (const Row& row : table.rows) w.TableRow(row.cells, table.widths, "DejaVu Sans 8", false);
    w.Space(12);
  }
  w.Finish();
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return absl::UnavailableError(
        absl::StrCat("cannot write ", path, ": ", cairo_status_to_string(status)));
  }
  return absl::OkStatus();
}

}  // namespace rakor::minutes
