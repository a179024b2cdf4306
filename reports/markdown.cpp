#include "reports/markdown.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string_view>

#include "ldv/verify/papers.hpp"
#include "reports/format.hpp"
#include "reports/templates.hpp"

namespace ldv::report {
namespace {

std::string md(const std::string& text) { return markdown_escape(text); }

std::string control_text(const verify::NegativeControl& nc) {
  return nc.rejected ? "rejected ✓" : "**NOT rejected ✗**";
}

std::string verdict_rows(const std::vector<verify::Evidence>& records) {
  std::string out;
  for (const auto& ev : records)
    out += fmt::format("| {} | {} | {} | {} | **{}** | {} |\n", markdown_code(ev.id), md(ev.paper),
                       md(ev.claim_reference), md(ev.title), verify::to_string(ev.verdict),
                       control_text(ev.negative_control));
  return out;
}

std::string problems_list(const std::vector<verify::LoadError>& problems) {
  if (problems.empty()) return "None: every evidence file loaded.\n";
  std::string out;
  for (const auto& p : problems) out += fmt::format("- {}: {}\n", markdown_code(p.path), md(p.reason));
  return out;
}

std::string papers_list() {
  std::string out;
  for (const verify::Paper& p : verify::papers())
    out += fmt::format("- {} ({}): *{}*. {}, {}. {}.\n", md(p.short_name), markdown_code(p.key), md(p.title),
                       md(p.authors), md(p.year), md(p.venue));
  return out;
}

std::string counts(const std::vector<verify::Evidence>& records, std::size_t problems) {
  std::map<std::string, int> by_verdict;
  for (const auto& e : records) ++by_verdict[verify::to_string(e.verdict)];
  std::string verdicts;
  for (const auto& [verdict, n] : by_verdict) verdicts += fmt::format("{}{} {}", verdicts.empty() ? "" : ", ", n, verdict);
  return fmt::format("{} record{}{}{}; {} problem{}", records.size(), records.size() == 1 ? "" : "s",
                     verdicts.empty() ? "" : ": ", verdicts, problems, problems == 1 ? "" : "s");
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

std::string render_markdown(const std::vector<verify::Evidence>& records,
                            const std::vector<verify::LoadError>& problems, const ReportInfo& info) {
  std::string claims;
  for (const auto& ev : records) claims += markdown_claim(ev);
  return fill("summary.md", {{"generated_utc", md(info.generated_utc)},
                             {"generator", md(info.generator)},
                             {"counts", counts(records, problems.size())},
                             {"papers", papers_list()},
                             {"verdict_rows", verdict_rows(records)},
                             {"problems", problems_list(problems)},
                             {"claims", claims}});
}

}  // namespace ldv::report
