#include "reports/format.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "ldv/core/error.hpp"

namespace ldv::report {
namespace {

std::string format_with_precision(double value, int digits) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+inf" : "-inf";
  return fmt::format("{:.{}g}", value, digits);
}

bool is_name_character(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

}  // namespace

std::vector<std::string> format_distinct(const std::vector<double>& values) {
  constexpr int kMinDigits = 4, kMaxDigits = 12;
  std::set<double> distinct;
  for (double v : values)
    if (std::isfinite(v)) distinct.insert(v);
  int digits = kMinDigits;
  for (; digits < kMaxDigits; ++digits) {
    std::set<std::string> texts;
    for (double v : distinct) texts.insert(format_with_precision(v, digits));
    if (texts.size() == distinct.size()) break;
  }
  std::vector<std::string> out;
  out.reserve(values.size());
  for (double v : values) out.push_back(format_with_precision(v, digits));
  return out;
}

std::string format_number(double value) { return format_distinct({value})[0]; }

std::string format_interval(double low, double high) {
  const auto texts = format_distinct({low, high});
  return "[" + texts[0] + ", " + texts[1] + "]";
}

std::string format_level(double confidence) { return fmt::format("{:.6g}%", 100.0 * confidence); }

std::string format_measurement(const verify::Measurement& m) {
  const auto t = format_distinct({m.value, m.ci_low, m.ci_high});
  return fmt::format("{} [{}, {}] at {}", t[0], t[1], t[2], format_level(m.confidence));
}

std::string relation_symbol(verify::Relation relation) {
  switch (relation) {
    case verify::Relation::equals: return "=";
    case verify::Relation::at_least: return "≥";
    case verify::Relation::at_most: return "≤";
  }
  return "=";
}

std::string id_stem(const std::string& id) {
  // Each dot-separated part must be a non-empty [a-z0-9_]+ name, so the stem can
  // never climb out of the report directory or collide through odd characters.
  bool part_empty = true;
  std::string stem;
  for (char c : id) {
    if (c == '.') {
      if (part_empty) break;
      part_empty = true;
      stem += '_';
    } else if (is_name_character(c)) {
      part_empty = false;
      stem += c;
    } else {
      part_empty = true;  // forces the error below
      break;
    }
  }
  if (id.empty() || part_empty || stem.size() != id.size())
    throw_invalid(fmt::format("evidence id \"{}\" is not a report file name: expected [a-z0-9_]+ parts separated "
                              "by dots, e.g. escape.theorem1.anisotropic",
                              id));
  return stem;
}

std::string figure_stem(const std::string& id, const verify::Figure& figure) {
  bool valid = !figure.name.empty();
  for (char c : figure.name) valid = valid && is_name_character(c);
  if (!valid)
    throw_invalid(fmt::format("figure name \"{}\" of evidence \"{}\" is not a file stem: expected [a-z0-9_]+",
                              figure.name, id));
  return id_stem(id) + "__" + figure.name;
}

std::string one_line(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace ldv::report
