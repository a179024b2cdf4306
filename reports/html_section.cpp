// A claim's section of index.html, readable at a glance: the verdict, the summary rows
// (the paper's prediction, the first-principles prediction, the key measurement with its
// interval, and the note its verdict needs) and the main figure; everything else is
// folded under <details> (html_details.cpp).
#include <fmt/format.h>

#include "ldv/verify/papers.hpp"
#include "reports/format.hpp"
#include "reports/glance.hpp"
#include "reports/html.hpp"
#include "reports/templates.hpp"

namespace ldv::report {
namespace {

std::string e(std::string_view text) { return html_escape(text); }

std::string prediction_cell(const PredictionGlance& p, const verify::Measurement* key) {
  std::string out = p.is_formula ? fmt::format("<code>{}</code>", e(p.text)) : e(p.text);
  if (p.value) out += fmt::format(" = <span class=\"value\">{}</span>", e(value_text(*p.value, key)));
  if (p.rejected)
    out += *p.rejected ? " — <span class=\"rejected\">rejected</span> by the key measurement"
                       : " — <span class=\"kept\">inside</span> the key measurement's interval";
  if (p.held == 0) out += " <span class=\"muted\">(held against no measurement)</span>";
  else if (p.held > 1 || !p.rejected)
    out += fmt::format(" <span class=\"muted\">({})</span>", e(rejection_count_text(p)));
  return out;
}

std::string key_cell(const verify::Measurement* key) {
  if (!key) return "<span class=\"muted\">no measurement recorded</span>";
  const auto t = format_distinct({key->value, key->ci_low, key->ci_high});
  return fmt::format("{}: <span class=\"value\">{}</span> [{}, {}] at {}", e(key->name), e(t[0]), e(t[1]), e(t[2]),
                     e(format_level(key->confidence)));
}

std::string summary_rows(const Glance& g) {
  std::string out = fmt::format("<tr><th>The paper predicts</th><td>{}</td></tr>\n", prediction_cell(g.paper, g.key));
  out += fmt::format("<tr><th>First principles</th><td>{}</td></tr>\n",
                     g.first_principles ? prediction_cell(*g.first_principles, g.key)
                                        : "<span class=\"muted\">not stated separately: they agree with the "
                                          "paper's prediction</span>");
  out += fmt::format("<tr><th>Key measurement</th><td>{}</td></tr>\n", key_cell(g.key));
  if (g.note)
    out += fmt::format("<tr class=\"note\"><th>{}</th><td>{}</td></tr>\n", e(g.note->label),
                       g.note->formula ? fmt::format("<code>{}</code>", e(g.note->text)) : e(g.note->text));
  return out;
}

}  // namespace

std::string html_figure(const verify::Evidence& ev, const verify::Figure& f, bool main) {
  const std::string stem = e(figure_stem(ev.id, f));
  return fmt::format(
      "<figure class=\"plot{4}\"><a href=\"figures/{0}.png\"><img class=\"figure\" src=\"figures/{0}.svg\" "
      "alt=\"{1}\" width=\"900\" height=\"600\"></a>\n<figcaption>{1}{2}{3} · "
      "<a href=\"figures/{0}.svg\">SVG</a> · <a href=\"figures/{0}.png\">PNG</a></figcaption></figure>\n",
      stem, e(f.title.empty() ? f.name : f.title), f.log_x ? " · log x" : "", f.log_y ? " · log y" : "",
      main ? " main" : "");
}

std::string html_tables(const verify::Evidence& ev) {
  std::string out;
  for (const verify::Table& t : ev.tables) {
    out += fmt::format("<div class=\"record-table\"><table class=\"record-table\" id=\"table-{}-{}\">\n<caption>{}</caption>\n<tr>",
                       e(ev.id), e(t.name), e(t.title.empty() ? t.name : t.title));
    for (const std::string& c : t.columns) out += "<th>" + e(c) + "</th>";
    out += "</tr>\n";
    for (const auto& row : t.rows) {
      out += "<tr>";
      for (const std::string& cell : row) out += "<td>" + e(cell) + "</td>";
      out += "</tr>\n";
    }
    out += "</table>\n";
    if (!t.note.empty()) out += fmt::format("<p class=\"table-note\">{}</p>\n", e(t.note));
    out += "</div>\n";
  }
  return out;
}

std::string render_html_section(const verify::Evidence& ev) {
  const Glance g = glance(ev);
  const verify::Paper& paper = verify::find_paper(ev.paper);
  return fill("section.html",
              {{"verdict_class", verdict_class(ev.verdict)},
               {"verdict", e(verify::to_string(ev.verdict))},
               {"id", e(ev.id)},
               {"title", e(ev.title)},
               {"kind", e(verify::to_string(ev.kind))},
               {"claim_reference", e(ev.claim_reference)},
               {"paper", fmt::format("<i>{}</i> ({})", e(paper.title), e(paper.short_name))},
               {"summary_rows", summary_rows(g)},
               {"main_figure", g.main_figure ? html_figure(ev, *g.main_figure, true) : ""},
               {"tables", html_tables(ev)},
               {"details", render_html_details(ev)}});
}

}  // namespace ldv::report
