#include "reports/templates.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

#include "ldv/core/error.hpp"

namespace ldv::report {
namespace {

bool is_name_character(char c) { return (c >= 'a' && c <= 'z') || c == '_'; }

// The placeholder starting at text[at] ("{{name}}"): its name and length, or nullopt.
struct Placeholder {
  std::string_view name;
  std::size_t length;
};
std::optional<Placeholder> placeholder_at(std::string_view text, std::size_t at) {
  if (text.compare(at, 2, "{{") != 0) return std::nullopt;
  std::size_t end = at + 2;
  while (end < text.size() && is_name_character(text[end])) ++end;
  if (end == at + 2 || text.compare(end, 2, "}}") != 0) return std::nullopt;
  return Placeholder{text.substr(at + 2, end - at - 2), end + 2 - at};
}

}  // namespace

std::string_view template_text(std::string_view name) {
  std::string known;
  for (const Template& t : embedded_templates()) {
    if (t.name == name) return t.text;
    known += fmt::format("{}{}", known.empty() ? "" : ", ", t.name);
  }
  throw_invalid(fmt::format("no report template named \"{}\"; the templates are: {}", name, known));
}

std::vector<std::string> placeholders(std::string_view text) {
  std::vector<std::string> names;
  for (std::size_t at = 0; at < text.size(); ++at)
    if (const auto p = placeholder_at(text, at)) {
      if (std::find(names.begin(), names.end(), p->name) == names.end()) names.emplace_back(p->name);
      at += p->length - 1;
    }
  return names;
}

std::string fill(std::string_view name, const TemplateValues& values) {
  return fill_text(template_text(name), values, name);
}

std::string fill_text(std::string_view text, const TemplateValues& values, std::string_view name) {
  std::set<std::string_view> used;
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const auto p = placeholder_at(text, at);
    if (!p) {
      out += text[at++];
      continue;
    }
    const auto value = values.find(p->name);
    if (value == values.end())
      throw_invalid(fmt::format("template {}: placeholder {{{{{}}}}} has no value", name, p->name));
    out += value->second;
    used.insert(p->name);
    at += p->length;
  }
  for (const auto& [key, value] : values)
    if (!used.count(key))
      throw_invalid(fmt::format("template {} has no placeholder {{{{{}}}}}, yet a value was given for it", name, key));
  return out;
}

}  // namespace ldv::report
