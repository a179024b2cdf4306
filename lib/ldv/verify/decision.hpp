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
//    anywhere in the suite. The Decision counts k itself: a measurement given as an
//    Estimate (core/estimate.hpp: a value with an interval at any level) is drawn at
//    measurement_level() = measurement_confidence(k) when the decision is made; a
//    measurement given with a fixed interval must already be at that level or above
//    (enforced).
// 3. Verdict, from the roles of the predictions:
//    - paper: the paper's prediction;
//    - correction: a stated correction (e.g. the first-principles formula);
//    - alternative: a competing prediction the measurement must be able to exclude;
//    - negative control: a deliberately wrong prediction (e.g. exponent doubled) that
//      the measurement must reject, or nothing it says can be trusted.
//    A prediction of several comparisons is rejected when any of them rejects it.
//    A claim may assert dependences ("the exponent grows with λ"); every correction then
//    states, for each, whether it keeps, removes or reverses it.
//    CONFIRMED: the paper's prediction is rejected by no measurement, every alternative
//      and every correction that differs from it is rejected, and the negative control
//      is rejected.
//    CONFIRMED_AFTER_CORRECTION: the paper's prediction is rejected, a stated correction
//      that keeps every asserted dependence (a constant factor, a log-asymptotic reading
//      of an equality) is rejected by none, every alternative is rejected, and the
//      negative control is rejected.
//    REFUTED: the paper's prediction is rejected and no stated correction that keeps
//      every asserted dependence survives. A surviving correction that removes or
//      reverses an asserted dependence is shown with the verdict (the corrected
//      statement), with whether it is itself confirmed (the negative control and every
//      alternative rejected).
//    INCONCLUSIVE: otherwise, in particular whenever the negative control is not rejected
//      (the budget cannot tell a wrong prediction from a right one), with the reason and
//      an estimate of the budget that would decide.
//
// A check reads like the claim:
//    Decision decision(context);
//    decision.asserts("lambda", "the exit exponent grows with λ_min(H)");
//    decision.correction_effect("V0 = r²", "lambda", DependenceChange::removes);
//    for (const auto& m : barriers) {
//      decision.paper(2 * r2 * std::sqrt(lambda), m)
//              .correction("V0 = r²", r2, m)
//              .negative_control("exponent doubled: V0 = 2 r²", 2 * r2, m);
//    }
//    decision.apply_to(e);   // measurements at the right level, comparisons, verdict, reason, rule
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/verify/evidence.hpp"
#include "ldv/verify/registry.hpp"

namespace ldv::verify {

// 1 − (1 − family_confidence)/family_size; family_confidence in (0, 1), family_size >= 1.
double per_check_confidence(double family_confidence, int family_size);

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
// reversed, or the measurement's confidence is outside (0, 1). The comparison's role is
// Role::paper; Decision sets the role of the comparisons it makes.
Comparison compare(std::string prediction, Predicted predicted, const Measurement& measurement);

// `estimate` with its interval drawn at `confidence`.
Measurement measurement_at(const Estimate& estimate, double confidence);

// The outcome of Decision::decide(): everything the Evidence record needs.
struct DecisionOutcome {
  Verdict verdict = Verdict::inconclusive;
  std::string reason;                          // Evidence::verdict_reason
  std::string rule;                            // Evidence::decision_rule: the rule in words with its levels
  std::vector<Measurement> measurements;       // every measurement held or reported, at its level
  std::vector<Comparison> comparisons;         // paper, corrections, alternatives (in the order given)
  NegativeControl negative_control;
  std::vector<AssertedDependence> asserted_dependences;
  std::vector<CorrectionOutcome> corrections;  // every stated correction and its effects
  std::optional<std::string> correction;       // the correction shown with the verdict (see rule 3)
  std::optional<std::string> budget_to_decide; // for INCONCLUSIVE
};

class Decision {
 public:
  // The per-check level is context.confidence; the family level and size go into the rule's text.
  explicit Decision(const CheckContext& context);
  Decision(double family_confidence, int family_size);

  double level() const { return level_; }
  // 1 − (1 − level)/k: the confidence each of k intervals the paper's prediction is held against needs.
  double measurement_confidence(int measurements) const;
  // The level the Estimates of this decision are drawn at: measurement_confidence(k), k the
  // number of distinct measurements the paper's prediction is held against so far (1 when
  // none). Figures that show the measurements' intervals use it, after every comparison is made.
  double measurement_level() const;
  // `estimate` drawn at measurement_level().
  Measurement resolve(const Estimate& estimate) const;

  // A dependence the claim asserts; every correction must then state its effect on it.
  Decision& asserts(const std::string& key, const std::string& statement);
  // What the correction named by `formula` does to the asserted dependence `key`.
  Decision& correction_effect(const std::string& formula, const std::string& key, DependenceChange change);

  // The paper's prediction; Prediction::value must be set.
  Decision& paper(const Prediction& prediction, const Measurement& measurement);
  Decision& paper(Predicted predicted, const Measurement& measurement);
  Decision& paper(const Prediction& prediction, const Estimate& estimate);
  Decision& paper(Predicted predicted, const Estimate& estimate);
  // A stated correction, named by its formula (e.g. "V0 = λ_min r²/ D_max").
  Decision& correction(const Prediction& prediction, const Measurement& measurement);
  Decision& correction(const std::string& formula, Predicted predicted, const Measurement& measurement);
  Decision& correction(const Prediction& prediction, const Estimate& estimate);
  Decision& correction(const std::string& formula, Predicted predicted, const Estimate& estimate);
  Decision& alternative(const std::string& name, Predicted predicted, const Measurement& measurement);
  Decision& alternative(const std::string& name, Predicted predicted, const Estimate& estimate);
  // Every call adds a comparison to the one negative control; descriptions that differ are joined.
  Decision& negative_control(const std::string& description, Predicted predicted, const Measurement& measurement);
  Decision& negative_control(const std::string& description, Predicted predicted, const Estimate& estimate);
  // A measurement recorded with the others (an Estimate at measurement_level()) but held against no prediction.
  Decision& report(const Estimate& estimate);

  // Rule 3. InvalidInput when a fixed interval the paper's prediction is held against is
  // below measurement_confidence(k) (the rule's guarantee would not hold), when a
  // correction does not state its effect on every asserted dependence, or when two
  // different measurements share a name.
  DecisionOutcome decide() const;
  // decide(), then fills the record's measurements (appending those it does not hold yet),
  // comparisons, negative_control, asserted_dependences, corrections, verdict,
  // verdict_reason, decision_rule, and correction / budget_to_decide unless the check
  // already set them.
  void apply_to(Evidence& evidence) const;

 private:
  struct Entry {
    Role role;
    std::string name;  // the correction's formula, the alternative's name, the control's description
    Predicted predicted;
    std::variant<Measurement, Estimate> source;
  };
  Decision& add(Role role, const std::string& name, Predicted predicted, std::variant<Measurement, Estimate> source);
  const std::string& source_name(const Entry& entry) const;
  int paper_measurement_count() const;
  std::string rule_text() const;

  double family_confidence_;
  int family_size_;
  double level_;
  std::vector<Entry> entries_;
  std::vector<Estimate> reported_;
  std::vector<AssertedDependence> dependences_;
  std::vector<std::pair<std::string, DependenceEffect>> effects_;  // (correction formula, effect)
};

}  // namespace ldv::verify
