#pragma once
// summary.md (template summary.md): the verdict table and, per claim, a list with the
// same information as the page: the verdict and the summary rows first, then the claim,
// every measurement and comparison, the negative control, dependences and corrections,
// the decision rule, the figures and how to reproduce — for a README, an issue or a PR.
#include <string>
#include <vector>

#include "ldv/verify/evidence.hpp"
#include "ldv/verify/evidence_io.hpp"
#include "reports/report_info.hpp"

namespace ldv::report {

// Plain text that Markdown renders as itself: punctuation that Markdown (or the
// HTML it passes through) would interpret is backslash-escaped, newlines become spaces.
std::string markdown_escape(const std::string& text);

// An inline code span that holds any text (backtick fences longer than any run inside).
std::string markdown_code(const std::string& text);

std::string render_markdown(const std::vector<verify::Evidence>& records,
                            const std::vector<verify::LoadError>& problems, const ReportInfo& info);

// The list of one claim (used by render_markdown).
std::string markdown_claim(const verify::Evidence& evidence);

}  // namespace ldv::report
