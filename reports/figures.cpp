#include "reports/figures.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <gnuplot-iostream.h>
#include <sstream>

#include "ldv/core/error.hpp"

namespace ldv::report {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSize = "900,600";

// popen runs the command through /bin/sh: paths go in single quotes.
std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A gnuplot that dies early would otherwise kill this process with SIGPIPE on the
// next write; ignoring it turns that into a failed write and a reported exit status.
class ScopedIgnoreSigpipe {
 public:
  ScopedIgnoreSigpipe() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &previous_);
  }
  ~ScopedIgnoreSigpipe() { sigaction(SIGPIPE, &previous_, nullptr); }
  ScopedIgnoreSigpipe(const ScopedIgnoreSigpipe&) = delete;
  ScopedIgnoreSigpipe& operator=(const ScopedIgnoreSigpipe&) = delete;

 private:
  struct sigaction previous_ {};
};

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

bool has_error_bars(const verify::Series& s) { return !s.y_low.empty(); }

void validate_series(const verify::Figure& figure) {
  for (const auto& s : figure.series) {
    const auto where = [&] { return fmt::format("series \"{}\" of figure \"{}\"", s.label, figure.name); };
    if (s.x.size() != s.y.size())
      throw_invalid(fmt::format("{} has {} x values and {} y values; expected as many of each", where(), s.x.size(),
                                s.y.size()));
    if (s.y_low.size() != s.y_high.size() || (!s.y_low.empty() && s.y_low.size() != s.y.size()))
      throw_invalid(fmt::format("{} has {} y_low and {} y_high values for {} points; expected none or one of each "
                                "per point",
                                where(), s.y_low.size(), s.y_high.size(), s.y.size()));
  }
}

// A value gnuplot can place on the axis; anything else is written as NaN, which
// gnuplot skips (rather than stretching the axis to inf or warning about log(0)).
bool plottable(double v, bool log_axis) { return std::isfinite(v) && (!log_axis || v > 0); }

std::size_t plottable_points(const verify::Series& s, const verify::Figure& f) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.x.size(); ++i) n += plottable(s.x[i], f.log_x) && plottable(s.y[i], f.log_y);
  return n;
}

// Colour-blind-safe colours (Okabe-Ito) and a distinct point shape per series,
// so a series can be told apart in print and in grey scale.
constexpr const char* kPalette =
    "set linetype 1 linecolor rgb '#0072B2'\nset linetype 2 linecolor rgb '#D55E00'\n"
    "set linetype 3 linecolor rgb '#009E73'\nset linetype 4 linecolor rgb '#CC79A7'\n"
    "set linetype 5 linecolor rgb '#E69F00'\nset linetype 6 linecolor rgb '#56B4E9'\n"
    "set linetype 7 linecolor rgb '#000000'\nset linetype 8 linecolor rgb '#999999'\nset linetype cycle 8\n";

std::string plot_style(const verify::Series& s, std::size_t index) {
  static constexpr int kPointTypes[] = {7, 5, 9, 11, 13, 15};
  const int point = kPointTypes[index % std::size(kPointTypes)];
  const std::string lt = fmt::format("linetype {}", index + 1);
  if (has_error_bars(s))
    return fmt::format("{} {} pointtype {} pointsize 0.8", s.style == verify::SeriesStyle::lines ? "yerrorlines" : "yerrorbars", lt,
                       point);
  if (s.style == verify::SeriesStyle::lines) return fmt::format("lines {} linewidth 2", lt);
  return fmt::format("points {} pointtype {} pointsize 1", lt, point);
}

// Where an error bar end that cannot be drawn (an infinite upper limit, a lower
// limit <= 0 on a log axis, NaN) is placed instead: just beyond all the drawable
// values of the figure, so the bar visibly runs off the data rather than the whole
// point vanishing (gnuplot drops a point with any undefined column). The page's data
// table shows the true value.
struct BarLimits {
  double floor, ceiling;
};

BarLimits bar_limits(const verify::Figure& f) {
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (const auto& s : f.series)
    for (const auto* values : {&s.y, &s.y_low, &s.y_high})
      for (double v : *values)
        if (plottable(v, f.log_y)) {
          low = std::min(low, v);
          high = std::max(high, v);
        }
  if (!(low <= high)) return {f.log_y ? 0.5 : -1.0, f.log_y ? 2.0 : 1.0};
  if (f.log_y) return {low / 2, high * 2};
  const double margin = 0.1 * (high > low ? high - low : std::max(std::abs(high), 1.0));
  return {low - margin, high + margin};
}

