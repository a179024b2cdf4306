#include "ldv/measure/hj_residual.hpp"

#include <cmath>
#include <fmt/format.h>
#include <numbers>

#include "ldv/core/error.hpp"
#include "ldv/quasipotential/path_quasipotential.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::measure {
namespace {

constexpr double kRoundingAllowance = 1e-10;
constexpr double kGmamToleranceAllowance = 1e-8;

double rms(const Vector& v) { return v.size() ? v.norm() / std::sqrt(static_cast<double>(v.size())) : 0.0; }

ResidualProfile profile_of(const Model& model, const action::MetricField& metric,
                           const action::PotentialGradient& gradient, const Matrix& points) {
  return {points, action::metric_hamilton_jacobi_residual(model, metric, gradient, points),
          action::drift_term(model, gradient, points)};
}

double path_value(const Model& model, const Vector& x, const paths::GmamSettings& settings) {
  const auto q = quasipotential::path_quasipotential(model, Vector::Zero(x.size()), x, settings);
  if (!q.path.converged)
    throw NumericalFailure(fmt::format("geometric MAM to ({}, …) did not converge: {}", x(0), q.path.stop_reason));
  return q.value;
}

// ∇V by central differences of gMAM values.
action::PotentialGradient difference_gradient(const Model& model, int nodes, double step, double tolerance) {
  paths::GmamSettings settings;
  settings.nodes = nodes;
  settings.tolerance = tolerance;
  return [model, settings, step](const Vector& x) {
    Vector g(x.size()), shifted = x;
    for (Eigen::Index k = 0; k < x.size(); ++k) {
      shifted(k) = x(k) + step;
      const double plus = path_value(model, shifted, settings);
      shifted(k) = x(k) - step;
      const double minus = path_value(model, shifted, settings);
      shifted(k) = x(k);
      g(k) = (plus - minus) / (2.0 * step);
    }
    return g;
  };
}

}  // namespace

Matrix circle_points(double radius, int count) {
  if (!(radius > 0.0) || !std::isfinite(radius))
    throw_invalid(fmt::format("circle radius = {} must be positive and finite", radius));
  if (count < 1) throw_invalid(fmt::format("circle points: count = {} must be at least 1", count));
  Matrix points(2, count);
  for (int k = 0; k < count; ++k) {
    const double angle = (k + 0.5) * 2.0 * std::numbers::pi / count;
    points(0, k) = radius * std::cos(angle);
    points(1, k) = radius * std::sin(angle);
  }
  return points;
}

double ResidualProfile::relative() const {
  const double scale = drift_term.norm();
  if (!(scale > 0.0)) throw_invalid("HJ residual: the drift term b·∇V vanishes at every point, so ρ has no scale");
  return residual.norm() / scale;
}

void PathResidualSettings::validate() const {
  if (nodes < 3) throw_invalid(fmt::format("HJ residual: nodes = {} must be at least 3", nodes));
  if (!(difference_step > 0.0) || !std::isfinite(difference_step))
    throw_invalid(fmt::format("HJ residual: difference_step = {} must be positive and finite", difference_step));
  if (!(gmam_tolerance > 0.0 && gmam_tolerance < 1.0))
    throw_invalid(fmt::format("HJ residual: gmam_tolerance = {} must lie in (0, 1)", gmam_tolerance));
}

ResidualMeasurement closed_form_residual(std::string name, const Model& model, const action::MetricField& metric,
                                         const action::PotentialGradient& gradient, const Matrix& points,
                                         const std::string& method) {
  ResidualMeasurement out{profile_of(model, metric, gradient, points), {}};
  out.relative = stats::normal_estimate(
      std::move(name), out.profile.relative(), 0.0, kRoundingAllowance,
      fmt::format("{}; ρ = ‖R‖/‖b·∇V‖ over {} points with the exact gradient, ± {:g} for rounding", method,
                  points.cols(), kRoundingAllowance));
  return out;
}

PathGradients path_quasipotential_gradients(const Model& model, const Matrix& points,
                                            const PathResidualSettings& settings) {
  settings.validate();
  const auto coarse = difference_gradient(model, settings.nodes, settings.difference_step, settings.gmam_tolerance);
  const auto fine =
      difference_gradient(model, 2 * settings.nodes - 1, 0.5 * settings.difference_step, settings.gmam_tolerance);
  PathGradients out{points, Matrix(points.rows(), points.cols()), Matrix(points.rows(), points.cols()), settings};
  for (Eigen::Index k = 0; k < points.cols(); ++k) {
    out.coarse.col(k) = coarse(points.col(k));
    out.fine.col(k) = fine(points.col(k));
  }
  return out;
}

