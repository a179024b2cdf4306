#pragma once
// Figures of an Evidence record are stored as data (verify::Figure); this draws
// them with gnuplot (through gnuplot-iostream) as PNG (pngcairo) and SVG.
#include <string>

#include "ldv/verify/evidence.hpp"

namespace ldv::report {

// InvalidInput with an installation hint unless an executable `gnuplot` is on PATH.
void require_gnuplot();

// gnuplot single-quoted string literal of plain text: quotes doubled, newlines and
// control characters made spaces. Used with `noenhanced` terminals, so ^ _ @ { }
// print as themselves.
std::string gnuplot_quote(const std::string& text);

// InvalidInput naming the figure and series unless every series has as many x as
// y values and error bars for none or every point.
void validate_figure(const verify::Figure& figure);

// Writes <directory>/<stem>.png and <directory>/<stem>.svg. Validates the figure
// (series sizes, style) first; InvalidInput naming the figure and series, or the
// gnuplot exit status and its stderr when gnuplot fails.
void render_figure(const verify::Figure& figure, const std::string& directory, const std::string& stem);

}  // namespace ldv::report
