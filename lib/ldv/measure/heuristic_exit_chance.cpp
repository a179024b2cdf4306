#include "ldv/measure/heuristic_exit_chance.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/exit/estimator.hpp"
#include "ldv/reference/ou_exit_time.hpp"

namespace ldv::measure {
namespace {

// E[τ] from the centre: the 1-D interval's closed form for d = 1, the radial one for d >= 2.
double mean_exit_time(const OuExitChanceSetting& s, double eps, double radius) {
  const reference::OrnsteinUhlenbeck ou{s.rate, eps, s.noise};
  if (s.dimension == 1) return reference::mean_exit_time_interval(ou, -radius, radius, 0.0);
  return reference::mean_exit_time_ball(ou, s.dimension, radius, 0.0);
}

}  // namespace

HeuristicExitChance heuristic_exit_chance(const OuExitChanceSetting& s) {
  require_positive("rate a", s.rate);
  require_positive("eps", s.eps);
  require_positive("step h", s.step);
  require_positive("noise s", s.noise);
  require_positive("radius", s.radius);
  require_positive("horizon T", s.horizon);
  if (s.dimension < 1) throw_invalid(fmt::format("dimension = {}, expected >= 1", s.dimension));
  if (s.rate * s.step >= 2.0)
    throw_invalid(fmt::format("a h = {} * {} = {} is not below 2: the chain X' = (1 − ah) X + … diverges", s.rate,
                              s.step, s.rate * s.step));
  const double eps_chain = s.eps / (1.0 - s.rate * s.step / 2.0);                        // approximation 2
  const double shift = gobet_menozzi_constant() * s.noise * std::sqrt(eps_chain * s.step);  // approximation 3
  // Approximation 1; −expm1(−x) keeps the digits of a small chance that 1 − exp(−x) cancels.
  return {-std::expm1(-s.horizon / mean_exit_time(s, s.eps, s.radius)),
          -std::expm1(-s.horizon / mean_exit_time(s, eps_chain, s.radius + shift))};
}

}  // namespace ldv::measure
