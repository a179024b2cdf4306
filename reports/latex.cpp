#include "reports/latex.hpp"

#include <fmt/format.h>

#include <map>

#include "ldv/verify/papers.hpp"
#include "reports/format.hpp"
#include "reports/provenance_summary.hpp"
#include "reports/templates.hpp"

namespace ldv::report {
namespace {

// UTF-8 symbols the suite's formulas use, as pdfLaTeX-safe math.
const std::map<std::string, std::string>& unicode_math() {
  static const std::map<std::string, std::string> table = {
      {"α", "\\alpha"},   {"β", "\\beta"},   {"γ", "\\gamma"},     {"δ", "\\delta"},   {"ε", "\\varepsilon"},
      {"ζ", "\\zeta"},    {"η", "\\eta"},    {"θ", "\\theta"},     {"κ", "\\kappa"},   {"λ", "\\lambda"},
      {"μ", "\\mu"},      {"ν", "\\nu"},     {"ξ", "\\xi"},        {"π", "\\pi"},      {"ρ", "\\rho"},
      {"σ", "\\sigma"},   {"τ", "\\tau"},    {"φ", "\\varphi"},    {"χ", "\\chi"},     {"ψ", "\\psi"},
      {"ω", "\\omega"},   {"Γ", "\\Gamma"},  {"Δ", "\\Delta"},     {"Θ", "\\Theta"},   {"Λ", "\\Lambda"},
      {"Σ", "\\Sigma"},   {"Φ", "\\Phi"},    {"Ψ", "\\Psi"},       {"Ω", "\\Omega"},   {"∂", "\\partial"},
      {"∇", "\\nabla"},   {"∞", "\\infty"},  {"≤", "\\le"},        {"≥", "\\ge"},      {"≈", "\\approx"},
      {"≠", "\\neq"},     {"±", "\\pm"},     {"×", "\\times"},     {"·", "\\cdot"},    {"−", "-"},
      {"→", "\\to"},      {"∈", "\\in"},     {"√", "\\surd"},      {"∫", "\\int"},     {"∑", "\\sum"},
      {"⁻", "^{-}"},      {"¹", "^{1}"},     {"²", "^{2}"},        {"³", "^{3}"},      {"⁴", "^{4}"},
      {"₀", "_{0}"},      {"₁", "_{1}"},     {"₂", "_{2}"},        {"ᵀ", "^{\\top}"},  {"‖", "\\|"},
      {"∝", "\\propto"},  {"∼", "\\sim"},    {"≡", "\\equiv"},     {"⟨", "\\langle"},  {"⟩", "\\rangle"},
  };
  return table;
}

std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xe) return 3;
  if ((lead >> 3) == 0x1e) return 4;
  return 1;  // stray continuation byte: passed through as is
}

std::string verdict_text(verify::Verdict v) { return latex_escape(verify::to_string(v)); }

std::string row(const verify::Evidence& ev, const std::string& prediction, const verify::Measurement* m) {
  const std::string measured =
      m ? fmt::format("{}: {}", latex_escape(m->name), latex_escape(format_measurement(*m))) : std::string("--");
  return fmt::format("{} & {} & {} & {} \\\\\n", latex_escape(ev.claim_reference), prediction, measured,
                     verdict_text(ev.verdict));
}

}  // namespace

std::string latex_escape(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = std::min(utf8_length(static_cast<unsigned char>(text[i])), text.size() - i);
    const std::string ch = text.substr(i, n);
    i += n;
    if (n > 1) {
      const auto it = unicode_math().find(ch);
      out += it == unicode_math().end() ? ch : "\\ensuremath{" + it->second + "}";
      continue;
    }
    switch (ch[0]) {
      case '\\': out += "\\textbackslash{}"; break;
      case '{': out += "\\textbraceleft{}"; break;
      case '}': out += "\\textbraceright{}"; break;
      case '&': out += "\\&"; break;
      case '%': out += "\\%"; break;
      case '$': out += "\\$"; break;
      case '#': out += "\\#"; break;
      case '_': out += "\\_"; break;
      case '^': out += "\\textasciicircum{}"; break;
      case '~': out += "\\textasciitilde{}"; break;
      case '<': out += "\\textless{}"; break;
      case '>': out += "\\textgreater{}"; break;
      // Braced, so a "[" at the start of a row is never taken for the optional argument of "\\".
      case '[': out += "{[}"; break;
      case ']': out += "{]}"; break;
      case '\n': case '\r': case '\t': out += ' '; break;
      default: out += ch;
    }
  }
  return out;
}

