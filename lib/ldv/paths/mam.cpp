#include "ldv/paths/mam.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <LBFGS.h>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <limits>
#include <stdexcept>
#include <string>

#include "ldv/action/time_action.hpp"
#include "ldv/core/error.hpp"
#include "ldv/paths/arc_length.hpp"

namespace ldv::paths {
namespace {

// The discrete action as a function of preconditioned variables Z (d × n, n the
// interior node count), the form LBFGS++ minimises. With Δt uniform, the kinetic
// part ½ Σ |φᵢ₊₁ − φᵢ|²_{D₀⁻¹} / Δt of S has Hessian (1/Δt) D₀⁻¹ ⊗ K over the interior
// nodes, K = tridiag(−1, 2, −1) (n × n), whose condition number grows like n²:
// plain L-BFGS then needs O(n) iterations and its function-value line search stalls
// at a gradient that grows with n. Writing the interior nodes Φ (d × n) as
//   Φ = √Δt σ₀ Z L⁻¹,  K = L Lᵀ (Cholesky, L lower bidiagonal), σ₀σ₀ᵀ = D₀,
// turns that part into ½ ‖Z‖²_F exactly (D₀ = D at the chord midpoint; exact for
// constant D), so the Hessian in Z is I plus the drift terms, whose size is set by
// T λ(∇b), not by n. Then ∂S/∂Z = √Δt σ₀ᵀ G L⁻ᵀ with G = ∂S/∂Φ. Both maps are
// bidiagonal solves, O(n d²) per evaluation.
// Every evaluated point is seen here, so the best one is kept: after a failed line
// search LBFGS++ leaves z at its last trial, which need not be the best.
class PreconditionedAction {
 public:
  PreconditionedAction(const Model& model, Matrix path, Vector times, const Matrix& sigma0)
      : model_(model), path_(std::move(path)), times_(std::move(times)), sigma0_(sigma0) {
    const Eigen::Index n = path_.cols() - 2;
    scale_ = std::sqrt(times_(1) - times_(0));
    diagonal_.resize(n);
    lower_.resize(std::max<Eigen::Index>(n - 1, 0));
    diagonal_(0) = std::sqrt(2.0);
    for (Eigen::Index i = 0; i + 1 < n; ++i) {
      lower_(i) = -1.0 / diagonal_(i);  // L(i+1, i)
      diagonal_(i + 1) = std::sqrt(2.0 - lower_(i) * lower_(i));
    }
  }

  // Z = σ₀⁻¹ Φ L / √Δt for the interior of `path`.
  Vector to_variables(const Matrix& path) const {
    const Eigen::Index d = path.rows(), n = path.cols() - 2;
    const auto phi = path.middleCols(1, n);
    Matrix phi_l(d, n);
    for (Eigen::Index j = 0; j < n; ++j) {
      phi_l.col(j) = diagonal_(j) * phi.col(j);
      if (j + 1 < n) phi_l.col(j) += lower_(j) * phi.col(j + 1);
    }
    const Matrix z = sigma0_.triangularView<Eigen::Lower>().solve(phi_l) / scale_;
    return Eigen::Map<const Vector>(z.data(), z.size());
  }

  // The full path (end points included) for variables z: Φ Lᵀ = √Δt σ₀ Z, back substitution.
  Matrix to_path(const Vector& z) const {
    Matrix path = path_;
    const Eigen::Index d = path.rows(), n = path.cols() - 2;
    const Matrix y = scale_ * sigma0_ * Eigen::Map<const Matrix>(z.data(), d, n);
    path.col(n) = y.col(n - 1) / diagonal_(n - 1);
    for (Eigen::Index i = n - 2; i >= 0; --i) path.col(i + 1) = (y.col(i) - lower_(i) * path.col(i + 2)) / diagonal_(i);
    return path;
  }

