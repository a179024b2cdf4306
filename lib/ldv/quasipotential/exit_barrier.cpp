#include "ldv/quasipotential/exit_barrier.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <numbers>
#include <optional>

#include "ldv/core/enum_names.hpp"
#include "ldv/core/error.hpp"
#include "ldv/quasipotential/lyapunov.hpp"
#include "ldv/quasipotential/path_quasipotential.hpp"

namespace ldv::quasipotential {
namespace {

constexpr EnumNames<BarrierMethod, 3> kBarrierMethodNames{{{"auto", BarrierMethod::automatic},
                                                          {"exact", BarrierMethod::exact},
                                                          {"gmam", BarrierMethod::gmam}}};

constexpr double kPi = std::numbers::pi;
// 1/φ, φ the golden ratio: the golden-section interior points sit at this fraction.
const double kInverseGolden = (std::sqrt(5.0) - 1.0) / 2.0;
// Armijo's sufficient-decrease fraction.
constexpr double kArmijo = 1e-4;
// A predicted decrease below this many times V's evaluation accuracy (the gMAM
// tolerance, relative) cannot be told from noise.
constexpr double kResolvableNoise = 10.0;

// The rotation in the plane of the unit vectors u, v that takes u to v, applied to
// (path − center) and shifted back: a warm start for the path to a nearby point of the
// sphere. None when v = −u (the plane is not defined).
std::optional<Matrix> rotated_path(const Matrix& path, const Vector& center, const Vector& u, const Vector& v) {
  const double cosine = std::clamp(u.dot(v), -1.0, 1.0);
  Vector w = v - cosine * u;
  const double sine = w.norm();
  if (sine < 1e-12) {
    if (cosine > 0.0) return path;
    return std::nullopt;
  }
  w /= sine;
  Matrix out = path;
  for (Eigen::Index i = 0; i < path.cols(); ++i) {
    const Vector y = path.col(i) - center;
    const double a = u.dot(y), b = w.dot(y);
    out.col(i) = center + y + ((cosine - 1.0) * a - sine * b) * u + (sine * a + (cosine - 1.0) * b) * w;
  }
  return out;
}

// V at points of the sphere, each path warm-started from the nearest one already computed.
class SphereEvaluator {
 public:
  struct Evaluation {
    Vector direction;  // unit
    PathQuasiPotential value;
  };

  SphereEvaluator(const Model& model, const Vector& center, double radius, const paths::GmamSettings& settings,
                  ExitBarrier& out)
      : model_(model), center_(center), radius_(radius), settings_(settings), out_(out) {}

  const Evaluation& evaluate(const Vector& direction) {
    const Vector unit = direction.normalized();
    const Vector target = center_ + radius_ * unit;
    std::optional<Matrix> start;
    double nearest = -2.0;
    const Evaluation* from = nullptr;
    for (const Evaluation& e : done_)
      if (e.direction.dot(unit) > nearest) {
        nearest = e.direction.dot(unit);
        from = &e;
      }
    if (from != nullptr) start = rotated_path(from->value.path.path, center_, from->direction, unit);
    if (start) {
      start->col(0) = center_;
      start->col(start->cols() - 1) = target;
    }
    done_.push_back({unit, path_quasipotential(model_, center_, target, settings_, start ? &*start : nullptr)});
    const Evaluation& e = done_.back();
    out_.samples.push_back({target, e.value.value, e.value.path.converged});
    ++out_.evaluations;
    return e;
  }

  const Evaluation& best() const {
    return *std::min_element(done_.begin(), done_.end(), [](const Evaluation& a, const Evaluation& b) {
      return a.value.value < b.value.value;
    });
  }

