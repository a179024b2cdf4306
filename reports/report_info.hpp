#pragma once
// What the report says about itself: when and by which ldv it was rendered, from
// which run directory. Shown in the page header and in evidence.json.
#include <string>

namespace ldv::report {

struct ReportInfo {
  std::string generated_utc;  // ISO 8601
  std::string generator;      // e.g. "ldv 0.1.0 (git 1a5ba8c)"
  std::string run_directory;  // the DIR of `ldv report --out DIR`
};

}  // namespace ldv::report
