#include "reports/html.hpp"

#include <fmt/format.h>

#include <map>

#include "reports/format.hpp"

namespace ldv::report {
namespace {

// Colours per verdict (DESIGN.md): green, teal, red, amber; text stays dark enough to read.
constexpr std::string_view kStyle = R"css(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1100px;
       padding: 1.5em; color: #1f2328; line-height: 1.45; }
h1 { margin-bottom: 0.2em; } h2 { border-top: 2px solid #d0d7de; padding-top: 0.8em; margin-top: 2em; }
h3 { margin-bottom: 0.3em; font-size: 1.05em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; } th, td { border: 1px solid #d0d7de; padding: 0.3em 0.6em;
       text-align: left; vertical-align: top; } th { background: #f6f8fa; }
table.kv th { width: 12em; } table.verdicts { width: 100%; font-size: 0.93em; }
table.verdicts td.nc, table.verdicts td.v { white-space: nowrap; } .scroll { overflow-x: auto; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 0.92em; }
pre { background: #f6f8fa; padding: 0.6em; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
.verdict { display: inline-block; padding: 0.1em 0.5em; border-radius: 0.3em; font-weight: 600; color: #fff; }
.verdict.confirmed { background: #1a7f37; } .verdict.corrected { background: #0e7490; }
.verdict.refuted { background: #cf222e; } .verdict.inconclusive { background: #b45309; }
tr.confirmed td.v { background: #dafbe1; } tr.corrected td.v { background: #cff4fc; }
tr.refuted td.v { background: #ffebe9; } tr.inconclusive td.v { background: #fff1d6; }
.rejected { color: #cf222e; font-weight: 600; } .kept { color: #1a7f37; font-weight: 600; }
.control-ok { color: #1a7f37; font-weight: 600; } .control-failed { color: #cf222e; font-weight: 700; }
.warning { background: #fff1d6; border-left: 4px solid #b45309; padding: 0.4em 0.8em; }
.problems li { margin-bottom: 0.4em; } .muted { color: #57606a; }
figure.plot { margin: 1em 0; } figure.plot img { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
)css";

// Counts the figures that actually loaded, so a headless browser can tell a
// complete page from one with broken images.
constexpr std::string_view kScript = R"js(
window.addEventListener("load", function () {
  var images = document.querySelectorAll("img.figure");
  var loaded = 0;
  for (var i = 0; i < images.length; ++i)
    if (images[i].complete && images[i].naturalWidth > 0) ++loaded;
  document.body.dataset.figures = loaded + "/" + images.length;
});
)js";

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
  return out + "</table></div>\n";
}

std::string verdict_counts(const std::vector<verify::Evidence>& records) {
  std::map<std::string, int> counts;
  for (const auto& e : records) ++counts[verify::to_string(e.verdict)];
  std::string out = fmt::format("{} record{}", records.size(), records.size() == 1 ? "" : "s");
  for (const auto& [verdict, n] : counts) out += fmt::format(" · {} {}", n, verdict);
  return html_escape(out);
}

std::string problems_section(const std::vector<Problem>& problems) {
  std::string out = "<section id=\"problems\">\n<h2>Problems</h2>\n";
  if (problems.empty()) return out + "<p>None: every evidence file loaded.</p>\n</section>\n";
  out += fmt::format("<p class=\"warning\">{} evidence file{} could not be loaded and {} not part of this report:"
                     "</p>\n<ul class=\"problems\">\n",
                     problems.size(), problems.size() == 1 ? "" : "s", problems.size() == 1 ? "is" : "are");
  for (const auto& p : problems)
    out += fmt::format("<li><code class=\"path\">{}</code>: <span class=\"reason\">{}</span></li>\n",
                       html_escape(p.path.empty() ? "(unknown file)" : p.path), html_escape(p.reason));
  return out + "</ul>\n</section>\n";
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

std::string render_html(const std::vector<verify::Evidence>& records, const std::vector<Problem>& problems,
                        const ReportInfo& info) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>ldv verification report</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<h1>ldv verification report</h1>\n";
  out += fmt::format("<p class=\"muted\">Rendered {} by {} from <code>{}</code>. {}.</p>\n",
                     html_escape(info.generated_utc), html_escape(info.generator), html_escape(info.run_directory),
                     verdict_counts(records));
  out += "<p>Each verdict below follows from the section of its claim: the predictions, the measured intervals, "
         "every comparison under the stated decision rule, and the negative control (a deliberately wrong "
         "prediction that the rule must reject).</p>\n";
  out += "<h2 id=\"verdicts\">Verdicts</h2>\n" + verdict_table(records);
  out += problems_section(problems);
  for (const auto& e : records) out += render_html_section(e);
  out += "<script>";
  out += kScript;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace ldv::report