std::string latex_rows(const verify::Evidence& ev) {
  std::string rows;
  for (const auto& c : ev.comparisons) {
    // "paper: 1.5"; a one-sided prediction keeps its relation ("paper: ≥ 1.5").
    const std::string relation = c.relation == verify::Relation::equals ? "" : relation_symbol(c.relation) + " ";
    const std::string prediction =
        fmt::format("{}: {}", latex_escape(c.prediction), latex_escape(relation + format_number(c.predicted)));
    rows += row(ev, prediction, ev.find_measurement(c.measurement));
  }
  if (ev.comparisons.empty()) {
    const auto& p = ev.paper_prediction;
    const std::string prediction = latex_escape(p.formula.empty() ? p.statement : p.formula) +
                                   (p.value ? " = " + latex_escape(format_number(*p.value)) : "");
    if (ev.measurements.empty()) rows += row(ev, prediction, nullptr);
    for (const auto& m : ev.measurements) rows += row(ev, prediction, &m);
  }
  // The comment lines hold the title as plain text: a newline in it would end the comment.
  return fill("rows.tex", {{"id", ev.id},
                           {"title", one_line(ev.title)},
                           {"paper_key", verify::find_paper(ev.paper).bibtex_key},
                           {"rows", rows}});
}

std::string latex_tables(const verify::Evidence& ev) {
  std::string out;
  for (const verify::Table& t : ev.tables) {
    out += fmt::format("% ldv:{} table {}\n\\begin{{table}}[htbp]\n\\centering\n\\caption{{{}}}\n\\begin{{tabular}}{{{}}}\n\\hline\n",
                       ev.id, t.name, latex_escape(t.title.empty() ? t.name : t.title),
                       std::string(t.columns.size(), 'l'));
    auto line = [](const std::vector<std::string>& cells) {
      std::string row;
      for (std::size_t i = 0; i < cells.size(); ++i) row += (i ? " & " : "") + latex_escape(cells[i]);
      return row + " \\\\\n";
    };
    out += line(t.columns) + "\\hline\n";
    for (const auto& row : t.rows) out += line(row);
    out += "\\hline\n\\end{tabular}\n";
    if (!t.note.empty()) out += "\\par\\smallskip{\\footnotesize " + latex_escape(t.note) + "}\n";
    out += "\\end{table}\n";
  }
  return out;
}

std::string bibtex_entry(const verify::Evidence& ev) {
  const ProvenanceSummary p = summarize_provenance(ev.provenance);
  const std::string year = p.year();
  return fill(
      "entry.bib",
      {{"id", ev.id},
       {"title", latex_escape(ev.title.empty() ? ev.id : ev.title)},
       {"howpublished", fmt::format("ldv evidence record {}, {} of {}, verdict {}", latex_escape(ev.id),
                                    latex_escape(ev.claim_reference), latex_escape(verify::find_paper(ev.paper).title),
                                    verdict_text(ev.verdict))},
       {"version", latex_escape(p.ldv_version)},
       {"note", fmt::format("ldv {}, git revision {}, seed {}, profile {}; reproduce with \\texttt{{{}}}",
                            latex_escape(p.ldv_version), latex_escape(p.git_revision), ev.seed,
                            latex_escape(verify::to_string(ev.profile)), latex_escape(ev.command))},
       {"year_field", year.empty() ? "" : fmt::format("\n  year = {{{}}},", year)}});
}

std::string render_bibliography(const std::vector<verify::Evidence>& records, const ReportInfo& info) {
  std::string papers, entries;
  for (const verify::Paper& paper : verify::papers()) papers += paper.bibtex() + "\n";
  for (const auto& ev : records) entries += bibtex_entry(ev) + "\n";
  return fill("evidence.bib", {{"generator", one_line(info.generator)},
                               {"generated_utc", one_line(info.generated_utc)},
                               {"papers", papers},
                               {"records", entries}});
}

}  // namespace ldv::report
