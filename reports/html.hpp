#pragma once
// index.html: one self-contained page (inline CSS, one tiny inline script, images
// as local files under figures/) from which a reader can check every verdict.
#include <string>
#include <string_view>
#include <vector>

#include "reports/problem.hpp"
#include "reports/report_info.hpp"
#include "ldv/verify/evidence.hpp"

namespace ldv::report {

// Text made safe for HTML content and double- or single-quoted attributes.
std::string html_escape(std::string_view text);

// CSS class of a verdict's colour: "confirmed", "corrected", "refuted", "inconclusive".
std::string verdict_class(verify::Verdict verdict);

// The page. Figures are referenced as figures/<figure_stem>.svg (shown) and .png
// (linked); the inline script sets <body data-figures="loaded/total"> on load.
std::string render_html(const std::vector<verify::Evidence>& records, const std::vector<Problem>& problems,
                        const ReportInfo& info);

// One <section> per record (used by render_html).
std::string render_html_section(const verify::Evidence& evidence);

}  // namespace ldv::report
