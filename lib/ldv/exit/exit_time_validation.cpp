// validate(ExitTimeProblem, MonteCarloSettings): the one place an exit-time run's
// input is checked (exit_time.hpp), including whether its step can give a right answer.
#include <Eigen/Eigenvalues>
#include <cmath>
#include <cstdint>
#include <fmt/format.h>
#include <limits>
#include <string>
#include <vector>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/exit/estimator.hpp"
#include "ldv/exit/exit_time.hpp"
#include "ldv/sim/step_stability.hpp"

namespace ldv {
namespace {

// Far beyond any feasible run, and well inside the 64-bit step counter.
constexpr double kMaxStepsPerPath = 1e15;

// Above this fraction of the start point's distance to the boundary the Gobet–Menozzi
// shift is warned about: the correction is the first term of an expansion in √(εh)
// relative to the domain's size, and its O(h) remainder is no longer small.
constexpr double kLargeShiftFraction = 0.1;

// |σ(x₀)ᵀn|² = nᵀD(x₀)n for the outer normal n through the start point x₀; at the
// centre every unit vector is a normal, and the worst, λ_max(D(x₀)), is taken.
double start_normal_variance(const ExitTimeProblem& p) {
  const Matrix diffusion = p.model.diffusion(p.start);
  const Vector offset = p.start - p.domain.center();
  const double rho = offset.norm();
  if (rho == 0.0) return Eigen::SelfAdjointEigenSolver<Matrix>(diffusion).eigenvalues().maxCoeff();
  const Vector n = offset / rho;
  return n.dot(diffusion * n);
}

// The Gobet–Menozzi estimator stops a path at the first X_k with r − |X_k − c| ≤
// c₀|σ(X_k)ᵀn|√(εh) (gobet_menozzi_shift.hpp). A shift that reaches the start point
// makes every path "exit" at step 0 (mean 0, zero-width interval): refused.
void check_gobet_menozzi_shift(const ExitTimeProblem& p, std::vector<std::string>& warnings) {
  const double variance = start_normal_variance(p);
  const double c0 = gobet_menozzi_constant();
  const double shift = c0 * std::sqrt(p.eps * p.step * variance);
  const double distance = p.domain.radius() - (p.start - p.domain.center()).norm();
  // The step at which the shift equals `fraction` of the distance: c₀√(εh v) = f d.
  auto step_for = [&](double fraction) {
    const double s = fraction * distance / c0;
    return s * s / (p.eps * variance);
  };
  if (!(shift < distance))
    throw_invalid(fmt::format("the Gobet–Menozzi shift c₀|σᵀn|√(εh) = {:.6g} at the start point is not smaller than "
                              "its distance {:.6g} to the boundary (eps = {}, step = {}), so every path would count as "
                              "exited at step 0; expected step h < {:.6g} (h <= {:.6g} keeps the shift within {}% "
                              "of the distance), or a larger radius",
                              shift, distance, p.eps, p.step, step_for(1.0), step_for(kLargeShiftFraction),
                              100 * kLargeShiftFraction));
  if (shift > kLargeShiftFraction * distance)
    warnings.push_back(fmt::format("the Gobet–Menozzi shift c₀|σᵀn|√(εh) = {:.6g} at the start point is {:.3g}% of its "
                                   "distance {:.6g} to the boundary (more than {}%), so the correction, first order in "
                                   "√(εh), is not small; step h <= {:.6g} keeps it within {}%",
                                   shift, 100 * shift / distance, distance, 100 * kLargeShiftFraction,
                                   step_for(kLargeShiftFraction), 100 * kLargeShiftFraction));
}

}  // namespace

std::vector<std::string> validate(const ExitTimeProblem& p, const MonteCarloSettings& s) {
  require_positive("eps", p.eps);
  require_positive("step", p.step);
  require_positive("max time", p.max_time);
  const int d = p.model.dimension();
  if (p.domain.dimension() != d)
    throw_invalid(fmt::format("the ball's centre has {} coordinates but the model has dimension {}",
                              p.domain.dimension(), d));
  require_point("start point", p.start, d);
  if (!p.domain.contains(p.start))
    throw_invalid(fmt::format("the start point lies at distance {:.6g} from the centre, not inside the ball of radius {}",
                              std::sqrt(p.domain.squared_distance_from_center(p.start.data())), p.domain.radius()));
  if (p.max_time < p.step)
    throw_invalid(fmt::format("max time = {} is shorter than one step h = {}", p.max_time, p.step));
  if (p.max_time / p.step > kMaxStepsPerPath)
    throw_invalid(fmt::format("max time / step = {:.3g} steps per path exceeds the limit of {:.0e}", p.max_time / p.step,
                              kMaxStepsPerPath));
  if (s.paths < 2)
    throw_invalid(fmt::format("paths = {} is too few: a confidence interval needs at least 2 paths", s.paths));
  if (s.paths > std::numeric_limits<std::uint32_t>::max())
    throw_invalid(fmt::format("paths = {} exceeds the 2^32 − 1 paths one seed can key", s.paths));
  if (s.threads < 0) throw_invalid(fmt::format("threads = {} must be >= 0 (0 means all cores)", s.threads));
  require_open_interval("confidence", s.confidence, 0.0, 1.0);

  std::vector<std::string> warnings;
  // Linear drifts: ρ of the constant Jacobian. Other kinds: ρ at the start point and
  // at the ball's centre (usually the attractor), the larger — a local bound.
  // The exponential step is exact for the linear part, so Euler's stability bound does not apply to it.
  if (p.scheme == StepScheme::euler)
    check_euler_step(p.model, {p.start, p.domain.center()}, p.step, "the start point and the ball's centre", warnings);
  else {
    require_exponential_euler_applies(p.model);
    if (!p.model.drift_jacobian(p.domain.center()).allFinite())
      throw_invalid("the drift Jacobian at the ball's centre is not finite: no exponential step about it");
  }
  if (p.estimator == ExitEstimator::gobet_menozzi) check_gobet_menozzi_shift(p, warnings);
  return warnings;
}

}  // namespace ldv
