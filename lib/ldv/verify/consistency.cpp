#include "ldv/verify/consistency.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::verify {
namespace {

void check_comparison(const Evidence& e, const Comparison& c, std::vector<std::string>& problems) {
  const Measurement* m = e.find_measurement(c.measurement);
  if (!m) {
    problems.push_back(fmt::format("comparison \"{}\" refers to measurement \"{}\", which the record does not hold",
                                   c.prediction, c.measurement));
    return;
  }
  if (rejects(c.predicted, c.relation, m->ci_low, m->ci_high) != c.rejected)
    problems.push_back(fmt::format("comparison \"{}\" says {} but {} ({}) against [{}, {}] is {}", c.prediction,
                                   c.rejected ? "rejected" : "not rejected", c.predicted, to_string(c.relation),
                                   m->ci_low, m->ci_high, c.rejected ? "not rejected" : "rejected"));
}

std::string correction_label(const std::string& formula) { return "correction: " + formula; }

}  // namespace

bool rejects(double predicted, Relation relation, double ci_low, double ci_high) {
  switch (relation) {
    case Relation::equals: return predicted < ci_low || predicted > ci_high;
    case Relation::at_least: return ci_high < predicted;
    case Relation::at_most: return ci_low > predicted;
  }
  return false;
}

std::vector<std::string> consistency_problems(const Evidence& e) {
  std::vector<std::string> problems;
  for (const Comparison& c : e.comparisons) check_comparison(e, c, problems);
  for (const Comparison& c : e.negative_control.comparisons) check_comparison(e, c, problems);

  int paper_comparisons = 0;
  bool paper_rejected = false;
  for (const Comparison& c : e.comparisons)
    if (c.role == Role::paper) {
      ++paper_comparisons;
      paper_rejected = paper_rejected || c.rejected;
    }
  const bool control_rejected =
      std::any_of(e.negative_control.comparisons.begin(), e.negative_control.comparisons.end(),
                  [](const Comparison& c) { return c.rejected; });
  if (control_rejected != e.negative_control.rejected)
    problems.push_back(fmt::format("the negative control says {} but its comparisons say {}",
                                   e.negative_control.rejected ? "rejected" : "not rejected",
                                   control_rejected ? "rejected" : "not rejected"));

  // Rule 7: corrections against their comparisons and the asserted dependences.
  bool a_correction_holds = false;
  for (const CorrectionOutcome& c : e.corrections) {
    bool held = false, rejected = false;
    for (const Comparison& k : e.comparisons)
      if (k.role == Role::correction && k.prediction == correction_label(c.formula)) {
        held = true;
        rejected = rejected || k.rejected;
      }
    if (!held)
      problems.push_back(fmt::format("correction \"{}\" was held against no measurement", c.formula));
    else if (rejected != c.rejected)
      problems.push_back(fmt::format("correction \"{}\" says {} but its comparisons say {}", c.formula,
                                     c.rejected ? "rejected" : "not rejected", rejected ? "rejected" : "not rejected"));
    for (const DependenceEffect& effect : c.effects)
      if (std::none_of(e.asserted_dependences.begin(), e.asserted_dependences.end(),
                       [&](const AssertedDependence& d) { return d.key == effect.key; }))
        problems.push_back(fmt::format("correction \"{}\" states an effect on \"{}\", which the claim does not assert",
                                       c.formula, effect.key));
    for (const AssertedDependence& d : e.asserted_dependences)
      if (std::none_of(c.effects.begin(), c.effects.end(), [&](const DependenceEffect& x) { return x.key == d.key; }))
        problems.push_back(fmt::format("correction \"{}\" does not say whether it keeps the asserted dependence \"{}\" "
                                       "({})",
                                       c.formula, d.key, d.statement));
    a_correction_holds = a_correction_holds || (held && !c.rejected && c.keeps_every_dependence());
  }

  const std::string verdict = to_string(e.verdict);
  const bool confirmed = e.verdict == Verdict::confirmed || e.verdict == Verdict::confirmed_after_correction;
  if (confirmed && (!e.negative_control.rejected || e.negative_control.comparisons.empty()))
    problems.push_back(fmt::format("the verdict is {} but the negative control was not rejected by any comparison, so "
                                   "the decision rule has not shown it can reject a wrong prediction",
                                   verdict));
  switch (e.verdict) {
    case Verdict::confirmed:
      if (paper_comparisons == 0) problems.push_back("the verdict is CONFIRMED but the paper's prediction was held "
                                                     "against no measurement");
      if (paper_rejected) problems.push_back("the verdict is CONFIRMED but a comparison rejects the paper's prediction");
      break;
    case Verdict::confirmed_after_correction:
      if (!paper_rejected)
        problems.push_back("the verdict is CONFIRMED_AFTER_CORRECTION but no comparison rejects the paper's prediction");
      if (!e.correction || e.correction->empty())
        problems.push_back("the verdict is CONFIRMED_AFTER_CORRECTION but no correction is stated");
      if (!a_correction_holds)
        problems.push_back("the verdict is CONFIRMED_AFTER_CORRECTION but no stated correction both survives every "
                           "measurement and keeps every asserted dependence");
      break;
    case Verdict::refuted:
      if (!paper_rejected) problems.push_back("the verdict is REFUTED but no comparison rejects the paper's prediction");
      if (a_correction_holds)
        problems.push_back("the verdict is REFUTED but a stated correction survives every measurement and keeps every "
                           "asserted dependence (that is CONFIRMED_AFTER_CORRECTION or INCONCLUSIVE)");
      break;
    case Verdict::inconclusive:
      if (!e.budget_to_decide || e.budget_to_decide->empty())
        problems.push_back("the verdict is INCONCLUSIVE but the record does not say what budget would decide");
      break;
  }
  return problems;
}

void require_consistent(const Evidence& e) {
  const std::vector<std::string> problems = consistency_problems(e);
  if (problems.empty()) return;
  std::string text;
  for (const std::string& p : problems) text += (text.empty() ? "" : "; ") + p;
  throw_invalid(fmt::format("verdict {} is not supported by the record's own evidence: {}", to_string(e.verdict), text));
}

}  // namespace ldv::verify
