// The folded part of a claim's section ("Full evidence"): everything a reader needs to
// re-derive the verdict (claim, predictions, intervals, every comparison with its role,
// negative control, asserted dependences and what each correction does to them, the
// decision rule, the figures' data) and to reproduce the run.
#include <fmt/format.h>

#include <algorithm>

#include "reports/format.hpp"
#include "reports/html.hpp"
#include "reports/provenance_summary.hpp"

namespace ldv::report {
namespace {

// Longer series are cut in the page (the figure and evidence.json keep them all).
constexpr std::size_t kMaxDataRows = 200;

std::string e(std::string_view text) { return html_escape(text); }

std::string outcome(bool rejected) {
  return rejected ? "<span class=\"rejected\">rejected</span>" : "<span class=\"kept\">not rejected</span>";
}

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

std::string verdict_block(const verify::Evidence& ev) {
  std::string out = fmt::format("<h3>Why {}</h3>\n<p>{}</p>\n", e(verify::to_string(ev.verdict)), e(ev.verdict_reason));
  if (ev.correction) out += fmt::format("<p><b>Correction:</b> <code>{}</code></p>\n", e(*ev.correction));
  if (ev.budget_to_decide) out += fmt::format("<p><b>Budget that would decide:</b> {}</p>\n", e(*ev.budget_to_decide));
  return out;
}

std::string measurements(const verify::Evidence& ev) {
  std::string out = "<h3>Measurements</h3>\n";
  if (ev.measurements.empty()) return out + "<p class=\"muted\">No measurement recorded.</p>\n";
  out += "<div class=\"scroll\"><table>\n<tr><th>Quantity</th><th>Value</th><th>Confidence interval</th>"
         "<th>Level</th><th>Method</th></tr>\n";
  for (std::size_t i = 0; i < ev.measurements.size(); ++i) {
    const auto& m = ev.measurements[i];
    const auto t = format_distinct({m.value, m.ci_low, m.ci_high});
    out += fmt::format("<tr><td>{}{}</td><td class=\"num\">{}</td><td class=\"num\">[{}, {}]</td>"
                       "<td class=\"num\">{}</td><td>{}</td></tr>\n",
                       e(m.name),
                       i == 0 ? " <span class=\"muted\">(key)</span>" : "", e(t[0]), e(t[1]), e(t[2]),
                       e(format_level(m.confidence)), e(m.method));
  }
  return out + "</table></div>\n";
}

std::string comparison_table(const verify::Evidence& ev, const std::vector<verify::Comparison>& comparisons) {
  if (comparisons.empty()) return "<p class=\"muted\">No comparison recorded.</p>\n";
  std::string out =
      "<div class=\"scroll\"><table>\n<tr><th>Prediction</th><th>Role</th><th>Held against</th><th>Predicted</th>"
      "<th>Measured interval</th><th>Outcome</th><th>Detail</th></tr>\n";
  for (const auto& c : comparisons) {
    std::string interval = "<span class=\"muted\">(measurement not in this record)</span>";
    std::string predicted = format_number(c.predicted);
    if (const auto* m = ev.find_measurement(c.measurement)) {
      const auto t = format_distinct({c.predicted, m->ci_low, m->ci_high});
      predicted = t[0];
      interval = fmt::format("[{}, {}]<br>at {}", e(t[1]), e(t[2]), e(format_level(m->confidence)));
    }
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{} {}</td><td class=\"num\">{}</td>"
                       "<td class=\"num\">{}</td><td class=\"detail\">{}</td></tr>\n",
                       e(c.prediction), e(verify::to_string(c.role)), e(c.measurement), relation_symbol(c.relation),
                       e(predicted), interval, outcome(c.rejected), e(c.detail));
  }
  return out + "</table></div>\n";
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

// The asserted dependences, and per stated correction whether it survives and what it
// does to each of them (a correction that removes or reverses one refutes the claim).
std::string dependences(const verify::Evidence& ev) {
  if (ev.asserted_dependences.empty() && ev.corrections.empty()) return "";
  std::string out = "<h3>Asserted dependences and corrections</h3>\n";
  if (ev.asserted_dependences.empty()) out += "<p class=\"muted\">The claim asserts no dependence.</p>\n";
  else {
    out += "<ul>\n";
    for (const auto& d : ev.asserted_dependences)
      out += fmt::format("<li><code>{}</code>: {}</li>\n", e(d.key), e(d.statement));
    out += "</ul>\n";
  }
  if (ev.corrections.empty()) return out + "<p class=\"muted\">No correction was stated.</p>\n";
  out += "<div class=\"scroll\"><table>\n<tr><th>Correction</th><th>Outcome</th>";
  for (const auto& d : ev.asserted_dependences) out += fmt::format("<th>effect on <code>{}</code></th>", e(d.key));
  out += "</tr>\n";
  for (const auto& c : ev.corrections) {
    out += fmt::format("<tr><td><code>{}</code></td><td>{}</td>", e(c.formula),
                       c.rejected ? "<span class=\"rejected\">rejected</span>"
                                  : "<span class=\"kept\">survives every measurement</span>");
    for (const auto& d : ev.asserted_dependences) {
      const auto it = std::find_if(c.effects.begin(), c.effects.end(),
                                   [&](const verify::DependenceEffect& x) { return x.key == d.key; });
      const std::string change = it == c.effects.end() ? "not stated" : verify::to_string(it->change);
      out += fmt::format("<td class=\"effect-{0}\">{0}</td>", e(change));
    }
    out += "</tr>\n";
  }
  return out + "</table></div>\n";
}

std::string data_table(const verify::Series& s) {
  const bool bars = !s.y_low.empty();
  std::string out = fmt::format("<p>{} ({} points, {})</p>\n<div class=\"scroll\"><table>\n<tr><th>x</th><th>y</th>{}</tr>\n",
                                e(s.label.empty() ? "(unlabelled series)" : s.label), s.x.size(),
                                e(verify::to_string(s.style)), bars ? "<th>y low</th><th>y high</th>" : "");
  const std::size_t rows = std::min({s.x.size(), s.y.size(), kMaxDataRows});
  for (std::size_t i = 0; i < rows; ++i) {
    out += fmt::format("<tr><td>{}</td><td>{}</td>", e(format_number(s.x[i])), e(format_number(s.y[i])));
    if (bars && i < s.y_low.size() && i < s.y_high.size())
      out += fmt::format("<td>{}</td><td>{}</td>", e(format_number(s.y_low[i])), e(format_number(s.y_high[i])));
    out += "</tr>\n";
  }
  out += "</table></div>\n";
  if (rows < s.x.size())
    out += fmt::format("<p class=\"muted\">First {} of {} points; evidence.json has them all.</p>\n", rows, s.x.size());
  return out;
}

// The figures after the main one (shown above the fold), then the data of every figure.
std::string figures(const verify::Evidence& ev) {
  if (ev.figures.empty()) return "";
  std::string out;
  if (ev.figures.size() > 1) {
    out += "<h3>Other figures</h3>\n";
    for (std::size_t i = 1; i < ev.figures.size(); ++i) out += html_figure(ev, ev.figures[i], false);
  }
  out += "<h3>Data of the figures</h3>\n";
  for (const auto& f : ev.figures) {
    out += fmt::format("<details><summary>{}</summary>\n", e(f.title.empty() ? f.name : f.title));
    for (const auto& s : f.series) out += data_table(s);
    out += "</details>\n";
  }
  return out;
}

std::string reproduction(const verify::Evidence& ev) {
  const ProvenanceSummary p = summarize_provenance(ev.provenance);
  std::string out = "<h3>Reproduce</h3>\n<table class=\"kv\">\n";
  out += fmt::format("<tr><th>Command</th><td><pre><code>{}</code></pre></td></tr>\n", e(ev.command));
  out += fmt::format("<tr><th>Seed</th><td>{}</td></tr>\n<tr><th>Profile</th><td>{}</td></tr>\n", ev.seed,
                     e(verify::to_string(ev.profile)));
  out += fmt::format("<tr><th>Parameters</th><td><pre>{}</pre></td></tr>\n",
                     e(ev.parameters.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)));
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

std::string render_html_details(const verify::Evidence& ev) {
  std::string out = fmt::format("<h3>Claim ({})</h3>\n<p class=\"claim-text\">{}</p>\n", e(ev.claim_reference),
                                e(ev.claim));
  out += verdict_block(ev);
  out += predictions(ev);
  out += measurements(ev);
  out += "<h3>Comparisons</h3>\n" + comparison_table(ev, ev.comparisons);
  out += negative_control(ev);
  out += dependences(ev);
  out += fmt::format("<h3>Decision rule</h3>\n<p>{}</p>\n", e(ev.decision_rule));
  out += figures(ev);
  out += reproduction(ev);
  return out;
}

}  // namespace ldv::report