  double operator()(const Vector& z, Vector& grad) {
    ++evaluations_;
    // A trial point off to infinity is "too far" for the line search (a NaN makes
    // LBFGS++'s bracketing search shrink the step), not an input error.
    if (!z.allFinite()) {
      grad.setZero(z.size());
      return std::numeric_limits<double>::quiet_NaN();
    }
    const Matrix path = to_path(z);
    const double s = action::time_action_with_gradient(model_, path, times_, gradient_);
    // ∂S/∂Z = √Δt σ₀ᵀ G L⁻ᵀ: W Lᵀ = G row by row is a forward substitution over the nodes.
    const Eigen::Index d = path.rows(), n = path.cols() - 2;
    Matrix w(d, n);
    w.col(0) = gradient_.col(1) / diagonal_(0);
    for (Eigen::Index i = 1; i < n; ++i)
      w.col(i) = (gradient_.col(i + 1) - lower_(i - 1) * w.col(i - 1)) / diagonal_(i);
    const Matrix gz = scale_ * sigma0_.transpose() * w;
    grad = Eigen::Map<const Vector>(gz.data(), gz.size());
    if (std::isfinite(s) && s < best_action_) {
      best_action_ = s;
      best_z_ = z;
      best_gradient_norm_ = grad.norm();
    }
    return s;
  }

  double best_action() const { return best_action_; }
  const Vector& best_z() const { return best_z_; }
  double best_gradient_norm() const { return best_gradient_norm_; }
  long evaluations() const { return evaluations_; }
  void reset_evaluations() { evaluations_ = 0; }

