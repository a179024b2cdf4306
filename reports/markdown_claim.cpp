// One claim of summary.md as a list: the verdict and the summary rows first (as the
// page shows them above the fold), then the rest of the evidence, one item each.
#include <fmt/format.h>

#include <algorithm>

#include "ldv/verify/papers.hpp"
#include "reports/format.hpp"
#include "reports/glance.hpp"
#include "reports/markdown.hpp"
#include "reports/provenance_summary.hpp"

namespace ldv::report {
namespace {

std::string md(const std::string& text) { return markdown_escape(text); }

std::string glance_prediction(const PredictionGlance& p, const verify::Measurement* key) {
  std::string out = p.is_formula ? markdown_code(p.text) : md(p.text);
  if (p.value) out += " = " + value_text(*p.value, key);
  if (p.rejected) out += *p.rejected ? " — **rejected** by the key measurement" : " — inside the key measurement's interval";
  if (p.held == 0) out += " (held against no measurement)";
  else if (p.held > 1 || !p.rejected) out += " (" + md(rejection_count_text(p)) + ")";
  return out;
}

std::string full_prediction(const verify::Prediction& p) {
  std::string out = md(p.statement);
  if (!p.formula.empty()) out += " (" + markdown_code(p.formula) + ")";
  if (p.value) out += ", value " + format_number(*p.value);
  return out;
}

std::string comparison_item(const verify::Evidence& ev, const verify::Comparison& c) {
  std::string interval;
  std::string predicted = format_number(c.predicted);
  if (const auto* m = ev.find_measurement(c.measurement)) {
    const auto t = format_distinct({c.predicted, m->ci_low, m->ci_high});
    predicted = t[0];
    interval = md(fmt::format("[{}, {}] at {}", t[1], t[2], format_level(m->confidence)));
  }
  return fmt::format("  - {} ({}) {} {} against {}{}{}: {}{}\n", md(c.prediction), verify::to_string(c.role),
                     relation_symbol(c.relation), md(predicted), md(c.measurement), interval.empty() ? "" : " ", interval,
                     c.rejected ? "**rejected**" : "not rejected", c.detail.empty() ? "" : " — " + md(c.detail));
}

std::string summary_items(const verify::Evidence& ev, const Glance& g) {
  const verify::Paper& paper = verify::find_paper(ev.paper);
  std::string out = fmt::format("- **Verdict: {}** — {} {}, {} of *{}*\n", verify::to_string(ev.verdict),
                                md(verify::to_string(ev.kind)), markdown_code(ev.id), md(ev.claim_reference),
                                md(paper.title));
  out += "- **The paper predicts:** " + glance_prediction(g.paper, g.key) + "\n";
  out += "- **First principles:** " +
         (g.first_principles ? glance_prediction(*g.first_principles, g.key)
                             : std::string("not stated separately: they agree with the paper's prediction")) +
         "\n";
  out += "- **Key measurement:** " + (g.key ? fmt::format("{}: **{}**", md(g.key->name), md(format_measurement(*g.key)))
                                            : std::string("no measurement recorded")) + "\n";
  if (g.note)
    out += fmt::format("- **{}:** {}\n", g.note->label, g.note->formula ? markdown_code(g.note->text) : md(g.note->text));
  if (g.main_figure)
    out += fmt::format("- **Main figure:** ![{}](figures/{}.svg)\n", md(g.main_figure->title),
                       figure_stem(ev.id, *g.main_figure));
  return out;
}

std::string dependence_items(const verify::Evidence& ev) {
  std::string out;
  if (!ev.asserted_dependences.empty()) {
    out += "- **Asserted dependences:**\n";
    for (const auto& d : ev.asserted_dependences) out += fmt::format("  - {}: {}\n", markdown_code(d.key), md(d.statement));
  }
  if (!ev.corrections.empty()) {
    out += "- **Corrections:**\n";
    for (const auto& c : ev.corrections) {
      std::string effects;
      for (const auto& x : c.effects)
        effects += fmt::format("{}{} {}", effects.empty() ? "; " : ", ", verify::to_string(x.change), markdown_code(x.key));
      out += fmt::format("  - {}: {}{}\n", markdown_code(c.formula),
                         c.rejected ? "**rejected**" : "survives every measurement", effects);
    }
  }
  return out;
}

std::string figure_items(const verify::Evidence& ev) {
  if (ev.figures.size() < 2) return "";
  std::string out = "- **Other figures:**\n";
  for (std::size_t i = 1; i < ev.figures.size(); ++i) {
    const std::string stem = figure_stem(ev.id, ev.figures[i]);
    out += fmt::format("  - [{}](figures/{}.svg) ([PNG](figures/{}.png))\n",
                       md(ev.figures[i].title.empty() ? ev.figures[i].name : ev.figures[i].title), stem, stem);
  }
  return out;
}

// The record's tables as pipe tables after its list (a pipe table inside a list item is not
// portable): the title in bold, the rows, the note in italics. Cells are escaped ('|' included).
std::string table_blocks(const verify::Evidence& ev) {
  std::string out;
  for (const verify::Table& t : ev.tables) {
    out += fmt::format("**{}**\n\n|", md(t.title.empty() ? t.name : t.title));
    for (const std::string& c : t.columns) out += " " + md(c) + " |";
    out += "\n|";
    for (std::size_t i = 0; i < t.columns.size(); ++i) out += " --- |";
    out += "\n";
    for (const auto& row : t.rows) {
      out += "|";
      for (const std::string& cell : row) out += " " + md(cell) + " |";
      out += "\n";
    }
    if (!t.note.empty()) out += "\n*" + md(t.note) + "*\n";
    out += "\n";
  }
  return out;
}

}  // namespace

std::string markdown_claim(const verify::Evidence& ev) {
  const Glance g = glance(ev);
  std::string out = fmt::format("### {} — {}\n\n", markdown_code(ev.id), md(ev.title));
  out += summary_items(ev, g);
  out += "- **Claim:** " + md(ev.claim) + "\n";
  out += "- **Why:** " + md(ev.verdict_reason) + "\n";
  // The correction and the budget are in the summary items when the verdict needs them.
  if (ev.correction && !g.note) out += "- **Correction:** " + markdown_code(*ev.correction) + "\n";
  if (ev.budget_to_decide && !g.note) out += "- **Budget that would decide:** " + md(*ev.budget_to_decide) + "\n";
  out += "- **Predictions in full:**\n  - the paper: " + full_prediction(ev.paper_prediction) + "\n";
  if (ev.first_principles) out += "  - first principles: " + full_prediction(*ev.first_principles) + "\n";
  out += "- **Measurements:**" + std::string(ev.measurements.empty() ? " none recorded" : "") + "\n";
  for (const auto& m : ev.measurements)
    out += fmt::format("  - {}: {} ({})\n", md(m.name), md(format_measurement(m)), md(m.method));
  out += "- **Comparisons:**" + std::string(ev.comparisons.empty() ? " none recorded" : "") + "\n";
  for (const auto& c : ev.comparisons) out += comparison_item(ev, c);
  out += fmt::format("- **Negative control:** {} — {}\n", md(ev.negative_control.description),
                     ev.negative_control.rejected ? "rejected ✓" : "**NOT rejected ✗**");
  for (const auto& c : ev.negative_control.comparisons) out += comparison_item(ev, c);
  out += dependence_items(ev);
  out += "- **Decision rule:** " + md(ev.decision_rule) + "\n";
  out += figure_items(ev);
  const ProvenanceSummary p = summarize_provenance(ev.provenance);
  out += fmt::format("- **Reproduce:** {} (seed {}, profile {}, {} s; ldv {}, git {})\n", markdown_code(ev.command),
                     ev.seed, verify::to_string(ev.profile), format_number(ev.elapsed_s), md(p.ldv_version),
                     md(p.git_revision));
  return out + "\n" + table_blocks(ev);
}

}  // namespace ldv::report
