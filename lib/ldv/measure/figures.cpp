#include "ldv/measure/figures.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/stats/quantiles.hpp"

namespace ldv::measure {
namespace {

std::string level_text(double level) { return fmt::format("{:.6g}%", 100.0 * level); }

double normal_half_width(double level, double std_error) {
  return stats::normal_quantile(0.5 * (1.0 + level)) * std_error;
}

}  // namespace

verify::Figure arrhenius_figure(const std::vector<BarrierMeasurement>& ladders, double level,
                                const std::string& x_label) {
  verify::Figure f{"arrhenius", "Mean exit time against " + x_label, x_label, "E[τ]", false, true, {}};
  for (const BarrierMeasurement& m : ladders) {
    verify::Series points{fmt::format("{} (intervals at {})", m.label, level_text(level)),
                          verify::SeriesStyle::errorbars, {}, {}, {}, {}};
    verify::Series line{"fit, " + m.label, verify::SeriesStyle::lines, {}, {}, {}, {}};
    for (const LadderPoint& p : m.points) {
      const stats::MeanEstimate e = p.mean_at(level);
      points.x.push_back(1.0 / p.eps);
      points.y.push_back(e.mean);
      points.y_low.push_back(e.ci_low);
      points.y_high.push_back(e.ci_high);
      line.x.push_back(1.0 / p.eps);
      line.y.push_back(std::exp(m.fit.barrier / p.eps + m.fit.log_eps_coefficient * std::log(p.eps) + m.fit.intercept));
    }
    f.series.push_back(std::move(points));
    f.series.push_back(std::move(line));
  }
  return f;
}

verify::Figure measured_versus_predicted_figure(const std::string& name, const std::string& title,
                                                const std::string& x_label, const std::string& y_label,
                                                const std::vector<MeasuredCase>& cases,
                                                const std::vector<PredictionCurve>& predictions) {
  verify::Figure f{name, title, x_label, y_label, false, false, {}};
  verify::Series measured{"measured", verify::SeriesStyle::errorbars, {}, {}, {}, {}};
  for (const MeasuredCase& c : cases) {
    measured.label = fmt::format("measured (intervals at {})", level_text(c.measured.confidence));
    measured.x.push_back(c.x);
    measured.y.push_back(c.measured.value);
    measured.y_low.push_back(c.measured.ci_low);
    measured.y_high.push_back(c.measured.ci_high);
  }
  f.series.push_back(std::move(measured));
  for (const PredictionCurve& p : predictions) {
    verify::Series s{p.label, verify::SeriesStyle::points, {}, {}, {}, {}};
    for (std::size_t i = 0; i < cases.size() && i < p.values.size(); ++i) {
      s.x.push_back(cases[i].x);
      s.y.push_back(p.values[i]);
    }
    f.series.push_back(std::move(s));
  }
  return f;
}

verify::Figure log_ratio_figure(const std::string& title, const LogRatioSlope& measured, double level,
                                const std::vector<LinearLaw>& laws) {
  verify::Figure f{"log_ratio", title, "B/η = 1/ε", "difference of log E[τ]", false, false, {}};
  verify::Series points{fmt::format("measured (intervals at {})", level_text(level)), verify::SeriesStyle::errorbars,
                        {}, {}, {}, {}};
  for (const LogRatioPoint& p : measured.points) {
    const double half = normal_half_width(level, p.std_error);
    points.x.push_back(p.inverse_eps);
    points.y.push_back(p.log_ratio);
    points.y_low.push_back(p.log_ratio - half);
    points.y_high.push_back(p.log_ratio + half);
  }
  f.series.push_back(std::move(points));
  for (const LinearLaw& law : laws) {
    verify::Series line{law.label, verify::SeriesStyle::lines, {}, {}, {}, {}};
    for (const LogRatioPoint& p : measured.points) {
      line.x.push_back(p.inverse_eps);
      line.y.push_back(law.slope * p.inverse_eps + law.intercept);
    }
    f.series.push_back(std::move(line));
  }
  return f;
}

verify::Figure exit_angle_figure(const std::string& title, const std::vector<std::string>& labels,
                                 const std::vector<std::vector<ExitAngleLevel>>& cases, double level,
                                 const std::vector<PredictionCurve>& predictions) {
  verify::Figure f{"exit_angle", title, "ε", "E[sin²θ_exit]", true, true, {}};
  for (std::size_t c = 0; c < cases.size(); ++c) {
    verify::Series points{fmt::format("{} (intervals at {})", labels.at(c), level_text(level)),
                          verify::SeriesStyle::errorbars, {}, {}, {}, {}};
    for (const ExitAngleLevel& l : cases[c]) {
      const double half = normal_half_width(level, l.std_error);
      points.x.push_back(l.eps);
      points.y.push_back(l.mean_sin2);
      points.y_low.push_back(l.mean_sin2 - half);
      points.y_high.push_back(l.mean_sin2 + half);
    }
    f.series.push_back(std::move(points));
    if (c < predictions.size() && !predictions[c].values.empty()) {
      verify::Series line{predictions[c].label, verify::SeriesStyle::lines, {}, {}, {}, {}};
      for (std::size_t i = 0; i < cases[c].size() && i < predictions[c].values.size(); ++i) {
        line.x.push_back(cases[c][i].eps);
        line.y.push_back(predictions[c].values[i]);
      }
      f.series.push_back(std::move(line));
    }
  }
  return f;
}

}  // namespace ldv::measure
