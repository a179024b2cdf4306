#include "ldv/rare/relaxation_levels.hpp"

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/quasipotential/lyapunov.hpp"

namespace ldv::rare {

SplittingLevels relaxation_levels(const ReactionCoordinate& xi, const Model& model, double eps, double inner_mass,
                                  double outer_mass, double boundary_level) {
  if (!(inner_mass > 0.0 && inner_mass < outer_mass && outer_mass < 1.0))
    throw_invalid(fmt::format("splitting levels: expected stationary masses 0 < inner ({}) < outer ({}) < 1", inner_mass,
                              outer_mass));
  if (!(eps > 0.0)) throw_invalid(fmt::format("splitting levels: eps = {} must be > 0", eps));
  if (!(boundary_level > 0.0))
    throw_invalid(fmt::format("splitting levels: the reaction coordinate's lower bound on the boundary is {}; the "
                              "domain must contain the coordinate's centre (the attractor)",
                              boundary_level));
  const double half_d = 0.5 * xi.dimension();
  // V/ε ~ Gamma(d/2, 1) in equilibrium: the level holding `mass` of the stationary law.
  auto v_level = [&](double mass) { return eps * boost::math::gamma_p_inv(half_d, mass); };
  SplittingLevels levels;
  if (xi.kind() == ReactionCoordinate::Kind::quasi_potential) {
    levels = {v_level(inner_mass), v_level(outer_mass)};
  } else {
    const Matrix jacobian = model.drift_jacobian(xi.center());
    Matrix sigma;
    try {
      sigma = quasipotential::solve_lyapunov(-jacobian, model.diffusion(xi.center()));
    } catch (const InvalidInput& e) {
      throw_invalid(fmt::format("splitting levels: the distance coordinate's centre must be a stable attractor, but "
                                "the drift's linearisation there is not stable ({})",
                                e.what()));
    }
    const double scale = sigma.trace() / half_d;  // |x − c|² ≈ (2V/d) tr Σ_lin
    levels = {std::sqrt(scale * v_level(inner_mass)), std::sqrt(scale * v_level(outer_mass))};
  }
  levels.outer = std::min(levels.outer, 0.5 * boundary_level);
  levels.inner = std::min(levels.inner, 0.5 * levels.outer);
  return levels;
}

}  // namespace ldv::rare
