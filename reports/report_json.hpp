#pragma once
// The report's evidence.json: every rendered record (schema ldv.evidence/1, as
// stored) plus the evidence files that failed to load, so a script reading the
// report sees the same problems a reader of index.html does.
#include <string>
#include <vector>

#include "reports/problem.hpp"
#include "reports/report_info.hpp"
#include "ldv/verify/evidence.hpp"

namespace ldv::report {

// {"schema": "ldv.report/1", "generated_utc", "generator", "run_directory",
//  "records": [...], "problems": [{"path", "reason"}, ...]}, indented.
std::string render_report_json(const std::vector<verify::Evidence>& records, const std::vector<Problem>& problems,
                               const ReportInfo& info);

}  // namespace ldv::report
