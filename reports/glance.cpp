#include "reports/glance.hpp"

#include <fmt/format.h>

#include <vector>

#include "reports/format.hpp"

namespace ldv::report {
namespace {

// The comparisons of one prediction: the paper's by role; a first-principles formula by
// the label Decision gives a correction or an alternative ("correction: <formula>").
std::vector<const verify::Comparison*> comparisons_of(const verify::Evidence& e, verify::Role role,
                                                      const std::string& label) {
  std::vector<const verify::Comparison*> out;
  for (const verify::Comparison& c : e.comparisons)
    if (c.role == role && (role == verify::Role::paper || c.prediction == label)) out.push_back(&c);
  return out;
}

PredictionGlance summarize(const verify::Prediction& p, const std::vector<const verify::Comparison*>& comparisons,
                           const verify::Measurement* key) {
  PredictionGlance g{p.formula.empty() ? p.statement : p.formula, !p.formula.empty(), p.value, std::nullopt, 0, 0};
  for (const verify::Comparison* c : comparisons) {
    ++g.held;
    g.rejections += c->rejected ? 1 : 0;
    if (key && c->measurement == key->name && !g.rejected) {
      g.value = c->predicted;  // the number held against the interval shown beside it
      g.rejected = c->rejected;
    }
  }
  return g;
}

std::optional<VerdictNote> verdict_note(const verify::Evidence& e) {
  switch (e.verdict) {
    case verify::Verdict::refuted:
      if (e.correction) return VerdictNote{"Corrected statement", *e.correction, true};
      return std::nullopt;
    case verify::Verdict::confirmed_after_correction:
      if (e.correction) return VerdictNote{"Correction", *e.correction, true};
      return std::nullopt;
    case verify::Verdict::inconclusive:
      if (e.budget_to_decide) return VerdictNote{"What would decide", *e.budget_to_decide, false};
      return std::nullopt;
    case verify::Verdict::confirmed: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

Glance glance(const verify::Evidence& e) {
  Glance g;
  g.key = e.measurements.empty() ? nullptr : &e.measurements.front();
  g.paper = summarize(e.paper_prediction, comparisons_of(e, verify::Role::paper, ""), g.key);
  if (e.first_principles) {
    const std::string& formula = e.first_principles->formula;
    auto comparisons = comparisons_of(e, verify::Role::correction, "correction: " + formula);
    if (comparisons.empty()) comparisons = comparisons_of(e, verify::Role::alternative, "alternative: " + formula);
    g.first_principles = summarize(*e.first_principles, comparisons, g.key);
  }
  g.note = verdict_note(e);
  g.main_figure = e.figures.empty() ? nullptr : &e.figures.front();
  return g;
}

std::string rejection_count_text(const PredictionGlance& p) {
  return p.rejections == 0 ? fmt::format("rejected by none of its {} comparisons", p.held)
                           : fmt::format("rejected by {} of its {} comparisons", p.rejections, p.held);
}

std::string value_text(double value, const verify::Measurement* key) {
  return key ? format_distinct({value, key->ci_low, key->ci_high})[0] : format_number(value);
}

}  // namespace ldv::report
