#pragma once
// The entry point of `ldv report`: the Evidence records of a run directory
// rendered as DIR/report/ (index.html, summary.md, evidence.json, figures/,
// latex/), written to a temporary sibling and renamed into place at the end.
#include <cstddef>
#include <string>
#include <vector>

#include "ldv/verify/evidence.hpp"
#include "ldv/verify/evidence_io.hpp"
#include "reports/report_info.hpp"

namespace ldv::report {

struct RenderedReport {
  std::string directory;                    // DIR/report
  std::size_t records = 0;                  // records rendered
  std::size_t figures = 0;                  // figures drawn (each as PNG and SVG)
  std::vector<verify::LoadError> problems;  // evidence files that failed to load; listed in the report too
};

// Reads run_directory/evidence/*.json and writes run_directory/report/. Files that
// fail to load (verify::load_evidence_directory: unreadable, invalid, or a verdict its
// own evidence does not support) are problems (rendered, returned), never a silent skip;
// so is a record whose file names would collide with another's in the report.
// InvalidInput, with nothing written, when the evidence directory is missing or holds
// no evidence file, or when rendering fails (e.g. gnuplot missing).
RenderedReport render_report(const std::string& run_directory);

// Renders `records` and `problems` into report_directory, replacing it atomically.
// InvalidInput on duplicate IDs or figure names, or on a figure gnuplot cannot draw;
// report_directory is then left as it was.
void write_report(const std::vector<verify::Evidence>& records, const std::vector<verify::LoadError>& problems,
                  const ReportInfo& info, const std::string& report_directory);

}  // namespace ldv::report