ResidualMeasurement path_quasipotential_residual(std::string name, const Model& model,
                                                 const action::MetricField& metric, const PathGradients& gradients) {
  // The gradients are looked up by column: the residual functions visit the points in order.
  const auto column_of = [&gradients](const Matrix& g) {
    return action::PotentialGradient([&gradients, &g](const Vector& x) {
      for (Eigen::Index k = 0; k < gradients.points.cols(); ++k)
        if (gradients.points.col(k) == x) return Vector(g.col(k));
      throw_invalid("HJ residual: a point without a computed gradient");
    });
  };
  const ResidualProfile coarse = profile_of(model, metric, column_of(gradients.coarse), gradients.points);
  const ResidualProfile fine = profile_of(model, metric, column_of(gradients.fine), gradients.points);
  const double rho = fine.relative();
  const double systematic = (fine.residual - coarse.residual).norm() / fine.drift_term.norm() +
                            std::abs(rho - coarse.relative()) + kGmamToleranceAllowance;
  const PathResidualSettings& s = gradients.settings;
  ResidualMeasurement out{fine, {}};
  out.relative = stats::normal_estimate(
      std::move(name), rho, 0.0, systematic,
      fmt::format("ρ = ‖R‖/‖b·∇V‖ over {} points, V by geometric MAM from the attractor ({} nodes), ∇V by central "
                  "differences of V (step {:g}); systematic {:.2g} from the change against {} nodes and step {:g} "
                  "(both errors second order) plus the gMAM tolerance",
                  gradients.points.cols(), 2 * s.nodes - 1, 0.5 * s.difference_step, systematic, s.nodes,
                  s.difference_step));
  return out;
}

double terminal_momentum_relative_residual(const Model& model, const action::MetricField& metric,
                                           const Matrix& points, int nodes) {
  paths::GmamSettings settings;
  settings.nodes = nodes;
  const action::PotentialGradient momentum = [&](const Vector& x) {
    return quasipotential::path_quasipotential(model, Vector::Zero(x.size()), x, settings).gradient;
  };
  return profile_of(model, metric, momentum, points).relative();
}

SolutionFamilyCheck count_classical_solutions(std::string name, const Model& model, const action::MetricField& metric,
                                              const std::vector<quasipotential::QuadraticHjSolution>& family,
                                              const Matrix& points, double radius) {
  SolutionFamilyCheck out;
  int solutions = 0;
  for (const auto& member : family) {
    const action::PotentialGradient gradient = [&member](const Vector& x) { return member.gradient(x); };
    const Vector r = action::metric_hamilton_jacobi_residual(model, metric, gradient, points);
    const Vector drift = action::drift_term(model, gradient, points);
    const double worst = r.cwiseAbs().maxCoeff();
    if (worst <= kRoundingAllowance * (1.0 + drift.cwiseAbs().maxCoeff())) ++solutions;
    out.labels.push_back(member.label);
    out.max_residual.push_back(worst);
    out.sphere_minimum.push_back(member.sphere_minimum(radius));
  }
  out.count = stats::normal_estimate(
      std::move(name), solutions, 0.0, 0.0,
      fmt::format("members of the {}-member family of quadratic forms whose residual max |R| over {} points is below "
                  "1e-10 (1 + max |b·∇V|); exact count",
                  family.size(), points.cols()));
  return out;
}

verify::Figure solution_family_figure(const std::string& title,
                                      const std::vector<quasipotential::QuadraticHjSolution>& family, double radius) {
  verify::Figure f{"solution_family", title, "angle on the circle (rad)", "V_S", false, false, {}};
  for (const auto& member : family) {
    if (member.form.rows() != 2) throw_invalid("solution family figure: the forms must be 2 × 2");
    verify::Series s{member.label, verify::SeriesStyle::lines, {}, {}, {}, {}};
    for (int k = 0; k <= 120; ++k) {
      const double angle = 2.0 * std::numbers::pi * k / 120.0;
      s.x.push_back(angle);
      s.y.push_back(member.value(radius * Vector{{std::cos(angle), std::sin(angle)}}));
    }
    f.series.push_back(std::move(s));
  }
  return f;
}

verify::Figure residual_figure(const std::string& name, const std::string& title,
                               const std::vector<std::pair<std::string, ResidualProfile>>& profiles) {
  verify::Figure f{name, title, "angle of the point (rad)", "R / rms(b·∇V)", false, false, {}};
  for (const auto& [label, p] : profiles) {
    if (p.points.rows() != 2) throw_invalid("residual figure: the points must be 2-D");
    verify::Series s{label, verify::SeriesStyle::points, {}, {}, {}, {}};
    const double scale = rms(p.drift_term);
    for (Eigen::Index k = 0; k < p.points.cols(); ++k) {
      s.x.push_back(std::atan2(p.points(1, k), p.points(0, k)));
      s.y.push_back(p.residual(k) / scale);
    }
    f.series.push_back(std::move(s));
  }
  return f;
}

}  // namespace ldv::measure
