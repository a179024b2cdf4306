#pragma once
// index.html: one self-contained page (inline CSS and one tiny inline script, from
// reports/templates/; images as local files under figures/) from which a reader can
// check every verdict.
#include <string>
#include <string_view>
#include <vector>

#include "ldv/verify/evidence.hpp"
#include "ldv/verify/evidence_io.hpp"
#include "reports/report_info.hpp"

namespace ldv::report {

// Text made safe for HTML content and double- or single-quoted attributes.
std::string html_escape(std::string_view text);

// CSS class of a verdict's colour: "confirmed", "corrected", "refuted", "inconclusive".
std::string verdict_class(verify::Verdict verdict);

// The page (template page.html). Figures are referenced as figures/<figure_stem>.svg
// (shown) and .png (linked); the inline script sets <body data-figures="loaded/total"> on load.
std::string render_html(const std::vector<verify::Evidence>& records, const std::vector<verify::LoadError>& problems,
                        const ReportInfo& info);

// One claim's section (template section.html): the verdict, the summary rows (paper's
// prediction, first-principles prediction, key measurement, and the verdict's note) and the
// main figure, then everything else folded under <details> (render_html_details).
std::string render_html_section(const verify::Evidence& evidence);

// The folded part of a section: claim, predictions in full, every measurement and
// comparison, negative control, asserted dependences and corrections, verdict reason,
// decision rule, other figures, the data of every figure, parameters and provenance.
std::string render_html_details(const verify::Evidence& evidence);

// <figure> of one of the record's figures: the SVG shown, the PNG linked. The main
// figure is drawn wider.
std::string html_figure(const verify::Evidence& evidence, const verify::Figure& figure, bool main);

// The record's tables (Evidence::tables), each a <table class="record-table"> with its title as
// caption and its note under it; shown above the fold, after the main figure. "" when there are none.
std::string html_tables(const verify::Evidence& evidence);

}  // namespace ldv::report
