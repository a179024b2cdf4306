#include "ldv/exit/estimator.hpp"

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/zeta.hpp>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv {

ExitEstimator parse_exit_estimator(std::string_view name) {
  if (name == "discrete") return ExitEstimator::discrete;
  if (name == "bridge") return ExitEstimator::bridge;
  if (name == "gobet-menozzi") return ExitEstimator::gobet_menozzi;
  throw_invalid(fmt::format("unknown exit estimator '{}'; expected discrete, bridge or gobet-menozzi", name));
}

std::string to_string(ExitEstimator estimator) {
  switch (estimator) {
    case ExitEstimator::discrete: return "discrete";
    case ExitEstimator::bridge: return "bridge";
    case ExitEstimator::gobet_menozzi: return "gobet-menozzi";
  }
  return "unknown";
}

double gobet_menozzi_constant() {
  static const double c0 = -boost::math::zeta(0.5) / boost::math::constants::root_two_pi<double>();
  return c0;
}

}  // namespace ldv