 private:
  const Model& model_;
  Vector center_;
  double radius_;
  paths::GmamSettings settings_;
  ExitBarrier& out_;
  std::vector<Evaluation> done_;
};

struct Refinement {
  bool converged = false;
  std::string reason;
};

// How constant the scanned values are: relative spread, or "exactly" for a tie, which
// includes V = 0 everywhere (a flat region), where the relative spread would be 0/0.
std::string spread_text(double low, double high) {
  if (high == low) return fmt::format("exactly (V = {:.6g} at every point scanned)", low);
  return fmt::format("to {:.3g} relative", (high - low) / std::abs(low));
}

Vector direction_2d(double angle) { return (Vector(2) << std::cos(angle), std::sin(angle)).finished(); }

// 2-D: ring scan, then golden section in the angle (exit_barrier.hpp).
Refinement refine_circle(SphereEvaluator& evaluator, const ExitBarrierSettings& settings) {
  const int m = settings.ring_samples;
  const double spacing = 2.0 * kPi / m;
  std::vector<double> values;
  for (int k = 0; k < m; ++k) values.push_back(evaluator.evaluate(direction_2d(k * spacing)).value.value);
  const auto best = static_cast<int>(std::min_element(values.begin(), values.end()) - values.begin());
  const double v_best = values[static_cast<std::size_t>(best)];
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  if (*high - *low <= settings.tolerance * std::abs(v_best))
    return {true, fmt::format("V is constant on the circle {} over {} angles: every point is a minimiser (the scan's "
                              "lowest is returned)",
                              spread_text(*low, *high), m)};
  const double before = values[static_cast<std::size_t>((best + m - 1) % m)];
  const double after = values[static_cast<std::size_t>((best + 1) % m)];
  const double curvature = std::max((before - 2.0 * v_best + after) / (spacing * spacing),
                                    std::numeric_limits<double>::min());
  const double width_goal = 2.0 * std::sqrt(2.0 * settings.tolerance * std::abs(v_best) / curvature);

  const double center_angle = best * spacing;
  double a = center_angle - spacing, b = center_angle + spacing;
  double c = b - kInverseGolden * (b - a), d = a + kInverseGolden * (b - a);
  const auto value_at = [&](double angle) { return evaluator.evaluate(direction_2d(angle)).value.value; };
  int used = 0;
  double fc = value_at(c), fd = value_at(d);
  used += 2;
  while (b - a > width_goal) {
    if (used >= settings.max_refinements)
      return {false, fmt::format("refinement cap {} reached: golden-section bracket {:.3g} rad, goal {:.3g} rad",
                                 settings.max_refinements, b - a, width_goal)};
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - kInverseGolden * (b - a);
      fc = value_at(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + kInverseGolden * (b - a);
      fd = value_at(d);
    }
    ++used;
  }
  return {true, fmt::format("golden-section bracket {:.3g} rad <= {:.3g} rad (curvature d²V/dθ² ≈ {:.3g}) after {} "
                            "refinements",
                            b - a, width_goal, curvature, used)};
}

// Radical inverse of i in base p (the Halton sequence's coordinate).
double radical_inverse(unsigned i, unsigned p) {
  double result = 0.0, scale = 1.0 / p;
  for (; i > 0; i /= p, scale /= p) result += (i % p) * scale;
  return result;
}

std::vector<unsigned> first_primes(int count) {
  std::vector<unsigned> primes;
  for (unsigned n = 2; static_cast<int>(primes.size()) < count; ++n)
    if (std::none_of(primes.begin(), primes.end(), [n](unsigned p) { return n % p == 0; })) primes.push_back(n);
  return primes;
}

// d-D scan directions (exit_barrier.hpp), duplicates dropped.
std::vector<Vector> scan_directions(const Model& model, const Vector& center, int spread, bool linearisation) {
  const auto d = center.size();
  std::vector<Vector> directions;
  const auto add = [&](const Vector& v) {
    const Vector unit = v.normalized();
    for (const Vector& e : directions)
      if (e.dot(unit) > 1.0 - 1e-12) return;
    directions.push_back(unit);
  };
  for (Eigen::Index k = 0; k < d; ++k)
    for (const double sign : {1.0, -1.0}) add(sign * Vector::Unit(d, k));
  // The covariance Σ of the linearisation: its eigenvectors minimise the quadratic
  // approximation of V on the sphere. When −∇b(c) is not stable, fall back on the
  // eigenvectors of the symmetric part of ∇b(c).
  if (linearisation) {
    const Matrix jacobian = model.drift_jacobian(center);
    Matrix symmetric;
    try {
      symmetric = solve_lyapunov(-jacobian, model.diffusion(center));
    } catch (const InvalidInput&) {
      symmetric = 0.5 * (jacobian + jacobian.transpose());
    }
    const Eigen::SelfAdjointEigenSolver<Matrix> eigen(symmetric);
    for (Eigen::Index k = 0; k < d; ++k)
      for (const double sign : {1.0, -1.0}) add(sign * eigen.eigenvectors().col(k));
  }
  const std::vector<unsigned> primes = first_primes(static_cast<int>(d));
  const auto wanted = directions.size() + static_cast<std::size_t>(spread);
  for (unsigned i = 1; directions.size() < wanted && i < 100000u; ++i) {
    Vector v(d);
    for (Eigen::Index k = 0; k < d; ++k) v(k) = 2.0 * radical_inverse(i, primes[static_cast<std::size_t>(k)]) - 1.0;
    if (v.norm() > 0.1) add(v);
  }
  return directions;
}

// d-D: scan, then Riemannian gradient descent with the terminal momentum (exit_barrier.hpp).
Refinement refine_sphere(SphereEvaluator& evaluator, const Model& model, const Vector& center, double radius,
                         const ExitBarrierSettings& settings) {
  const auto d = static_cast<int>(center.size());
  const int spread = settings.spread_directions < 0 ? 2 * d : settings.spread_directions;
  const std::vector<Vector> directions = scan_directions(model, center, spread, settings.linearisation_directions);
  std::vector<double> values;
  for (const Vector& u : directions) values.push_back(evaluator.evaluate(u).value.value);
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  if (*high - *low <= settings.tolerance * std::abs(*low))
    return {true, fmt::format("V is constant on the sphere {} over {} directions: every point is a minimiser (the "
                              "scan's lowest is returned)",
                              spread_text(*low, *high), directions.size())};

  // Geodesic spacing of the scan, for the first trial step.
  double spacing = kPi;
  for (std::size_t i = 0; i < directions.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      spacing = std::min(spacing, std::acos(std::clamp(directions[i].dot(directions[j]), -1.0, 1.0)));
  double curvature = -1.0;  // d²V/dt² along the geodesic, unknown until the first step
  const SphereEvaluator::Evaluation& start = evaluator.best();
  Vector n = start.direction;
  double v = start.value.value;
  Vector gradient = start.value.gradient;
  int used = 0;
  while (true) {
    const Vector tangent = gradient - gradient.dot(n) * n;
    const double slope = radius * tangent.norm();  // −dV/dt at t = 0 along the descent geodesic
    if (slope == 0.0) return {true, "the terminal momentum is normal to the sphere: V is stationary"};
    if (curvature > 0.0 && slope * slope / (2.0 * curvature) <= settings.tolerance * std::abs(v))
      return {true, fmt::format("predicted remaining decrease {:.3g} <= {:.3g} × V after {} refinements",
                                slope * slope / (2.0 * curvature * std::abs(v)), settings.tolerance, used)};
    const Vector u = -tangent / tangent.norm();
    double t = curvature > 0.0 ? slope / curvature : 0.25 * spacing;
    t = std::min(t, 0.25 * kPi);
    // V is known only to the gMAM tolerance: a trial whose first-order decrease t · slope
    // is within a few times that of V cannot show a decrease, so the halving stops there.
    const double resolvable = kResolvableNoise * settings.gmam.tolerance * std::abs(v);
    bool accepted = false;
    for (; t * slope > resolvable; t *= 0.5) {
      if (used >= settings.max_refinements)
        return {false, fmt::format("refinement cap {} reached: tangential gradient {:.3g}", settings.max_refinements,
                                   slope)};
      const Vector trial = std::cos(t) * n + std::sin(t) * u;
      const SphereEvaluator::Evaluation& e = evaluator.evaluate(trial);
      ++used;
      if (e.value.value <= v - kArmijo * t * slope) {
        const double measured = 2.0 * (e.value.value - v + t * slope) / (t * t);
        if (measured > 0.0) curvature = measured;
        n = e.direction;
        v = e.value.value;
        gradient = e.value.gradient;
        accepted = true;
        break;
      }
    }
    if (!accepted)
      return {true, fmt::format("no decrease along the terminal momentum resolvable above V's accuracy (gMAM "
                                "tolerance {:.3g}): slope r|g| = {:.3g}, steps down to {:.3g} rad tried, after {} "
                                "refinements",
                                settings.gmam.tolerance, slope, 2.0 * t, used)};
  }
}

}  // namespace

BarrierMethod parse_barrier_method(std::string_view text, std::string_view what) {
  return parse_enum(kBarrierMethodNames, text, what);
}

std::string to_string(BarrierMethod method) { return enum_name(kBarrierMethodNames, method); }

void ExitBarrierSettings::validate() const {
  gmam.validate();
  if (ring_samples < 4)
    throw_invalid(fmt::format("exit-barrier ring_samples = {} must be at least 4 (a bracket needs neighbours)",
                              ring_samples));
  if (spread_directions < -1)
    throw_invalid(fmt::format("exit-barrier spread_directions = {} must be >= 0 (or −1 for the default 2d)",
                              spread_directions));
  if (!(tolerance > 0.0 && tolerance < 1.0))
    throw_invalid(fmt::format("exit-barrier tolerance = {} must lie in the open interval (0, 1)", tolerance));
  if (max_refinements < 1)
    throw_invalid(fmt::format("exit-barrier max_refinements = {} must be at least 1", max_refinements));
  if (!(equilibrium_tolerance > 0.0) || !std::isfinite(equilibrium_tolerance))
    throw_invalid(fmt::format("exit-barrier equilibrium_tolerance = {} must be positive and finite",
                              equilibrium_tolerance));
}

ExitBarrier exit_barrier(const Model& model, const Vector& center, double radius, const ExitBarrierSettings& settings) {
  settings.validate();
  require_point("centre", center, model.dimension());
  if (!(radius > 0.0) || !std::isfinite(radius))
    throw_invalid(fmt::format("radius = {} must be positive and finite", radius));
  require_equilibrium(model, center, radius, settings.equilibrium_tolerance, "centre");

  const bool exact = settings.method == BarrierMethod::exact ||
                     (settings.method == BarrierMethod::automatic && has_exact_quasipotential(model));
  ExitBarrier out;
  if (exact) {
    exact_quasipotential(model);  // throws, naming the kind, when there is no exact quasi-potential
    const LyapunovQuasiPotential q(-model.drift_jacobian(center), model.diffusion(center), center);
    out.method = "exact";
    out.barrier = q.sphere_minimum(radius);
    out.argmin = q.sphere_argmin(radius);
    out.converged = true;
    out.stop_reason = fmt::format("Lyapunov equation solved (relative residual {:.3g})", q.relative_residual());
    return out;
  }

  out.method = "gmam";
  SphereEvaluator evaluator(model, center, radius, settings.gmam, out);
  Refinement refinement;
  if (model.dimension() == 1) {
    evaluator.evaluate(Vector::Constant(1, 1.0));
    evaluator.evaluate(Vector::Constant(1, -1.0));
    refinement = {true, "1-D: the sphere is the two points c ± r, both evaluated"};
  } else if (model.dimension() == 2) {
    refinement = refine_circle(evaluator, settings);
  } else {
    refinement = refine_sphere(evaluator, model, center, radius, settings);
  }
  const SphereEvaluator::Evaluation& best = evaluator.best();
  out.barrier = best.value.value;
  out.argmin = center + radius * best.direction;
  out.path = best.value.path;
  out.converged = refinement.converged && best.value.path.converged;
  out.stop_reason = refinement.reason;
  if (!best.value.path.converged)
    out.stop_reason += "; the gMAM run at the minimiser did not converge: " + best.value.path.stop_reason;
  return out;
}

}  // namespace ldv::quasipotential
