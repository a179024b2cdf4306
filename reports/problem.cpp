#include "reports/problem.hpp"

namespace ldv::report {

Problem parse_problem(const std::string& error) {
  const auto colon = error.find(": ");
  if (colon == std::string::npos) return {"", error};
  return {error.substr(0, colon), error.substr(colon + 2)};
}

std::vector<Problem> parse_problems(const std::vector<std::string>& errors) {
  std::vector<Problem> problems;
  problems.reserve(errors.size());
  for (const auto& e : errors) problems.push_back(parse_problem(e));
  return problems;
}

}  // namespace ldv::report
