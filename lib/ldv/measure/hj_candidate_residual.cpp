#include "ldv/measure/hj_candidate_residual.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/quasipotential/path_quasipotential.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::measure {
namespace {

constexpr double kExactSystematic = 1e-12;  // rounding of r for closed-form gradients
constexpr double kPathFloor = 1e-9;         // below the gMAM values' own noise, added to their half-width

void require_points(const Model& model, const Matrix& points, const std::string& name) {
  if (points.rows() != model.dimension() || points.cols() < 1)
    throw_invalid(fmt::format("{}: points are {} × {}, expected {} rows and at least one column", name, points.rows(),
                              points.cols(), model.dimension()));
  if (!points.allFinite()) throw_invalid(fmt::format("{}: a point has a non-finite coordinate", name));
}

double relative_residual(const Model& equation, const Vector& x, const Vector& gradient) {
  const double quadratic = 0.5 * gradient.dot(equation.diffusion(x) * gradient);
  const double transport = equation.drift(x).dot(gradient);
  const double scale = quadratic + std::abs(transport);
  return scale > 0.0 ? (quadratic + transport) / scale : 0.0;
}

double max_abs(const std::vector<double>& values) {
  double out = 0.0;
  for (double v : values) out = std::max(out, std::abs(v));
  return out;
}

// ∇V at x by central differences of gMAM values, each run warm-started from the path to x.
Vector differenced_gradient(const Model& model, const Vector& attractor, const Vector& x, double step,
                            const paths::GmamSettings& gmam, const std::string& name) {
  const auto value = [&](const Vector& y, const Matrix* warm) {
    const quasipotential::PathQuasiPotential v = quasipotential::path_quasipotential(model, attractor, y, gmam, warm);
    if (!v.path.converged)
      throw NumericalFailure(fmt::format("{}: geometric MAM to ({}, …) at {} nodes did not converge: {}", name, y(0),
                                         gmam.nodes, v.path.stop_reason));
    return v;
  };
  const quasipotential::PathQuasiPotential centre = value(x, nullptr);
  Vector gradient(x.size());
  for (Eigen::Index k = 0; k < x.size(); ++k) {
    double ends[2];
    for (int side = 0; side < 2; ++side) {
      Vector y = x;
      y(k) += side == 0 ? step : -step;
      Matrix warm = centre.path.path;
      warm.col(warm.cols() - 1) = y;  // the path to x, its end moved to y
      ends[side] = value(y, &warm).value;
    }
    gradient(k) = (ends[0] - ends[1]) / (2.0 * step);
  }
  return gradient;
}

}  // namespace

void QuasipotentialResidualSettings::validate() const {
  if (nodes < 3) throw_invalid(fmt::format("HJ residual: nodes = {} must be at least 3", nodes));
  require_positive("HJ residual: difference_step", difference_step);
  require_open_interval("HJ residual: tolerance", tolerance, 0.0, 1.0);
}

HjResidual exact_candidate_residual(const Model& equation, const action::PotentialGradient& gradient,
                                    const Matrix& points, const std::string& name) {
  require_points(equation, points, name);
  if (!gradient) throw_invalid(fmt::format("{}: no gradient function given", name));
  HjResidual out{points, {}, {}};
  for (Eigen::Index j = 0; j < points.cols(); ++j) {
    const Vector x = points.col(j), g = gradient(x);
    if (g.size() != x.size())
      throw_invalid(fmt::format("{}: the gradient has {} entries at a point of dimension {}", name, g.size(), x.size()));
    out.relative.push_back(relative_residual(equation, x, g));
  }
  out.max_relative = stats::normal_estimate(
      name, max_abs(out.relative), 0.0, kExactSystematic,
      fmt::format("max over {} points of |R|/(½∇VᵀD∇V + |b·∇V|), R = ½∇VᵀD∇V + b·∇V with the closed-form gradient "
                  "(exact to rounding, half-width {:.0e})",
                  points.cols(), kExactSystematic));
  return out;
}

HjResidual quasipotential_residual(const Model& model, const Vector& attractor, const Matrix& points,
                                   const std::string& name, const QuasipotentialResidualSettings& settings,
                                   const Model* equation) {
  settings.validate();
  require_points(model, points, name);
  const Model& eq = equation ? *equation : model;
  require_points(eq, points, name);
  HjResidual out{points, {}, {}};
  double change = 0.0;
  for (Eigen::Index j = 0; j < points.cols(); ++j) {
    const Vector x = points.col(j);
    const double h = settings.difference_step * std::max(1.0, x.norm());
    double r[2];
    for (int level = 0; level < 2; ++level) {  // (N, h), then (2N − 1, h/2)
      paths::GmamSettings gmam;
      gmam.nodes = level == 0 ? settings.nodes : 2 * settings.nodes - 1;
      gmam.tolerance = settings.tolerance;
      r[level] = relative_residual(eq, x, differenced_gradient(model, attractor, x, level == 0 ? h : h / 2, gmam, name));
    }
    out.relative.push_back(r[1]);
    change = std::max(change, std::abs(r[1] - r[0]));
  }
  out.max_relative = stats::normal_estimate(
      name, max_abs(out.relative), 0.0, change + kPathFloor,
      fmt::format("max over {} points of |R|/(½∇VᵀD∇V + |b·∇V|), V by geometric MAM from the attractor, ∇V by "
                  "central differences; at {} nodes with step {:.1e}·max(1, |x|) and at {} nodes with half the step; "
                  "half-width the largest change between the two ({:.2g}) + {:.0e}",
                  points.cols(), 2 * settings.nodes - 1, settings.difference_step / 2, settings.nodes, change,
                  kPathFloor));
  return out;
}

}  // namespace ldv::measure
