#include "ldv/verify/decision.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <map>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/verify/consistency.hpp"

namespace ldv::verify {
namespace {

std::string percent(double confidence) { return fmt::format("{:.6g}%", 100.0 * confidence); }

std::string interval(const Measurement& m) { return fmt::format("[{:.6g}, {:.6g}]", m.ci_low, m.ci_high); }

std::string relation_text(Predicted p) {
  switch (p.relation) {
    case Relation::equals: return fmt::format("{:.6g}", p.value);
    case Relation::at_least: return fmt::format("≥ {:.6g}", p.value);
    case Relation::at_most: return fmt::format("≤ {:.6g}", p.value);
  }
  return "?";
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

// How many times the current sample size would make the interval of `m` exclude `p`,
// assuming half-widths shrink as 1/√n around the same point estimate; nullopt when no
// amount of data would (the point estimate itself agrees with p) or the interval is unbounded.
std::optional<double> samples_factor_to_reject(Predicted p, const Measurement& m) {
  double gap = 0.0, half = 0.0;
  const bool above = p.relation == Relation::at_least || (p.relation == Relation::equals && p.value > m.value);
  if (above) {
    gap = p.value - m.value;
    half = m.ci_high - m.value;
  } else {
    gap = m.value - p.value;
    half = m.value - m.ci_low;
  }
  if (!(gap > 0.0) || !std::isfinite(half) || !(half > 0.0)) return std::nullopt;
  return std::max(1.0, (half / gap) * (half / gap));
}

}  // namespace

double per_check_confidence(double family_confidence, int family_size) {
  require_open_interval("family confidence", family_confidence, 0.0, 1.0);
  if (family_size < 1) throw_invalid(fmt::format("family size = {} must be at least 1", family_size));
  return 1.0 - (1.0 - family_confidence) / family_size;
}

Comparison compare(std::string prediction, Predicted predicted, const Measurement& m) {
  if (std::isnan(predicted.value))
    throw_invalid(fmt::format("prediction '{}': predicted value is NaN (held against '{}')", prediction, m.name));
  if (std::isnan(m.ci_low) || std::isnan(m.ci_high) || !(m.ci_low <= m.ci_high))
    throw_invalid(fmt::format("measurement '{}': confidence interval [{}, {}] is not an interval with ci_low <= "
                              "ci_high",
                              m.name, m.ci_low, m.ci_high));
  if (!(m.confidence > 0.0 && m.confidence < 1.0))
    throw_invalid(fmt::format("measurement '{}': confidence = {} must lie in (0, 1)", m.name, m.confidence));

  Comparison c;
  c.prediction = std::move(prediction);
  c.measurement = m.name;
  c.predicted = predicted.value;
  c.relation = predicted.relation;
  const std::string level = percent(m.confidence);
  switch (predicted.relation) {
    case Relation::equals:
      c.rejected = rejects(predicted.value, Relation::equals, m.ci_low, m.ci_high);
      c.detail = fmt::format("{:.6g} {} {} at {}", predicted.value, c.rejected ? "outside" : "inside", interval(m),
                             level);
      break;
    case Relation::at_least:
      c.rejected = rejects(predicted.value, Relation::at_least, m.ci_low, m.ci_high);
      c.detail = fmt::format("{}: {} lies {} at {}", relation_text(predicted), interval(m),
                             c.rejected ? "wholly below it" : "not wholly below it", level);
      break;
    case Relation::at_most:
      c.rejected = rejects(predicted.value, Relation::at_most, m.ci_low, m.ci_high);
      c.detail = fmt::format("{}: {} lies {} at {}", relation_text(predicted), interval(m),
                             c.rejected ? "wholly above it" : "not wholly above it", level);
      break;
  }
  return c;
}

Measurement measurement_at(const Estimate& estimate, double confidence) {
  require_open_interval("confidence", confidence, 0.0, 1.0);
  if (!estimate.interval) throw_invalid(fmt::format("estimate '{}' has no interval rule", estimate.name));
  const Interval i = estimate.at(confidence);
  return {estimate.name, estimate.value, i.low, i.high, confidence, estimate.method};
}

Decision::Decision(const CheckContext& context)
    : family_confidence_(context.family_confidence), family_size_(context.family_size), level_(context.confidence) {
  require_open_interval("per-check confidence", level_, 0.0, 1.0);
  per_check_confidence(family_confidence_, family_size_);  // validates the family
}

Decision::Decision(double family_confidence, int family_size)
    : family_confidence_(family_confidence),
      family_size_(family_size),
      level_(per_check_confidence(family_confidence, family_size)) {}

double Decision::measurement_confidence(int measurements) const {
  if (measurements < 1) throw_invalid(fmt::format("measurements = {} must be at least 1", measurements));
  return 1.0 - (1.0 - level_) / measurements;
}

const std::string& Decision::source_name(const Entry& entry) const {
  return std::visit([](const auto& s) -> const std::string& { return s.name; }, entry.source);
}

int Decision::paper_measurement_count() const {
  std::vector<std::string> names;
  for (const Entry& e : entries_)
    if (e.role == Role::paper && std::find(names.begin(), names.end(), source_name(e)) == names.end())
      names.push_back(source_name(e));
  return static_cast<int>(names.size());
}

double Decision::measurement_level() const { return measurement_confidence(std::max(1, paper_measurement_count())); }

Measurement Decision::resolve(const Estimate& estimate) const { return measurement_at(estimate, measurement_level()); }

Decision& Decision::asserts(const std::string& key, const std::string& statement) {
  if (key.empty()) throw_invalid(fmt::format("asserted dependence \"{}\" has an empty key", statement));
  for (const AssertedDependence& d : dependences_)
    if (d.key == key) throw_invalid(fmt::format("the dependence \"{}\" is asserted twice", key));
  dependences_.push_back({key, statement});
  return *this;
}

Decision& Decision::correction_effect(const std::string& formula, const std::string& key, DependenceChange change) {
  for (const auto& [f, effect] : effects_)
    if (f == formula && effect.key == key)
      throw_invalid(fmt::format("the effect of correction \"{}\" on \"{}\" is stated twice", formula, key));
  effects_.push_back({formula, {key, change}});
  return *this;
}

Decision& Decision::add(Role role, const std::string& name, Predicted predicted,
                        std::variant<Measurement, Estimate> source) {
  // Fail at the call that is wrong, not later in decide(): the predicted value and, for a
  // fixed interval, the interval itself.
  if (const auto* m = std::get_if<Measurement>(&source)) compare(name, predicted, *m);
  else if (std::isnan(predicted.value))
    throw_invalid(fmt::format("prediction '{}': predicted value is NaN (held against '{}')", name,
                              std::get<Estimate>(source).name));
  entries_.push_back({role, name, predicted, std::move(source)});
  return *this;
}

Decision& Decision::paper(const Prediction& prediction, const Measurement& measurement) {
  if (!prediction.value)
    throw_invalid(fmt::format("the paper's prediction \"{}\" has no value to hold against '{}'",
                              prediction.statement, measurement.name));
  return paper(*prediction.value, measurement);
}
Decision& Decision::paper(Predicted predicted, const Measurement& measurement) {
  return add(Role::paper, "paper", predicted, measurement);
}
Decision& Decision::paper(const Prediction& prediction, const Estimate& estimate) {
  if (!prediction.value)
    throw_invalid(fmt::format("the paper's prediction \"{}\" has no value to hold against '{}'",
                              prediction.statement, estimate.name));
  return paper(*prediction.value, estimate);
}
Decision& Decision::paper(Predicted predicted, const Estimate& estimate) {
  return add(Role::paper, "paper", predicted, estimate);
}

namespace {
std::string correction_name(const Prediction& prediction, const std::string& measurement) {
  const std::string name = prediction.formula.empty() ? prediction.statement : prediction.formula;
  if (!prediction.value)
    throw_invalid(fmt::format("the correction \"{}\" has no value to hold against '{}'", name, measurement));
  return name;
}
}  // namespace

Decision& Decision::correction(const Prediction& prediction, const Measurement& measurement) {
  return correction(correction_name(prediction, measurement.name), *prediction.value, measurement);
}
Decision& Decision::correction(const std::string& formula, Predicted predicted, const Measurement& measurement) {
  return add(Role::correction, formula, predicted, measurement);
}
Decision& Decision::correction(const Prediction& prediction, const Estimate& estimate) {
  return correction(correction_name(prediction, estimate.name), *prediction.value, estimate);
}
Decision& Decision::correction(const std::string& formula, Predicted predicted, const Estimate& estimate) {
  return add(Role::correction, formula, predicted, estimate);
}
Decision& Decision::alternative(const std::string& name, Predicted predicted, const Measurement& measurement) {
  return add(Role::alternative, name, predicted, measurement);
}
Decision& Decision::alternative(const std::string& name, Predicted predicted, const Estimate& estimate) {
  return add(Role::alternative, name, predicted, estimate);
}
Decision& Decision::negative_control(const std::string& description, Predicted predicted,
                                     const Measurement& measurement) {
  return add(Role::negative_control, description, predicted, measurement);
}
Decision& Decision::negative_control(const std::string& description, Predicted predicted, const Estimate& estimate) {
  return add(Role::negative_control, description, predicted, estimate);
}
Decision& Decision::report(const Estimate& estimate) {
  reported_.push_back(estimate);
  return *this;
}

std::string Decision::rule_text() const {
  const int k = std::max(1, paper_measurement_count());
  return fmt::format(
      "A prediction is rejected iff its value lies outside the two-sided confidence interval of a measurement it is "
      "held against (a claim '≥ v' iff the interval lies wholly below v, '≤ v' iff wholly above); it is rejected when "
      "any of its comparisons rejects it. Levels: family confidence {} over the {} registered checks (Bonferroni), "
      "so {} per check; the paper's prediction is held against {} measurement(s), each interval at {} or more, so a "
      "true prediction of the paper is rejected with probability at most {:.3g} here. CONFIRMED iff the paper's "
      "prediction is rejected by no measurement, every alternative and every differing correction is rejected, and "
      "the negative control is rejected; CONFIRMED_AFTER_CORRECTION iff the paper's prediction is rejected, a stated "
      "correction that keeps every dependence the claim asserts is rejected by none, and every alternative and the "
      "negative control are rejected; REFUTED iff the paper's prediction is rejected and no stated correction that "
      "keeps every asserted dependence survives (a surviving correction that removes or reverses one is shown as the "
      "corrected statement); otherwise INCONCLUSIVE (in particular whenever the negative control is not rejected).",
      percent(family_confidence_), family_size_, percent(level_), k, percent(measurement_confidence(k)),
      1.0 - level_);
}

namespace {

// An entry with its measurement resolved and its comparison made.
struct Resolved {
  Role role;
  std::string name;
  Predicted predicted;
  Measurement measurement;
  Comparison comparison;
};

std::string role_label(Role role, const std::string& name) {
  switch (role) {
    case Role::paper: return "paper";
    case Role::correction: return "correction: " + name;
    case Role::alternative: return "alternative: " + name;
    case Role::negative_control: return "negative control: " + name;
  }
  return name;
}

void add_measurement(std::vector<Measurement>& list, const Measurement& m) {
  for (const Measurement& known : list)
    if (known.name == m.name) {
      if (known.value != m.value && !(std::isnan(known.value) && std::isnan(m.value)))
        throw_invalid(fmt::format("two different measurements are named '{}' ({} and {}): give each its own name",
                                  m.name, known.value, m.value));
      return;
    }
  list.push_back(m);
}

}  // namespace

DecisionOutcome Decision::decide() const {
  DecisionOutcome out;
  out.rule = rule_text();
  out.asserted_dependences = dependences_;
  const double estimate_level = measurement_level();

  // Resolve every measurement: estimates at the level the count of paper comparisons implies.
  std::vector<Resolved> resolved;
  for (const Entry& e : entries_) {
    Measurement m = std::holds_alternative<Measurement>(e.source)
                        ? std::get<Measurement>(e.source)
                        : measurement_at(std::get<Estimate>(e.source), estimate_level);
    add_measurement(out.measurements, m);
    Comparison c = compare(role_label(e.role, e.name), e.predicted, m);
    c.role = e.role;
    resolved.push_back({e.role, e.name, e.predicted, std::move(m), std::move(c)});
  }
  for (const Estimate& r : reported_) add_measurement(out.measurements, measurement_at(r, estimate_level));

  // Group the comparisons by role and prediction name, in the order given.
  std::vector<const Resolved*> paper;
  std::vector<std::string> correction_names, alternative_names;
  std::map<std::string, std::vector<const Resolved*>> corrections, alternatives;
  std::vector<std::string> control_descriptions;
  std::vector<const Resolved*> control_entries;
  for (const Resolved& e : resolved) {
    switch (e.role) {
      case Role::paper: paper.push_back(&e); break;
      case Role::correction:
        if (corrections[e.name].empty()) correction_names.push_back(e.name);
        corrections[e.name].push_back(&e);
        break;
      case Role::alternative:
        if (alternatives[e.name].empty()) alternative_names.push_back(e.name);
        alternatives[e.name].push_back(&e);
        break;
      case Role::negative_control:
        control_entries.push_back(&e);
        out.negative_control.comparisons.push_back(e.comparison);
        out.negative_control.rejected = out.negative_control.rejected || e.comparison.rejected;
        if (std::find(control_descriptions.begin(), control_descriptions.end(), e.name) == control_descriptions.end())
          control_descriptions.push_back(e.name);
        break;
    }
    if (e.role != Role::negative_control) out.comparisons.push_back(e.comparison);
  }
  out.negative_control.description = control_descriptions.empty() ? "none stated" : join(control_descriptions, "; ");

  // The level guarantee of rule 2 for the paper's prediction (fixed intervals only:
  // estimates were drawn at exactly that level above).
  if (!paper.empty()) {
    const int k = paper_measurement_count();
    const double required = measurement_confidence(k);
    for (const Resolved* e : paper)
      if (e->measurement.confidence < required - 1e-12)
        throw_invalid(fmt::format("measurement '{}' has confidence {} but the paper's prediction is held against {} "
                                  "measurement(s) at per-check level {}, so each interval needs at least {}",
                                  e->measurement.name, e->measurement.confidence, k, level_, required));
  }

  const auto rejected = [](const std::vector<const Resolved*>& group) {
    return std::any_of(group.begin(), group.end(), [](const Resolved* e) { return e->comparison.rejected; });
  };
  const auto first_rejection = [](const std::vector<const Resolved*>& group) {
    for (const Resolved* e : group)
      if (e->comparison.rejected) return fmt::format("{} ({})", e->comparison.detail, e->measurement.name);
    return std::string();
  };
  // A correction competes with the paper only where it predicts something else.
  const auto differs_from_paper = [&paper](const std::vector<const Resolved*>& group) {
    for (const Resolved* c : group) {
      bool same = false;
      for (const Resolved* p : paper)
        if (p->measurement.name == c->measurement.name && p->predicted.relation == c->predicted.relation &&
            std::abs(p->predicted.value - c->predicted.value) <=
                1e-12 * std::max(1.0, std::abs(p->predicted.value)))
          same = true;
      if (!same) return true;
    }
    return false;
  };

  // The corrections, their effects on the asserted dependences (every one stated), and
  // which of them hold.
  for (const auto& [formula, effect] : effects_)
    if (corrections.find(formula) == corrections.end())
      throw_invalid(fmt::format("an effect is stated for the correction \"{}\", which is held against no measurement",
                                formula));
  std::vector<std::string> keeping_survivors, changing_survivors;
  std::map<std::string, std::string> changes_of;  // correction → "removes 'λ' (…)"
  for (const std::string& name : correction_names) {
    CorrectionOutcome outcome{name, rejected(corrections[name]), {}};
    std::vector<std::string> changes;
    for (const AssertedDependence& d : dependences_) {
      const auto it = std::find_if(effects_.begin(), effects_.end(),
                                   [&](const auto& fe) { return fe.first == name && fe.second.key == d.key; });
      if (it == effects_.end())
        throw_invalid(fmt::format("the correction \"{}\" does not say whether it keeps, removes or reverses the "
                                  "asserted dependence \"{}\" ({}); state it with correction_effect",
                                  name, d.key, d.statement));
      outcome.effects.push_back(it->second);
      if (it->second.change != DependenceChange::keeps)
        changes.push_back(fmt::format("{} the asserted dependence '{}' ({})", to_string(it->second.change), d.key,
                                      d.statement));
    }
    for (const auto& [formula, effect] : effects_)
      if (formula == name && std::none_of(dependences_.begin(), dependences_.end(),
                                          [&](const AssertedDependence& d) { return d.key == effect.key; }))
        throw_invalid(fmt::format("the correction \"{}\" states an effect on \"{}\", which the claim does not assert "
                                  "(asserts it first)",
                                  name, effect.key));
    if (!outcome.rejected) {
      if (changes.empty()) keeping_survivors.push_back(name);
      else {
        changing_survivors.push_back(name);
        changes_of[name] = join(changes, " and ");
      }
    }
    out.corrections.push_back(std::move(outcome));
  }

  // What still stands in the way of a CONFIRMED verdict, and the budget that would remove it.
  std::vector<std::string> blockers;
  std::vector<const std::vector<const Resolved*>*> unrejected_groups;
  if (control_entries.empty()) {
    blockers.push_back("no negative control was stated, so the power of the measurement is untested");
  } else if (!out.negative_control.rejected) {
    blockers.push_back(fmt::format("the negative control ({}) is not rejected: the intervals cannot tell a wrong "
                                   "prediction from a right one at this budget",
                                   out.negative_control.description));
    unrejected_groups.push_back(&control_entries);
  }
  for (const std::string& name : alternative_names)
    if (!rejected(alternatives[name])) {
      blockers.push_back(fmt::format("the alternative '{}' is not rejected: the measurement cannot tell it from the "
                                     "paper's prediction",
                                     name));
      unrejected_groups.push_back(&alternatives[name]);
    }

  const auto budget = [&unrejected_groups, &control_entries]() -> std::string {
    // The largest, over the blocking predictions, of the smallest factor over their comparisons.
    double worst = 0.0;
    bool undecidable = false;
    for (const auto* group : unrejected_groups) {
      double best = std::numeric_limits<double>::infinity();
      for (const Resolved* e : *group)
        if (const auto f = samples_factor_to_reject(e->predicted, e->measurement)) best = std::min(best, *f);
      if (std::isinf(best)) undecidable = true;
      else worst = std::max(worst, best);
    }
    if (undecidable)
      return "more samples of these measurements would not decide: a point estimate agrees with a prediction that "
             "must be rejected (or its interval is unbounded); a different or sharper measurement is needed";
    if (worst <= 0.0)
      return control_entries.empty() ? "a negative control: a deliberately wrong prediction the measurement must "
                                        "reject, so that its power is shown"
                                      : "a measurement that separates the competing predictions";
    return fmt::format("about {:.2g} times the current number of samples (interval half-widths shrinking as 1/√n "
                       "around the same estimates) would let the measurements reject what must be rejected",
                       worst);
  };

  if (paper.empty()) {
    out.verdict = Verdict::inconclusive;
    out.reason = "The paper's prediction was held against no measurement, so the rule cannot decide.";
    out.budget_to_decide = "a measurement of the quantity the paper predicts";
    return out;
  }

  if (!rejected(paper)) {
    for (const std::string& name : correction_names)
      if (!rejected(corrections[name]) && differs_from_paper(corrections[name])) {
        blockers.push_back(fmt::format("the correction '{}' is not rejected either: the measurement cannot tell it "
                                       "from the paper's prediction",
                                       name));
        unrejected_groups.push_back(&corrections[name]);
      }
    if (blockers.empty()) {
      out.verdict = Verdict::confirmed;
      out.reason = fmt::format("The paper's prediction lies inside every interval it was held against ({}), and the "
                               "negative control ({}) is rejected{}.",
                               paper.size(), out.negative_control.description,
                               alternative_names.empty() && correction_names.empty()
                                   ? ""
                                   : ", as is every competing prediction");
      return out;
    }
    out.verdict = Verdict::inconclusive;
    out.reason = fmt::format("The paper's prediction is not rejected, but {}.", join(blockers, "; "));
    out.budget_to_decide = budget();
    return out;
  }

  const std::string paper_rejection = first_rejection(paper);
  if (keeping_survivors.empty()) {
    out.verdict = Verdict::refuted;
    if (correction_names.empty()) {
      out.reason = fmt::format("The paper's prediction is rejected: {}; no correction was stated.", paper_rejection);
    } else if (changing_survivors.empty()) {
      std::vector<std::string> rejections;
      for (const std::string& name : correction_names)
        rejections.push_back(fmt::format("'{}': {}", name, first_rejection(corrections[name])));
      out.reason = fmt::format("The paper's prediction is rejected: {}; no stated correction survives ({}).",
                               paper_rejection, join(rejections, "; "));
    } else {
      // The corrected statement survives but changes what the claim asserts: the claim is refuted.
      out.correction = join(changing_survivors, "; ");
      std::vector<std::string> changes;
      for (const std::string& name : changing_survivors)
        changes.push_back(changing_survivors.size() == 1 ? fmt::format("it {}", changes_of[name])
                                                         : fmt::format("'{}' {}", name, changes_of[name]));
      out.reason = fmt::format(
          "The paper's prediction is rejected: {}. The correction {} lies inside every interval it was held against, "
          "but {}, so the claim as stated does not hold; the corrected statement is {}.",
          paper_rejection, *out.correction, join(changes, "; "),
          blockers.empty() ? fmt::format("itself confirmed (the negative control ({}) is rejected{})",
                                         out.negative_control.description,
                                         alternative_names.empty() ? "" : ", as is every alternative")
                           : fmt::format("not itself confirmed: {}", join(blockers, "; ")));
    }
    return out;
  }
  out.correction = join(keeping_survivors, "; ");
  if (blockers.empty()) {
    out.verdict = Verdict::confirmed_after_correction;
    out.reason = fmt::format("The paper's prediction is rejected: {}; the correction {} lies inside every interval it "
                             "was held against{}, and the negative control ({}) is rejected{}.",
                             paper_rejection, *out.correction,
                             dependences_.empty() ? "" : " and keeps every dependence the claim asserts",
                             out.negative_control.description,
                             alternative_names.empty() ? "" : ", as is every alternative");
    return out;
  }
  out.verdict = Verdict::inconclusive;
  out.reason = fmt::format("The paper's prediction is rejected ({}) and the correction {} survives, but {}.",
                           paper_rejection, *out.correction, join(blockers, "; "));
  out.budget_to_decide = budget();
  return out;
}

void Decision::apply_to(Evidence& evidence) const {
  DecisionOutcome out = decide();
  for (const Measurement& m : out.measurements)
    if (!evidence.find_measurement(m.name)) evidence.measurements.push_back(m);
  evidence.comparisons = std::move(out.comparisons);
  evidence.negative_control = std::move(out.negative_control);
  evidence.asserted_dependences = std::move(out.asserted_dependences);
  evidence.corrections = std::move(out.corrections);
  evidence.verdict = out.verdict;
  evidence.verdict_reason = std::move(out.reason);
  evidence.decision_rule = std::move(out.rule);
  const bool shows_correction = out.verdict == Verdict::confirmed_after_correction || out.verdict == Verdict::refuted;
  if (!evidence.correction && out.correction && shows_correction) evidence.correction = std::move(out.correction);
  if (!evidence.budget_to_decide && out.budget_to_decide && out.verdict == Verdict::inconclusive)
    evidence.budget_to_decide = std::move(out.budget_to_decide);
}

}  // namespace ldv::verify
