#pragma once
// The report's templates: the files of reports/templates/ (page skeleton, CSS, the
// figure-counting script, a claim's section, summary.md, the LaTeX rows and the BibTeX
// skeletons), compiled into the binary at build time (cmake/EmbedTemplates.cmake) so a
// report renders without the source tree.
//
// Placeholder syntax: {{name}} with name of [a-z_]+, nothing else. fill() replaces each
// in one pass over the template (a value is never scanned for placeholders, so a record's
// text holding "{{x}}" is printed as is). Any other "{{" is text: BibTeX's "{{{title}}}"
// is "{" + title + "}", "{{ldv verification suite}}" stays as written (a space ends a name).
// Values are inserted verbatim: the caller escapes them for the template's language.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ldv::report {

struct Template {
  std::string_view name;  // its file name under reports/templates/, e.g. "page.html"
  std::string_view text;
};

// Every template, sorted by name (defined in the generated embedded_templates.cpp).
const std::vector<Template>& embedded_templates();

// The text of template `name`; InvalidInput naming it and listing the known ones.
std::string_view template_text(std::string_view name);

// The distinct placeholder names of `text`, in order of first appearance.
std::vector<std::string> placeholders(std::string_view text);

using TemplateValues = std::map<std::string, std::string, std::less<>>;

// Template `name` with every placeholder replaced by its value. InvalidInput when a
// placeholder of the template has no value, or a value names no placeholder of it (a
// renamed placeholder would otherwise silently drop its text).
std::string fill(std::string_view name, const TemplateValues& values);

// The same on any text; `what` names it in errors.
std::string fill_text(std::string_view text, const TemplateValues& values, std::string_view what);

}  // namespace ldv::report
