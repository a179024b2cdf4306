#include "ldv/paths/gmam.hpp"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <deque>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <limits>
#include <string>
#include <vector>

#include "ldv/action/geometric_action.hpp"
#include "ldv/core/error.hpp"
#include "ldv/paths/arc_length.hpp"
#include "ldv/paths/path_problem.hpp"

namespace ldv::paths {
namespace {

// A rise of the action above this (relative) marks an unstable explicit step (gmam.hpp).
constexpr double kRiseTolerance = 1e-3;
// Explicit Euler on the stiffest part of R (gmam.hpp) is monotone, not oscillating, for
// Δτ · stiffness ≤ 1 (it is stable up to 2).
constexpr double kExplicitStability = 1.0;
// Δτ halved below this fraction of `step` means no stable step exists.
constexpr double kSmallestStepFraction = 1e-10;
// Each accepted step that lowers the action lets Δτ grow by this factor, up to the ceiling.
constexpr double kStepGrowth = 1.1;
// An action below this fraction of Σ|Δφ|_A|b|_A counts as zero in relative changes.
constexpr double kActionFloor = 1e-10;
// Why a run with S = 0 and Σ|Δφ|_A|b|_A = 0 stops at once (gmam.hpp, "Stop rule").
constexpr const char* kZeroActionReason =
    "geometric action 0 with zero drift along the path: a minimiser, the action being never negative";

// D and A = D⁻¹ at a point, with the partial derivatives ∂_j D for a state-dependent D.
struct LocalDiffusion {
  Matrix d, a;
  std::vector<Matrix> partial;  // empty when D is constant
};

Matrix inverse_spd(const Matrix& d, const Vector& x) {
  const Eigen::LLT<Matrix> llt(d);
  if (llt.info() != Eigen::Success)
    throw NumericalFailure(fmt::format("diffusion matrix is not positive definite at the path node ({})",
                                       fmt::join(x.data(), x.data() + x.size(), ", ")));
  return llt.solve(Matrix::Identity(d.rows(), d.cols()));
}

// The gMAM flow (gmam.hpp) on a d × (N+1) path: the coefficients λᵢ² of its stiff part
// λᵢ² φ'', treated implicitly, and the explicit rest Rᵢ.
class GmamFlow {
 public:
  explicit GmamFlow(const Model& model) : model_(model), constant_(model.constant_diffusion()) {
    if (constant_) {
      const Vector origin = Vector::Zero(model.dimension());
      constant_d_.d = model.diffusion(origin);
      constant_d_.a = inverse_spd(constant_d_.d, origin);
    }
  }

  // Fills lambda_ (all nodes), explicit_ (interior nodes) and stiffness_ for `path`.
  void evaluate(const Matrix& path);

  // max over the interior nodes of ‖D ∇bᵀ A ∇b‖_F, an upper bound of the spectral
  // radius of the explicit part's linearisation near an attractor.
  double stiffness() const { return stiffness_; }

  // One semi-implicit step of size dtau from the path last evaluated, followed by the
  // equal-arc-length reparametrisation.
  Matrix step(const Matrix& path, double dtau) const {
    const Eigen::Index n = path.cols(), last = n - 1;
    const double da = 1.0 / static_cast<double>(last);
    // Thomas algorithm for −cᵢ xᵢ₋₁ + (1 + 2cᵢ) xᵢ − cᵢ xᵢ₊₁ = φᵢ + Δτ Rᵢ, i = 1 … N−1,
    // x₀ = φ₀ and x_N = φ_N moved to the right-hand side; cᵢ = Δτ λᵢ² / Δα².
    // Diagonally dominant, so no pivoting is needed.
    Matrix rhs = path;
    std::vector<double> upper(static_cast<std::size_t>(n), 0.0);  // the eliminated super-diagonal
    for (Eigen::Index i = 1; i < last; ++i) {
      const double c = dtau * lambda_(i) * lambda_(i) / (da * da);
      Vector right = path.col(i) + dtau * explicit_.col(i);
      double diagonal = 1.0 + 2.0 * c;
      if (i == 1) right += c * path.col(0);
      else {
        diagonal += c * upper[static_cast<std::size_t>(i - 1)];
        right += c * rhs.col(i - 1);
      }
      if (i + 1 == last) right += c * path.col(last);
      upper[static_cast<std::size_t>(i)] = -c / diagonal;
      rhs.col(i) = right / diagonal;
    }
    for (Eigen::Index i = last - 2; i >= 1; --i) rhs.col(i) -= upper[static_cast<std::size_t>(i)] * rhs.col(i + 1);
    rhs.col(0) = path.col(0);
    rhs.col(last) = path.col(last);
    if (!rhs.allFinite()) return rhs;
    return reparametrize_equal_arc_length(rhs, static_cast<int>(n), true);
  }

