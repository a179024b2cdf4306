// One <section> of index.html per Evidence record: everything a reader needs to
// re-derive its verdict (claim, predictions, intervals, comparisons, negative
// control, decision rule, figures, and how to reproduce the run).
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "reports/consistency.hpp"
#include "reports/format.hpp"
#include "reports/html.hpp"
#include "reports/provenance_summary.hpp"
#include "ldv/verify/papers.hpp"

namespace ldv::report {
namespace {

// Longer series are cut in the page (the figure and evidence.json keep them all).
constexpr std::size_t kMaxDataRows = 200;

std::string e(std::string_view text) { return html_escape(text); }

std::string prediction_cell(const verify::Prediction& p) {
  std::string out = e(p.statement);
  if (!p.formula.empty()) out += fmt::format("<br><code class=\"formula\">{}</code>", e(p.formula));
  if (p.value) out += fmt::format("<br>predicted value: <b>{}</b>", e(format_number(*p.value)));
  return out;
}

std::string predictions(const verify::Evidence& ev) {
  std::string out = "<h3>Predictions</h3>\n<table class=\"kv\">\n";
  out += fmt::format("<tr><th>The paper</th><td>{}</td></tr>\n", prediction_cell(ev.paper_prediction));
  out += fmt::format("<tr><th>First principles</th><td>{}</td></tr>\n",
                     ev.first_principles ? prediction_cell(*ev.first_principles)
                                         : std::string("<span class=\"muted\">not stated separately (agrees "
                                                       "with the paper's)</span>"));
  return out + "</table>\n";
}

std::string measurements(const verify::Evidence& ev) {
  std::string out = "<h3>Measurements</h3>\n";
  if (ev.measurements.empty()) return out + "<p class=\"muted\">No measurement recorded.</p>\n";
  out += "<table>\n<tr><th>Quantity</th><th>Value</th><th>Confidence interval</th><th>Level</th><th>Method</th></tr>\n";
  for (const auto& m : ev.measurements) {
    const auto t = format_distinct({m.value, m.ci_low, m.ci_high});
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>[{}, {}]</td><td>{}</td><td>{}</td></tr>\n", e(m.name),
                       e(t[0]), e(t[1]), e(t[2]), e(format_level(m.confidence)), e(m.method));
  }
  return out + "</table>\n";
}

std::string comparison_table(const verify::Evidence& ev, const std::vector<verify::Comparison>& comparisons) {
  if (comparisons.empty()) return "<p class=\"muted\">No comparison recorded.</p>\n";
  std::string out =
      "<table>\n<tr><th>Prediction</th><th>Held against</th><th>Predicted</th><th>Measured interval</th>"
      "<th>Outcome</th><th>Detail</th></tr>\n";
  for (const auto& c : comparisons) {
    std::string interval = "<span class=\"muted\">(measurement not in this record)</span>";
    if (const auto* m = find_measurement(ev, c.measurement)) {
      const auto t = format_distinct({c.predicted, m->ci_low, m->ci_high});
      interval = fmt::format("[{}, {}] at {}", e(t[1]), e(t[2]), e(format_level(m->confidence)));
    }
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                       e(c.prediction), e(c.measurement), e(format_number(c.predicted)), interval,
                       c.rejected ? "<span class=\"rejected\">rejected</span>"
                                  : "<span class=\"kept\">not rejected</span>",
                       e(c.detail));
  }
  return out + "</table>\n";
}

std::string negative_control(const verify::Evidence& ev) {
  const auto& nc = ev.negative_control;
  std::string out = "<h3>Negative control</h3>\n";
  out += fmt::format("<p>{} — outcome: {}</p>\n", e(nc.description),
                     nc.rejected ? "<span class=\"control-ok\">rejected ✓</span> (the decision rule can tell this "
                                   "wrong prediction apart)"
                                 : "<span class=\"control-failed\">NOT rejected ✗</span> (the decision rule did not "
                                   "reject this deliberately wrong prediction)");
  return out + comparison_table(ev, nc.comparisons);
}

std::string verdict_block(const verify::Evidence& ev) {
  std::string out = fmt::format("<h3>Verdict</h3>\n<p><span class=\"verdict {}\">{}</span> {}</p>\n",
                                verdict_class(ev.verdict), e(verify::to_string(ev.verdict)), e(ev.verdict_reason));
  if (ev.correction) out += fmt::format("<p><b>Correction:</b> <code>{}</code></p>\n", e(*ev.correction));
  if (ev.budget_to_decide) out += fmt::format("<p><b>Budget that would decide:</b> {}</p>\n", e(*ev.budget_to_decide));
  for (const auto& w : consistency_warnings(ev))
    out += fmt::format("<p class=\"warning\"><b>Inconsistent record:</b> {}.</p>\n", e(w));
  return out;
}

