#include "reports/consistency.hpp"

#include <fmt/format.h>

#include "reports/format.hpp"

namespace ldv::report {

std::vector<std::string> consistency_warnings(const verify::Evidence& e) {
  using verify::Verdict;
  std::vector<std::string> warnings;
  const bool confirmed = e.verdict == Verdict::confirmed || e.verdict == Verdict::confirmed_after_correction;
  // DESIGN.md: a negative control must be rejected for any CONFIRMED verdict,
  // otherwise the decision rule has not shown it can tell a wrong claim apart.
  if (confirmed && !e.negative_control.rejected)
    warnings.push_back(fmt::format("the verdict is {} but the negative control was NOT rejected, so the decision "
                                   "rule has not shown it can reject a wrong prediction",
                                   verify::to_string(e.verdict)));
  if (confirmed && e.negative_control.comparisons.empty())
    warnings.push_back("the negative control records no comparison");
  if (e.verdict == Verdict::confirmed_after_correction && (!e.correction || e.correction->empty()))
    warnings.push_back("the verdict is CONFIRMED_AFTER_CORRECTION but no correction is stated");
  if (e.verdict == Verdict::inconclusive && (!e.budget_to_decide || e.budget_to_decide->empty()))
    warnings.push_back("the verdict is INCONCLUSIVE but the record does not say what budget would decide");
  for (const auto& c : e.comparisons)
    if (!c.measurement.empty() && !find_measurement(e, c.measurement))
      warnings.push_back(fmt::format("comparison \"{}\" refers to measurement \"{}\", which the record does not hold",
                                     c.prediction, c.measurement));
  return warnings;
}

}  // namespace ldv::report
