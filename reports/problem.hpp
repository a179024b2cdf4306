#pragma once
// An evidence file that could not be rendered: where it is and why. The report
// lists every one (HTML, Markdown, evidence.json, stderr) instead of skipping it.
#include <string>
#include <vector>

namespace ldv::report {

struct Problem {
  std::string path;
  std::string reason;
};

// load_evidence_directory reports errors as "path: reason"; splits at the first
// ": " (a message without one becomes the reason, with an empty path).
Problem parse_problem(const std::string& error);
std::vector<Problem> parse_problems(const std::vector<std::string>& errors);

}  // namespace ldv::report
