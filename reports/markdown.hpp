#pragma once
// summary.md: the verdict table and one paragraph per check, for a README, an
// issue or a pull request.
#include <string>
#include <vector>

#include "reports/problem.hpp"
#include "reports/report_info.hpp"
#include "ldv/verify/evidence.hpp"

namespace ldv::report {

// Plain text that Markdown renders as itself: punctuation that Markdown (or the
// HTML it passes through) would interpret is backslash-escaped, newlines become spaces.
std::string markdown_escape(const std::string& text);

// An inline code span that holds any text (backtick fences longer than any run inside).
std::string markdown_code(const std::string& text);

std::string render_markdown(const std::vector<verify::Evidence>& records, const std::vector<Problem>& problems,
                            const ReportInfo& info);

}  // namespace ldv::report
