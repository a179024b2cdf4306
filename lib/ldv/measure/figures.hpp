#pragma once
// Figures of the measurements, built next to them so that every check draws them the
// same way. Each draws intervals at the level it is given: pass the Decision's own
// measurement_level() (after every comparison is registered), never a fixed 95%.
#include <string>
#include <vector>

#include "ldv/measure/exit_angle.hpp"
#include "ldv/measure/exit_time_ladder.hpp"
#include "ldv/measure/log_ratio_slope.hpp"
#include "ldv/verify/evidence.hpp"

namespace ldv::measure {

// Mean exit time against 1/ε on a log scale, one series of points (intervals at `level`)
// and one fitted line (the 3-parameter law) per ladder.
verify::Figure arrhenius_figure(const std::vector<BarrierMeasurement>& ladders, double level,
                                const std::string& x_label = "B/η = 1/ε");

// A measured quantity against a variable x, one point per case with its interval, and
// each prediction's value per case as its own series (e.g. "paper", "first principles").
struct PredictionCurve {
  std::string label;
  std::vector<double> values;  // one per case
};
struct MeasuredCase {
  double x = 0.0;
  verify::Measurement measured;  // already at the decision's level (Decision::resolve)
};
verify::Figure measured_versus_predicted_figure(const std::string& name, const std::string& title,
                                                const std::string& x_label, const std::string& y_label,
                                                const std::vector<MeasuredCase>& cases,
                                                const std::vector<PredictionCurve>& predictions);

// Δ(ε) = log E[τ]_a − log E[τ]_b against 1/ε with intervals at `level`, and each stated
// law as a line: c/ε + d for each (label, c, d).
struct LinearLaw {
  std::string label;
  double slope = 0.0, intercept = 0.0;
};
verify::Figure log_ratio_figure(const std::string& title, const LogRatioSlope& measured, double level,
                                const std::vector<LinearLaw>& laws);

// E[sin²θ_exit] against ε (log–log) with intervals at `level`, one series per case, and
// an optional prediction line per case (same order; empty values: none).
verify::Figure exit_angle_figure(const std::string& title, const std::vector<std::string>& labels,
                                 const std::vector<std::vector<ExitAngleLevel>>& cases, double level,
                                 const std::vector<PredictionCurve>& predictions);

}  // namespace ldv::measure
