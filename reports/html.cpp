#include "reports/html.hpp"

#include <fmt/format.h>

#include <map>

#include "ldv/verify/papers.hpp"
#include "reports/templates.hpp"

namespace ldv::report {
namespace {

std::string verdict_table(const std::vector<verify::Evidence>& records) {
  std::string out =
      "<div class=\"scroll\"><table class=\"verdicts\">\n<tr><th>ID</th><th>Paper</th><th>Claim</th><th>Title</th>"
      "<th>Verdict</th><th>Negative control</th></tr>\n";
  for (const auto& e : records) {
    const std::string cls = verdict_class(e.verdict);
    out += fmt::format(
        "<tr class=\"{}\"><td><a href=\"#check-{}\"><code>{}</code></a></td><td>{}</td><td>{}</td><td>{}</td>"
        "<td class=\"v\"><span class=\"verdict {}\">{}</span></td><td class=\"nc\">{}</td></tr>\n",
        cls, html_escape(e.id), html_escape(e.id), html_escape(e.paper), html_escape(e.claim_reference),
        html_escape(e.title), cls, html_escape(verify::to_string(e.verdict)),
        e.negative_control.rejected ? "<span class=\"control-ok\">rejected ✓</span>"
                                    : "<span class=\"control-failed\">NOT rejected ✗</span>");
  }
  return out + "</table></div>";
}

std::string verdict_counts(const std::vector<verify::Evidence>& records) {
  std::map<std::string, int> counts;
  for (const auto& e : records) ++counts[verify::to_string(e.verdict)];
  std::string out = fmt::format("{} record{}", records.size(), records.size() == 1 ? "" : "s");
  for (const auto& [verdict, n] : counts) out += fmt::format(" · {} {}", n, verdict);
  return html_escape(out);
}

std::string papers_list() {
  std::string out;
  for (const verify::Paper& p : verify::papers())
    out += fmt::format("<li><b>{}</b> (<code>{}</code>): <i>{}</i>. {}, {}. {}.</li>\n", html_escape(p.short_name),
                       html_escape(p.key), html_escape(p.title), html_escape(p.authors), html_escape(p.year),
                       html_escape(p.venue));
  return out;
}

std::string problems_section(const std::vector<verify::LoadError>& problems) {
  std::string out = "<section id=\"problems\">\n<h2>Problems</h2>\n";
  if (problems.empty()) return out + "<p>None: every evidence file loaded.</p>\n</section>";
  out += fmt::format("<p class=\"warning\">{} evidence file{} could not be loaded and {} not part of this report:"
                     "</p>\n<ul class=\"problems\">\n",
                     problems.size(), problems.size() == 1 ? "" : "s", problems.size() == 1 ? "is" : "are");
  for (const auto& p : problems)
    out += fmt::format("<li><code class=\"path\">{}</code>: <span class=\"reason\">{}</span></li>\n",
                       html_escape(p.path), html_escape(p.reason));
  return out + "</ul>\n</section>";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string verdict_class(verify::Verdict verdict) {
  switch (verdict) {
    case verify::Verdict::confirmed: return "confirmed";
    case verify::Verdict::confirmed_after_correction: return "corrected";
    case verify::Verdict::refuted: return "refuted";
    case verify::Verdict::inconclusive: return "inconclusive";
  }
  return "inconclusive";
}

std::string render_html(const std::vector<verify::Evidence>& records, const std::vector<verify::LoadError>& problems,
                        const ReportInfo& info) {
  std::string sections;
  for (const auto& e : records) sections += render_html_section(e);
  return fill("page.html", {{"style", std::string(template_text("report.css"))},
                            {"script", std::string(template_text("figure_count.js"))},
                            {"generated_utc", html_escape(info.generated_utc)},
                            {"generator", html_escape(info.generator)},
                            {"run_directory", html_escape(info.run_directory)},
                            {"counts", verdict_counts(records)},
                            {"papers", papers_list()},
                            {"verdict_table", verdict_table(records)},
                            {"problems", problems_section(problems)},
                            {"sections", sections}});
}

}  // namespace ldv::report