void send_datablock(gnuplotio::Gnuplot& gp, std::size_t index, const verify::Series& s, const verify::Figure& f,
                    const BarLimits& limits) {
  const auto value = [&gp](double v, bool ok) -> gnuplotio::Gnuplot& {
    if (ok) gp << v;
    else gp << "NaN";
    return gp;
  };
  gp << "$s" << index << " << EOD\n";
  for (std::size_t i = 0; i < s.x.size(); ++i) {
    value(s.x[i], plottable(s.x[i], f.log_x)) << ' ';
    value(s.y[i], plottable(s.y[i], f.log_y));
    if (has_error_bars(s)) {
      const double low = s.y_low[i], high = s.y_high[i];
      gp << ' ' << (plottable(low, f.log_y) ? low : limits.floor) << ' '
         << (plottable(high, f.log_y) ? high : limits.ceiling);
    }
    gp << '\n';
  }
  gp << "EOD\n";
}

// The plot command over the series that have at least one plottable point, or an
// empty frame saying so (gnuplot refuses to plot nothing).
std::string plot_command(const verify::Figure& f) {
  std::string plots;
  for (std::size_t i = 0; i < f.series.size(); ++i) {
    const auto& s = f.series[i];
    if (plottable_points(s, f) == 0) continue;
    plots += plots.empty() ? "plot " : ", ";
    plots += fmt::format("$s{} using {} with {} {}", i, has_error_bars(s) ? "1:2:3:4" : "1:2", plot_style(s, i),
                         s.label.empty() ? std::string("notitle") : "title " + gnuplot_quote(s.label));
  }
  if (!plots.empty()) return plots + "\n";
  return "unset logscale\nset xrange [0:1]\nset yrange [0:1]\n"
         "set label 1 'no plottable data' at graph 0.5, graph 0.5 center\nplot NaN notitle\n";
}

}  // namespace

void require_gnuplot() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / "gnuplot";
    if (::access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return;
  }
  throw_invalid(fmt::format("no executable `gnuplot` on PATH ({}); the report draws its figures with gnuplot: "
                            "install it (Debian: apt-get install gnuplot-nox)",
                            path ? path : "PATH unset"));
}

void validate_figure(const verify::Figure& figure) { validate_series(figure); }

std::string gnuplot_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "''";
    else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) out += ' ';
    else out += c;
  }
  return out + "'";
}

void render_figure(const verify::Figure& figure, const std::string& directory, const std::string& stem) {
  validate_figure(figure);
  require_gnuplot();
  const fs::path base = fs::path(directory) / stem;
  const fs::path png = base.string() + ".png", svg = base.string() + ".svg";
  const fs::path err = base.string() + ".gnuplot-stderr", status = base.string() + ".gnuplot-status";
  {
    const ScopedIgnoreSigpipe no_sigpipe;
    // gnuplot-iostream swallows the pipe's exit status; the shell records it for us.
    gnuplotio::Gnuplot gp("gnuplot 2>" + shell_quote(err.string()) + "; echo $? >" + shell_quote(status.string()));
    gp << "set encoding utf8\n";
    const BarLimits limits = bar_limits(figure);
    for (std::size_t i = 0; i < figure.series.size(); ++i) send_datablock(gp, i, figure.series[i], figure, limits);
    gp << "set title " << gnuplot_quote(figure.title) << '\n'
       << "set xlabel " << gnuplot_quote(figure.x_label) << '\n'
       << "set ylabel " << gnuplot_quote(figure.y_label) << '\n'
       << kPalette << "set grid\nset key below\n"  // (with a box, gnuplot 5.4 draws it over the x label)
       // A margin inside the frame, so points on the range ends are not drawn on the axes.
       << "set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05\n";
    if (figure.log_x) gp << "set logscale x\nset format x '%g'\n";
    if (figure.log_y) gp << "set logscale y\nset format y '%g'\n";
    const std::string plot = plot_command(figure);
    gp << "set terminal pngcairo noenhanced size " << kSize << " font 'Sans,11'\n"
       << "set output " << gnuplot_quote(png.string()) << '\n'
       << plot << "set terminal svg noenhanced size " << kSize << " font 'Sans,11' background '#ffffff'\n"
       << "set output " << gnuplot_quote(svg.string()) << '\n'
       << plot << "unset output\nexit\n";
  }  // ~Gnuplot closes the pipe and waits for gnuplot
  const std::string exit_status = trimmed(read_file(status));
  const std::string messages = read_file(err);
  std::error_code ignored;
  fs::remove(err, ignored);
  fs::remove(status, ignored);
  const auto non_empty = [](const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec) && fs::file_size(p, ec) > 0;
  };
  if (exit_status != "0" || !non_empty(png) || !non_empty(svg))
    throw_invalid(fmt::format("gnuplot failed on figure \"{}\" ({}): exit status {}; gnuplot said: {}", figure.name,
                              stem, exit_status.empty() ? "unknown" : exit_status,
                              messages.empty() ? "(nothing)" : messages.substr(0, 2000)));
}

}  // namespace ldv::report
