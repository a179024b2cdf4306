#include "ldv/quasipotential/minimum_action.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ldv/core/enum_names.hpp"
#include "ldv/core/error.hpp"
#include "ldv/paths/gmam.hpp"
#include "ldv/paths/mam.hpp"
#include "ldv/paths/path_problem.hpp"
#include "ldv/paths/string_method.hpp"
#include "ldv/quasipotential/lyapunov.hpp"

namespace ldv::quasipotential {
namespace {

constexpr EnumNames<PathMethod, 4> kPathMethodNames{{{"exact", PathMethod::exact},
                                                     {"mam", PathMethod::mam},
                                                     {"gmam", PathMethod::gmam},
                                                     {"string", PathMethod::string}}};

// The exact method's node count when none is given.
constexpr int kExactNodes = 101;
// Relative asymmetry |J − Jᵀ|_F / max(|J|_F, 1) above which a drift is not a gradient:
// far above the ~1e-10 error of a custom model's differenced Jacobian, far below any
// rotational part that changes the answer.
constexpr double kGradientAsymmetry = 1e-6;
// Relative deviation of D from c I (and of c from its value at `from`) above which
// the noise is not one constant multiple of I; D = σσᵀ of a constant σ is exact to rounding.
constexpr double kIsotropyTolerance = 1e-12;

std::string point_text(const Vector& x) { return fmt::format("{}", fmt::join(x.data(), x.data() + x.size(), ", ")); }

// V(to) − V(from) is the minimum action only when `from` is the attractor x* (from
// anywhere else the cheapest path need not pass through x*).
paths::MinimumActionPath exact_path(const Model& model, const Vector& from, const Vector& to, int nodes) {
  const LyapunovQuasiPotential v = exact_quasipotential(model);
  const double offset = (from - v.attractor()).norm();
  if (offset > 1e-12 * std::max(1.0, to.norm()))
    throw_invalid(fmt::format("the exact method needs `from` at the attractor ({}), got ({}) at distance {:.3g}; "
                              "use gmam from other points",
                              point_text(v.attractor()), point_text(from), offset));
  paths::MinimumActionPath result;
  result.method = "exact";
  result.path = v.minimum_action_path(to, nodes);
  result.action = v.value(to);
  result.converged = true;
  result.stop_reason = fmt::format("closed form ½xᵀΣ⁻¹x, Lyapunov relative residual {:.2g}", v.relative_residual());
  return result;
}

// The string method's fixed point is the minimum-action path only for b = −∇U and
// D = cI with c constant (minimum_action.hpp). Checked at every node of every start.
void require_isotropic_gradient_system(const Model& model, const Vector& from, const Vector& to, int nodes) {
  const int d = model.dimension();
  const double c = model.diffusion(from).trace() / d;
  for (const paths::StartingPath& start : paths::initial_path_candidates(from, to, nodes))
    for (Eigen::Index i = 0; i < start.path.cols(); ++i) {
      const Vector x = start.path.col(i);
      const Matrix jacobian = model.drift_jacobian(x);
      const double asymmetry = (jacobian - jacobian.transpose()).norm();
      if (asymmetry > kGradientAsymmetry * std::max(jacobian.norm(), 1.0))
        throw_invalid(fmt::format("the string method needs a gradient drift (b = −∇U), but the {} model's drift "
                                  "Jacobian is not symmetric at ({}): |J − Jᵀ| = {:.3g}; use gmam",
                                  model.kind(), point_text(x), asymmetry));
      const Matrix deviation = model.diffusion(x) - c * Matrix::Identity(d, d);
      if (deviation.norm() > kIsotropyTolerance * c * d)
        throw_invalid(fmt::format("the string method needs constant isotropic noise (D = cI, c the same everywhere), "
                                  "but the {} model's D at ({}) differs from {:.6g} I by {:.3g} (Frobenius); use gmam",
                                  model.kind(), point_text(x), c, deviation.norm()));
    }
}

}  // namespace

PathMethod parse_path_method(std::string_view text, std::string_view what) {
  return parse_enum(kPathMethodNames, text, what);
}

std::string to_string(PathMethod method) { return enum_name(kPathMethodNames, method); }

void PathSettings::validate() const {
  if (duration && method != PathMethod::mam)
    throw_invalid(fmt::format("a duration (T = {}) applies to the mam method only; {} has no travel time", *duration,
                              to_string(method)));
}

paths::MinimumActionPath minimum_action_path(const Model& model, const Vector& from, const Vector& to,
                                             const PathSettings& settings) {
  settings.validate();
  paths::require_path_problem(model, from, to, nullptr, 0);
  switch (settings.method) {
    case PathMethod::exact:
      return exact_path(model, from, to, settings.nodes.value_or(kExactNodes));
    case PathMethod::mam: {
      paths::MamSettings mam = paths::scaled_mam_settings(model, from);
      if (settings.nodes) mam.nodes = *settings.nodes;
      if (settings.duration) mam.duration = *settings.duration;
      if (settings.tolerance) mam.tolerance = *settings.tolerance;
      if (settings.max_iterations) mam.max_iterations = *settings.max_iterations;
      mam.validate();
      return paths::least_action_over_starts(
          paths::starting_paths(settings.initial, from, to, mam.nodes),
          [&](const Matrix& start) { return paths::minimum_action_method(model, from, to, mam, &start); });
    }
    case PathMethod::gmam: {
      paths::GmamSettings gmam;
      if (settings.nodes) gmam.nodes = *settings.nodes;
      if (settings.tolerance) gmam.tolerance = *settings.tolerance;
      if (settings.max_iterations) gmam.max_iterations = *settings.max_iterations;
      gmam.validate();
      return paths::least_action_over_starts(
          paths::starting_paths(settings.initial, from, to, gmam.nodes),
          [&](const Matrix& start) { return paths::geometric_minimum_action_method(model, from, to, gmam, &start); });
    }
    case PathMethod::string: {
      paths::StringSettings string;
      if (settings.nodes) string.nodes = *settings.nodes;
      if (settings.tolerance) string.tolerance = *settings.tolerance;
      if (settings.max_iterations) string.max_iterations = *settings.max_iterations;
      string.validate();
      require_isotropic_gradient_system(model, from, to, string.nodes);
      return paths::least_action_over_starts(
          paths::starting_paths(settings.initial, from, to, string.nodes),
          [&](const Matrix& start) { return paths::string_method(model, from, to, string, &start); });
    }
  }
  throw_invalid(fmt::format("unknown path method {}", static_cast<int>(settings.method)));
}

}  // namespace ldv::quasipotential
