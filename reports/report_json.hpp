#pragma once
// The report's evidence.json: every rendered record (schema ldv.evidence/2, as stored)
// plus the evidence files that failed to load, so a script reading the report sees the
// same problems a reader of index.html does.
#include <string>
#include <vector>

#include "ldv/verify/evidence.hpp"
#include "ldv/verify/evidence_io.hpp"
#include "reports/report_info.hpp"

namespace ldv::report {

// {"schema": "ldv.report/2", "generated_utc", "generator", "run_directory",
//  "records": [...], "problems": [{"path", "reason"}, ...]}, indented.
// (ldv.report/1 held ldv.evidence/1 records.)
std::string render_report_json(const std::vector<verify::Evidence>& records,
                               const std::vector<verify::LoadError>& problems, const ReportInfo& info);

}  // namespace ldv::report