 private:
  const LocalDiffusion& diffusion_at(const Vector& x) {
    if (constant_) return constant_d_;
    local_.d = model_.diffusion(x);
    local_.a = inverse_spd(local_.d, x);
    const Eigen::Index dim = x.size();
    local_.partial.assign(static_cast<std::size_t>(dim), Matrix());
    Vector shifted = x;
    for (Eigen::Index j = 0; j < dim; ++j) {
      // Central differences, step ∝ cbrt(machine ε) × scale (as CustomModel::drift_jacobian):
      // O(h²) truncation balanced against O(ε/h) rounding.
      const double h = 6.0e-6 * std::max(1.0, std::abs(x(j)));
      shifted(j) = x(j) + h;
      const Matrix plus = model_.diffusion(shifted);
      shifted(j) = x(j) - h;
      const Matrix minus = model_.diffusion(shifted);
      shifted(j) = x(j);
      local_.partial[static_cast<std::size_t>(j)] = (plus - minus) / (2.0 * h);
    }
    return local_;
  }

  const Model& model_;
  bool constant_;
  LocalDiffusion constant_d_, local_;
  Vector lambda_;
  Matrix explicit_;
  double stiffness_ = 0.0;
};

void GmamFlow::evaluate(const Matrix& path) {
  const Eigen::Index dim = path.rows(), n = path.cols(), last = n - 1;
  const double da = 1.0 / static_cast<double>(last);
  Matrix tangent(dim, n);
  tangent.col(0) = (-3.0 * path.col(0) + 4.0 * path.col(1) - path.col(2)) / (2.0 * da);
  tangent.col(last) = (3.0 * path.col(last) - 4.0 * path.col(last - 1) + path.col(last - 2)) / (2.0 * da);
  for (Eigen::Index i = 1; i < last; ++i) tangent.col(i) = (path.col(i + 1) - path.col(i - 1)) / (2.0 * da);

  lambda_.resize(n);
  Matrix drift(dim, n);
  std::vector<LocalDiffusion> diffusions;
  if (!constant_) diffusions.reserve(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    drift.col(i) = model_.drift(path.col(i));
    const LocalDiffusion& local = diffusion_at(path.col(i));
    if (!constant_) diffusions.push_back(local);
    const Matrix& a = local.a;
    const double speed = std::sqrt(std::max(0.0, tangent.col(i).dot(a * tangent.col(i))));
    const double drift_norm = std::sqrt(std::max(0.0, drift.col(i).dot(a * drift.col(i))));
    lambda_(i) = speed > 0.0 ? drift_norm / speed : 0.0;
  }

  explicit_ = Matrix::Zero(dim, n);
  stiffness_ = 0.0;
  for (Eigen::Index i = 1; i < last; ++i) {
    const LocalDiffusion& local = constant_ ? constant_d_ : diffusions[static_cast<std::size_t>(i)];
    const Vector t = tangent.col(i);
    const Vector b = drift.col(i);
    const double lambda = lambda_(i);
    const double lambda_prime = (lambda_(i + 1) - lambda_(i - 1)) / (2.0 * da);
    const Vector theta = local.a * (lambda * t - b);
    const Matrix jacobian = model_.drift_jacobian(path.col(i));
    Vector h_theta_x_t = jacobian * t;      // H_θx φ' = ∇b φ' + (∂_{φ'} D) θ̂
    Vector h_x = jacobian.transpose() * theta;  // H_x = ∇bᵀθ̂ + ½ (θ̂ᵀ ∂_j D θ̂)_j
    for (std::size_t j = 0; j < local.partial.size(); ++j) {
      h_theta_x_t += t(static_cast<Eigen::Index>(j)) * (local.partial[j] * theta);
      h_x(static_cast<Eigen::Index>(j)) += 0.5 * theta.dot(local.partial[j] * theta);
    }
    explicit_.col(i) = lambda * lambda_prime * t - lambda * h_theta_x_t + local.d * h_x;
    // Near an attractor R ≈ −D∇bᵀA∇b (x − x*): its linearisation's size bounds the stable step.
    stiffness_ = std::max(stiffness_, (local.d * jacobian.transpose() * local.a * jacobian).norm());
  }
}

// Σ |Δφ|_A |b|_A over the segments: the scale below which an action counts as zero.
double action_scale(const Model& model, const Matrix& path) {
  double sum = 0.0;
  for (Eigen::Index i = 0; i + 1 < path.cols(); ++i)
    sum += action::geometric_segment(model, path.col(i), path.col(i + 1)).length_times_speed;
  return sum;
}

struct Accepted {
  double action;
  Matrix path;
};

}  // namespace

void GmamSettings::validate() const {
  if (nodes < 3)
    throw_invalid(fmt::format("gMAM nodes = {} must be at least 3 (two end points and one interior node)", nodes));
  if (!(step > 0.0) || !std::isfinite(step))
    throw_invalid(fmt::format("gMAM step Δτ = {} must be positive and finite", step));
  if (!(tolerance > 0.0 && tolerance < 1.0))
    throw_invalid(fmt::format("gMAM tolerance = {} must lie in the open interval (0, 1)", tolerance));
  if (max_iterations < 1)
    throw_invalid(fmt::format("gMAM max_iterations = {} must be at least 1", max_iterations));
  if (window < 1) throw_invalid(fmt::format("gMAM window = {} must be at least 1", window));
}

Vector geometric_momentum(const Model& model, const Vector& x, const Vector& tangent) {
  const Vector b = model.drift(x);
  const Eigen::LLT<Matrix> llt(model.diffusion(x));
  if (llt.info() != Eigen::Success) throw NumericalFailure("diffusion matrix is not positive definite");
  const double speed = std::sqrt(std::max(0.0, tangent.dot(llt.solve(tangent))));
  const double drift_norm = std::sqrt(std::max(0.0, b.dot(llt.solve(b))));
  if (speed == 0.0 || drift_norm == 0.0) return Vector::Zero(x.size());
  return llt.solve((drift_norm / speed) * tangent - b);
}

MinimumActionPath geometric_minimum_action_method(const Model& model, const Vector& from, const Vector& to,
                                                  const GmamSettings& settings, const Matrix* initial_path) {
  settings.validate();
  require_path_problem(model, from, to, initial_path, 0);

  Matrix path = initial_path ? reparametrize_equal_arc_length(*initial_path, settings.nodes, false)
                             : straight_path(from, to, settings.nodes);
  path.col(0) = from;
  path.col(settings.nodes - 1) = to;

  GmamFlow flow(model);
  const double floor = kActionFloor * action_scale(model, path);
  const double root_tolerance = std::sqrt(settings.tolerance);
  const auto window = static_cast<std::size_t>(settings.window);

  MinimumActionPath result;
  result.method = "gmam";
  result.relative_change = std::numeric_limits<double>::infinity();
  std::deque<Accepted> history{{action::geometric_action(model, path), path}};
  const double start_action = history.back().action;
  if (!std::isfinite(start_action)) {
    result.stop_reason =
        "the geometric action of the initial path is not finite: the drift or the diffusion is not finite on it";
    result.path = path;
    result.action = start_action;
    return result;
  }
  // Zero action with zero scale (the drift vanishes at every segment midpoint): the
  // stop rule's S_ref would be 0 and its relative change 0/0. Ŝ ≥ 0 for every path,
  // so this one is already a minimiser (gmam.hpp, "Stop rule").
  if (start_action == 0.0 && floor == 0.0) {
    result.converged = true;
    result.relative_change = 0.0;
    result.stop_reason = kZeroActionReason;
    result.path = path;
    result.action = 0.0;
    return result;
  }
  flow.evaluate(path);
  double ceiling = settings.step;  // the largest Δτ not yet seen to be unstable
  double dtau = settings.step;
  double movement = std::numeric_limits<double>::infinity();
  int iterations = 0;
  while (iterations < settings.max_iterations) {
    ++iterations;
    const Accepted& current = history.back();
    const double used = std::min(dtau, kExplicitStability / flow.stiffness());
    Matrix trial = flow.step(current.path, used);
    const double action = trial.allFinite() ? action::geometric_action(model, trial)
                                            : std::numeric_limits<double>::quiet_NaN();
    const double scale = std::max(std::abs(current.action), floor);
    if (!std::isfinite(action) || action > current.action + kRiseTolerance * scale) {
      ceiling = 0.5 * used;
      dtau = ceiling;
      if (dtau < kSmallestStepFraction * settings.step) {
        result.stop_reason = fmt::format(
            "pseudo-time step collapsed to {:.3g} after repeated action rises (from step {:.3g})", dtau, settings.step);
        break;
      }
      continue;
    }
    if (action <= current.action) dtau = std::min(ceiling, dtau * kStepGrowth);
    history.push_back({action, std::move(trial)});
    if (history.size() > 2 * window + 1) history.pop_front();
    flow.evaluate(history.back().path);
    if (history.size() <= window) continue;

    // The stop rule of gmam.hpp over the last window of accepted steps and the last step.
    const Accepted& now = history.back();
    const Accepted& before = history[history.size() - 1 - window];
    const Accepted& previous = history[history.size() - 2];
    const double change = std::max(std::abs(now.action - before.action), std::abs(now.action - previous.action));
    double estimate = change;
    if (history.size() == 2 * window + 1) {
      const double earlier = std::abs(before.action - history.front().action);
      const double ratio = earlier > 0.0 ? change / earlier : 0.0;
      if (ratio < 1.0) estimate = std::max(change, change * ratio / (1.0 - ratio));
    }
    const double reference = std::max(std::abs(now.action), floor);
    if (reference == 0.0) {  // the action reached exactly 0 with no scale: a minimiser, as above
      result.converged = true;
      result.relative_change = 0.0;
      result.stop_reason = kZeroActionReason;
      break;
    }
    result.relative_change = estimate / reference;
    const Vector arc = cumulative_arc_length(now.path);
    movement = std::max((now.path - before.path).colwise().norm().maxCoeff(),
                        (now.path - previous.path).colwise().norm().maxCoeff()) /
               arc(arc.size() - 1);
    // Accepted actions are finite and S_ref > 0, so this cannot happen; if it ever does,
    // the run ends unconverged rather than compare a NaN with the tolerance forever.
    if (!std::isfinite(result.relative_change) || !std::isfinite(movement)) {
      result.stop_reason = "the stop rule's relative action change or path movement is not finite";
      break;
    }
    if (result.relative_change <= settings.tolerance && movement <= root_tolerance) {
      result.converged = true;
      result.stop_reason = fmt::format(
          "relative action change {:.3g} <= {:.3g} and path movement {:.3g} <= {:.3g} over {} steps",
          result.relative_change, settings.tolerance, movement, root_tolerance, settings.window);
      break;
    }
  }
  if (!result.converged && result.stop_reason.empty())
    result.stop_reason = fmt::format(
        "iteration cap {} reached (relative action change {:.3g}, tolerance {:.3g}; path movement {:.3g}, "
        "allowed {:.3g})",
        settings.max_iterations, result.relative_change, settings.tolerance, movement, root_tolerance);
  result.iterations = iterations;
  result.path = history.back().path;
  result.action = history.back().action;
  return result;
}

}  // namespace ldv::paths
