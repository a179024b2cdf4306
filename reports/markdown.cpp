#include "reports/markdown.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "reports/consistency.hpp"
#include "reports/format.hpp"
#include "ldv/verify/papers.hpp"

namespace ldv::report {
namespace {

std::string md(const std::string& text) { return markdown_escape(text); }

std::string prediction_text(const verify::Prediction& p) {
  std::string out = md(p.statement);
  if (!p.formula.empty()) out += " (" + markdown_code(p.formula) + ")";
  if (p.value) out += ", value " + format_number(*p.value);
  return out;
}

std::string paragraph(const verify::Evidence& ev) {
  std::string out = fmt::format("### {} — {}\n\n", markdown_code(ev.id), md(ev.title));
  out += fmt::format("**{}.** {} Claim ({}, *{}*, {}): {} Paper's prediction: {}.", verify::to_string(ev.verdict),
                     md(ev.verdict_reason), md(ev.paper), md(verify::find_paper(ev.paper).title), md(ev.claim_reference), md(ev.claim),
                     prediction_text(ev.paper_prediction));
  if (ev.first_principles) out += " First-principles prediction: " + prediction_text(*ev.first_principles) + ".";
  for (const auto& m : ev.measurements)
    out += fmt::format(" Measured {}: {} ({}).", md(m.name), format_measurement(m), md(m.method));
  for (const auto& c : ev.comparisons)
    out += fmt::format(" {} {} against {}{}.", md(c.prediction), c.rejected ? "**rejected**" : "not rejected",
                       md(c.measurement), c.detail.empty() ? "" : " (" + md(c.detail) + ")");
  out += fmt::format(" Negative control ({}): {}.", md(ev.negative_control.description),
                     ev.negative_control.rejected ? "rejected ✓" : "**NOT rejected ✗**");
  out += " Decision rule: " + md(ev.decision_rule);
  if (ev.correction) out += " Correction: " + markdown_code(*ev.correction) + ".";
  if (ev.budget_to_decide) out += " Budget that would decide: " + md(*ev.budget_to_decide);
  for (const auto& w : consistency_warnings(ev)) out += " **Inconsistent record:** " + md(w) + ".";
  out += fmt::format(" Reproduce (seed {}, profile {}, {} s): {}", ev.seed, md(verify::to_string(ev.profile)),
                     format_number(ev.elapsed_s), markdown_code(ev.command));
  return out + "\n\n";
}

}  // namespace

std::string markdown_escape(const std::string& text) {
  // CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones
  // that start emphasis, links, code, HTML, tables, headings or entities.
  constexpr std::string_view kSpecial = "\\`*_[]<>|#&!";
  std::string out;
  for (char c : one_line(text)) {
    if (kSpecial.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string markdown_code(const std::string& text) {
  const std::string body = one_line(text);
  std::size_t longest = 0, run = 0;
  for (char c : body) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  // A space pads a body that starts or ends with a backtick (CommonMark strips one).
  const bool pad = !body.empty() && (body.front() == '`' || body.back() == '`');
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string render_markdown(const std::vector<verify::Evidence>& records, const std::vector<Problem>& problems,
                            const ReportInfo& info) {
  std::string out = "# ldv verification summary\n\n";
  out += fmt::format("Rendered {} by {}; {} record{}, {} problem{}. The full report with figures is `index.html`.\n\n",
                     md(info.generated_utc), md(info.generator), records.size(), records.size() == 1 ? "" : "s",
                     problems.size(), problems.size() == 1 ? "" : "s");
  out += "| ID | Paper | Claim | Title | Verdict | Negative control |\n|---|---|---|---|---|---|\n";
  for (const auto& ev : records)
    out += fmt::format("| {} | {} | {} | {} | **{}** | {} |\n", markdown_code(ev.id), md(ev.paper),
                       md(ev.claim_reference), md(ev.title), verify::to_string(ev.verdict),
                       ev.negative_control.rejected ? "rejected ✓" : "**NOT rejected ✗**");
  out += "\n## Problems\n\n";
  if (problems.empty()) out += "None: every evidence file loaded.\n\n";
  for (const auto& p : problems)
    out += fmt::format("- {}: {}\n", markdown_code(p.path.empty() ? "(unknown file)" : p.path), md(p.reason));
  if (!problems.empty()) out += "\n";
  out += "## Checks\n\n";
  for (const auto& ev : records) out += paragraph(ev);
  return out;
}

}  // namespace ldv::report