 private:
  const Model& model_;
  Matrix path_;  // end points fixed; the interior is overwritten from z
  Vector times_;
  Matrix sigma0_;
  double scale_ = 1.0;       // √Δt
  Vector diagonal_, lower_;  // the bidiagonal Cholesky factor L of K
  Matrix gradient_;
  double best_action_ = std::numeric_limits<double>::infinity();
  Vector best_z_;
  double best_gradient_norm_ = std::numeric_limits<double>::infinity();
  long evaluations_ = 0;
};

// σ₀ with σ₀σ₀ᵀ = D₀ = D at the midpoint of the chord from → to: the metric of
// the preconditioner and of the action floor in the stop rule (mam.hpp).
Matrix chord_sigma(const Model& model, const Vector& from, const Vector& to) {
  const Eigen::LLT<Matrix> llt(model.diffusion(0.5 * (from + to)));
  if (llt.info() != Eigen::Success)
    throw NumericalFailure("diffusion matrix is not positive definite at the midpoint of the end points");
  return llt.matrixL();
}

}  // namespace

void MamSettings::validate() const {
  if (nodes < 3)
    throw_invalid(fmt::format("MAM nodes = {} must be at least 3 (two end points and one interior node)", nodes));
  if (!(duration > 0.0) || !std::isfinite(duration))
    throw_invalid(fmt::format("MAM duration T = {} must be positive and finite", duration));
  if (!(tolerance > 0.0 && tolerance < 1.0))
    throw_invalid(fmt::format("MAM tolerance = {} must lie in the open interval (0, 1)", tolerance));
  if (max_iterations < 1) throw_invalid(fmt::format("MAM max_iterations = {} must be at least 1", max_iterations));
}

MamSettings scaled_mam_settings(const Model& model, const Vector& from) {
  MamSettings settings;
  require_point("start point `from`", from, model.dimension());
  const Eigen::VectorXcd eigenvalues = Matrix(-model.drift_jacobian(from)).eigenvalues();
  const double slowest = eigenvalues.real().minCoeff();
  const double fastest = eigenvalues.cwiseAbs().maxCoeff();
  if (!(slowest > 0.0) || !std::isfinite(fastest)) return settings;  // not a stable equilibrium
  settings.duration = 10.0 / std::min(1.0, slowest);
  const double nodes = std::ceil(20.0 * fastest * settings.duration) + 1.0;
  settings.nodes = static_cast<int>(std::clamp(nodes, 200.0, 4001.0));
  return settings;
}

MinimumActionPath minimum_action_method(const Model& model, const Vector& from, const Vector& to,
                                        const MamSettings& settings, const Matrix* initial_path) {
  settings.validate();
  require_path_problem(model, from, to, initial_path, settings.nodes);

  const int segments = settings.nodes - 1;
  const Vector times = action::uniform_times(settings.duration, segments);
  Matrix start = initial_path ? *initial_path : straight_path(from, to, settings.nodes);
  start.col(0) = from;
  start.col(segments) = to;

  const Matrix sigma0 = chord_sigma(model, from, to);
  PreconditionedAction objective(model, start, times, sigma0);
  Vector z = objective.to_variables(start);

  // Stop rule of mam.hpp: ρ = ‖∂S/∂Z‖ / √(2 S_ref), S_ref = max(S, S_chord).
  const double chord_action =
      0.5 * sigma0.triangularView<Eigen::Lower>().solve(to - from).squaredNorm() / settings.duration;
  const auto reference_scale = [&](double s) { return std::sqrt(2.0 * std::max(s, chord_action)); };

  LBFGSpp::LBFGSParam<double> param;
  param.m = 10;
  param.epsilon_rel = 0.0;
  param.past = 0;
  // Strong Wolfe keeps every curvature pair positive (sᵀy > 0), which Armijo alone
  // does not; the bracketing search also treats a NaN trial as a step too long.
  param.linesearch = LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_STRONG_WOLFE;

  MinimumActionPath result;
  result.method = "mam";
  result.times = times;
  Vector g(z.size());
  double s = objective(z, g);
  double rho = g.norm() / reference_scale(s);
  int used = 0;
  std::string failure;
  // Each pass runs L-BFGS to ‖∂S/∂Z‖ ≤ tolerance √(2 S_ref) with S_ref from the
  // pass's starting action; a pass is repeated only when S fell enough that ρ,
  // measured against the new S, is still above the tolerance.
  // A line-search failure after real progress restarts L-BFGS from the best point with
  // fresh curvature memory: the nearly flat time-shift direction of MAM at large T
  // (the path can idle near the attractor at almost no cost) spoils the memory, and a
  // restart is the standard remedy (Nocedal & Wright, §7.2). Without progress it stops.
  constexpr int kMaxRestarts = 50;
  int restarts = 0;
  double pass_start_action = s;
  while (rho > settings.tolerance && used < settings.max_iterations) {
    if (!failure.empty()) {
      const bool progressed = s < pass_start_action * (1.0 - 1e-12);
      if (!progressed || restarts >= kMaxRestarts) break;
      failure.clear();
      ++restarts;
    }
    pass_start_action = s;
    param.epsilon = settings.tolerance * reference_scale(s);
    param.max_iterations = settings.max_iterations - used;
    LBFGSpp::LBFGSSolver<double, LBFGSpp::LineSearchBracketing> solver(param);
    objective.reset_evaluations();
    try {
      double fx = s;
      used += solver.minimize(objective, z, fx);
    } catch (const Error&) {
      throw;  // the model's own failure, not the line search's
    } catch (const std::runtime_error& e) {
      failure = e.what();
      used += static_cast<int>(std::min<long>(objective.evaluations(), settings.max_iterations - used));
    } catch (const std::logic_error& e) {
      failure = e.what();
      used += static_cast<int>(std::min<long>(objective.evaluations(), settings.max_iterations - used));
    }
    z = objective.best_z();
    s = objective.best_action();
    rho = objective.best_gradient_norm() / reference_scale(s);
  }

  result.path = objective.to_path(z);
  result.action = s;
  result.iterations = used;
  result.relative_change = rho;
  // An infinite S makes ρ = |g| / √(2S) vanish: never take that for convergence.
  const bool finite = std::isfinite(s) && std::isfinite(rho);
  result.converged = finite && rho <= settings.tolerance;
  if (!finite) {
    result.stop_reason =
        "the action or its gradient is not finite on the path: the drift or the diffusion is not finite there";
  } else if (result.converged) {
    result.stop_reason = fmt::format("relative gradient {:.3g} <= {:.3g}", rho, settings.tolerance);
    if (!failure.empty()) result.stop_reason += fmt::format(" (then the line search stopped: {})", failure);
  } else if (!failure.empty()) {
    result.stop_reason =
        fmt::format("line search failed ({}) at relative gradient {:.3g} > {:.3g}", failure, rho, settings.tolerance);
  } else {
    result.stop_reason = fmt::format("iteration cap {} reached at relative gradient {:.3g} > {:.3g}",
                                     settings.max_iterations, rho, settings.tolerance);
  }
  return result;
}

}  // namespace ldv::paths