std::string data_table(const verify::Series& s) {
  const bool bars = !s.y_low.empty();
  std::string out = fmt::format("<p>{} ({} points, {})</p>\n<table>\n<tr><th>x</th><th>y</th>{}</tr>\n",
                                e(s.label.empty() ? "(unlabelled series)" : s.label), s.x.size(), e(verify::to_string(s.style)),
                                bars ? "<th>y low</th><th>y high</th>" : "");
  const std::size_t rows = std::min({s.x.size(), s.y.size(), kMaxDataRows});
  for (std::size_t i = 0; i < rows; ++i) {
    out += fmt::format("<tr><td>{}</td><td>{}</td>", e(format_number(s.x[i])), e(format_number(s.y[i])));
    if (bars && i < s.y_low.size() && i < s.y_high.size())
      out += fmt::format("<td>{}</td><td>{}</td>", e(format_number(s.y_low[i])), e(format_number(s.y_high[i])));
    out += "</tr>\n";
  }
  out += "</table>\n";
  if (rows < s.x.size())
    out += fmt::format("<p class=\"muted\">First {} of {} points; evidence.json has them all.</p>\n", rows, s.x.size());
  return out;
}

std::string figures(const verify::Evidence& ev) {
  if (ev.figures.empty()) return "";
  std::string out = "<h3>Figures</h3>\n";
  for (const auto& f : ev.figures) {
    const std::string stem = e(figure_stem(ev.id, f));
    out += fmt::format(
        "<figure class=\"plot\"><a href=\"figures/{0}.png\"><img class=\"figure\" src=\"figures/{0}.svg\" "
        "alt=\"{1}\" width=\"900\" height=\"600\"></a>\n<figcaption>{1}{2}{3} · "
        "<a href=\"figures/{0}.svg\">SVG</a> · <a href=\"figures/{0}.png\">PNG</a></figcaption></figure>\n",
        stem, e(f.title.empty() ? f.name : f.title), f.log_x ? " · log x" : "", f.log_y ? " · log y" : "");
    out += "<details><summary>Data of this figure</summary>\n";
    for (const auto& s : f.series) out += data_table(s);
    out += "</details>\n";
  }
  return out;
}

std::string pretty_parameters(const std::string& text) {
  const auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  return json.is_discarded() ? text : json.dump(2);
}

std::string reproduction(const verify::Evidence& ev) {
  const ProvenanceSummary p = summarize_provenance(ev.provenance.dump());
  std::string out = "<h3>Reproduce</h3>\n<table class=\"kv\">\n";
  out += fmt::format("<tr><th>Command</th><td><pre><code>{}</code></pre></td></tr>\n", e(ev.command));
  out += fmt::format("<tr><th>Seed</th><td>{}</td></tr>\n<tr><th>Profile</th><td>{}</td></tr>\n", ev.seed,
                     e(verify::to_string(ev.profile)));
  out += fmt::format("<tr><th>Parameters</th><td><pre>{}</pre></td></tr>\n", e(pretty_parameters(ev.parameters.dump())));
  out += fmt::format("<tr><th>Elapsed</th><td>{} s</td></tr>\n", e(format_number(ev.elapsed_s)));
  out += fmt::format("<tr><th>Run key</th><td><code>{}</code></td></tr>\n", e(ev.run_key));
  out += fmt::format(
      "<tr><th>Provenance</th><td>ldv {} · git {} · {} ({}) · {} · host {}\n"
      "<details><summary>full provenance</summary><pre>{}</pre></details></td></tr>\n",
      e(p.ldv_version), e(p.git_revision), e(p.compiler), e(p.build_type), e(p.utc_time), e(p.host),
      e(p.pretty_json));
  return out + "</table>\n";
}

}  // namespace

std::string render_html_section(const verify::Evidence& ev) {
  std::string out = fmt::format("<section class=\"check\" id=\"check-{}\">\n", e(ev.id));
  out += fmt::format("<h2><span class=\"verdict {}\">{}</span> <code>{}</code> — {}</h2>\n",
                     verdict_class(ev.verdict), e(verify::to_string(ev.verdict)), e(ev.id), e(ev.title));
  out += fmt::format("<p class=\"muted\">{} · paper: <i>{}</i> ({}) · claim: <b>{}</b></p>\n", e(verify::to_string(ev.kind)),
                     e(verify::find_paper(ev.paper).title), e(ev.paper), e(ev.claim_reference));
  out += fmt::format("<h3>Claim</h3>\n<p class=\"claim\">{}</p>\n", e(ev.claim));
  out += predictions(ev);
  out += measurements(ev);
  out += fmt::format("<h3>Decision</h3>\n<p><b>Rule:</b> {}</p>\n", e(ev.decision_rule));
  out += comparison_table(ev, ev.comparisons);
  out += negative_control(ev);
  out += verdict_block(ev);
  out += figures(ev);
  out += reproduction(ev);
  return out + "</section>\n";
}

}  // namespace ldv::report
