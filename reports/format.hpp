#pragma once
// Plain-text formatting shared by every renderer (HTML, Markdown, LaTeX), so a
// number, an interval or a file name reads the same in all of them.
#include <string>
#include <vector>

#include "ldv/verify/evidence.hpp"

namespace ldv::report {

// Formats numbers with the fewest significant digits (at least 4, at most 12)
// that keep distinct values distinct, so "2.000 outside [1.9998, 1.9999]" never
// collapses into "2 outside [2, 2]". Non-finite values print as "NaN", "+inf", "-inf".
std::vector<std::string> format_distinct(const std::vector<double>& values);
std::string format_number(double value);

// "[low, high]" with the digits of format_distinct over {low, high}.
std::string format_interval(double low, double high);

// 0.998 -> "99.8%".
std::string format_level(double confidence);

// "1.496 [1.431, 1.562] at 99.8%".
std::string format_measurement(const verify::Measurement& measurement);

// "=", "≥" or "≤".
std::string relation_symbol(verify::Relation relation);

// "escape.theorem1.anisotropic" -> "escape_theorem1_anisotropic". InvalidInput
// unless the ID is [a-z0-9_]+ separated by dots: it becomes a file name.
std::string id_stem(const std::string& id);

// File stem of a figure: "<id with dots as _>__<figure name>". InvalidInput
// unless the name is [a-z0-9_]+.
std::string figure_stem(const std::string& id, const verify::Figure& figure);

// Whitespace runs (including newlines) collapsed to one space: for one-line cells.
std::string one_line(const std::string& text);

}  // namespace ldv::report
