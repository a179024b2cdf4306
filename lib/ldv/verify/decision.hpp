#pragma once
// The statistical decision rule every check uses (DESIGN.md, "Evidence and verdicts").
//
// 1. Rejection. A prediction is rejected by a measurement iff the predicted value lies
//    outside the measurement's two-sided confidence interval [ci_low, ci_high]
//    (for a one-sided claim "≥ v": iff ci_high < v; "≤ v": iff ci_low > v). When the
//    prediction is true and the interval has its stated coverage c, this happens with
//    probability at most 1 − c.
// 2. Levels (Bonferroni). The suite's family level is 1 − α (default 0.99) over the N
//    registered checks, so each check works at 1 − α/N (per_check_confidence). When the
//    paper's prediction is held against k measurements within a check, each interval
//    must be at 1 − α/(N k) (Decision::measurement_confidence(k)), so that a true
//    prediction of the paper is rejected with probability ≤ α/N in the check and ≤ α
//    anywhere in the suite. Decision enforces this for the paper's prediction.
// 3. Verdict, from the roles of the predictions:
//    - paper: the paper's prediction;
//    - correction: a stated correction (e.g. the first-principles formula);
//    - alternative: a competing prediction the measurement must be able to exclude;
//    - negative control: a deliberately wrong prediction (e.g. exponent doubled) that
//      the measurement must reject, or nothing it says can be trusted.
//    A prediction of several comparisons is rejected when any of them rejects it.
//    CONFIRMED: the paper's prediction is rejected by no measurement, every alternative
//      and every correction that differs from it is rejected, and the negative control
//      is rejected.
//    CONFIRMED_AFTER_CORRECTION: the paper's prediction is rejected, a stated correction
//      is rejected by none, every alternative is rejected, and the negative control is
//      rejected.
//    REFUTED: the paper's prediction is rejected and no stated correction survives.
//    INCONCLUSIVE: otherwise, in particular whenever the negative control is not rejected
//      (the budget cannot tell a wrong prediction from a right one), with the reason and
//      an estimate of the budget that would decide.
//
// A check reads like the claim:
//    Decision decision(context);
//    decision.paper(e.paper_prediction, slope)
//            .correction(*e.first_principles, slope)
//            .alternative("isotropic formula r²/2", r * r / 2, slope)
//            .negative_control("exponent doubled: 2 λ_min r²", 2 * v0, slope);
//    decision.apply_to(e);   // comparisons, negative control, verdict, reason, rule
#include <optional>
#include <string>
#include <vector>

#include "ldv/verify/evidence.hpp"
#include "ldv/verify/registry.hpp"

namespace ldv::verify {

// 1 − (1 − family_confidence)/family_size; family_confidence in (0, 1), family_size >= 1.
double per_check_confidence(double family_confidence, int family_size);

enum class Relation { equals, at_least, at_most };

// A predicted value of the measured quantity: "= v" (implicit from a double), "≥ v" or "≤ v".
struct Predicted {
  Predicted(double v) : value(v) {}  // NOLINT(google-explicit-constructor): "= v" is the common case
  Predicted(double v, Relation r) : value(v), relation(r) {}
  double value;
  Relation relation = Relation::equals;
};
inline Predicted at_least(double v) { return {v, Relation::at_least}; }
inline Predicted at_most(double v) { return {v, Relation::at_most}; }

// Rule 1 above. InvalidInput when the predicted value is NaN, the interval is NaN or
// reversed, or the measurement's confidence is outside (0, 1).
Comparison compare(std::string prediction, Predicted predicted, const Measurement& measurement);

// The outcome of Decision::decide(): everything the Evidence record needs.
struct DecisionOutcome {
  Verdict verdict = Verdict::inconclusive;
  std::string reason;                          // Evidence::verdict_reason
  std::string rule;                            // Evidence::decision_rule: the rule in words with its levels
  std::vector<Comparison> comparisons;         // paper, corrections, alternatives (in the order given)
  NegativeControl negative_control;
  std::optional<std::string> correction;       // the surviving correction(s), for CONFIRMED_AFTER_CORRECTION
  std::optional<std::string> budget_to_decide; // for INCONCLUSIVE, when an estimate is possible
};

class Decision {
 public:
  // The per-check level is context.confidence; the family level and size go into the rule's text.
  explicit Decision(const CheckContext& context);
  Decision(double family_confidence, int family_size);

  double level() const { return level_; }
  // 1 − (1 − level)/k: the confidence each of k intervals the paper's prediction is held against needs.
  double measurement_confidence(int measurements) const;

  // The paper's prediction; Prediction::value must be set.
  Decision& paper(const Prediction& prediction, const Measurement& measurement);
  Decision& paper(Predicted predicted, const Measurement& measurement);
  // A stated correction, named by its formula (e.g. "V0 = λ_min r²/ D_max").
  Decision& correction(const Prediction& prediction, const Measurement& measurement);
  Decision& correction(const std::string& formula, Predicted predicted, const Measurement& measurement);
  Decision& alternative(const std::string& name, Predicted predicted, const Measurement& measurement);
  // Every call adds a comparison to the one negative control; descriptions that differ are joined.
  Decision& negative_control(const std::string& description, Predicted predicted, const Measurement& measurement);

  // Rule 3. InvalidInput when an interval the paper's prediction is held against is below
  // measurement_confidence(k) (the rule's guarantee would not hold).
  DecisionOutcome decide() const;
  // decide(), then fills comparisons, negative_control, verdict, verdict_reason,
  // decision_rule, and correction / budget_to_decide unless the check already set them.
  void apply_to(Evidence& evidence) const;

 private:
  enum class Role { paper, correction, alternative, negative_control };
  struct Entry {
    Role role;
    std::string name;  // the correction's formula, the alternative's name, the control's description
    Comparison comparison;
    Predicted predicted;
    Measurement measurement;
  };
  Decision& add(Role role, const std::string& name, Predicted predicted, const Measurement& measurement);
  std::string rule_text() const;

  double family_confidence_;
  int family_size_;
  double level_;
  std::vector<Entry> entries_;
};

}  // namespace ldv::verify
