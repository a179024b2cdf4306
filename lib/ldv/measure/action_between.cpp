#include "ldv/measure/action_between.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/quasipotential/minimum_action.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::measure {
namespace {

paths::MinimumActionPath converged_gmam(const Model& model, const Vector& from, const Vector& to, int nodes,
                                        const ActionBetweenSettings& s, const std::string& name) {
  quasipotential::PathSettings settings;
  settings.method = quasipotential::PathMethod::gmam;
  settings.nodes = nodes;
  settings.tolerance = s.tolerance;
  settings.max_iterations = s.max_iterations;
  paths::MinimumActionPath result = quasipotential::minimum_action_path(model, from, to, settings);
  if (!result.converged)
    throw NumericalFailure(fmt::format("{}: geometric MAM at {} nodes did not converge: {}", name, nodes,
                                       result.stop_reason));
  return result;
}

}  // namespace

void ActionBetweenSettings::validate() const {
  if (nodes < 3) throw_invalid(fmt::format("action between points: nodes = {} must be at least 3", nodes));
  require_open_interval("action between points: tolerance", tolerance, 0.0, 1.0);
  require_non_negative("action between points: absolute_floor", absolute_floor);
  if (max_iterations < 1)
    throw_invalid(fmt::format("action between points: max_iterations = {} must be at least 1", max_iterations));
}

ActionBetween measure_action_between(const Model& model, const Vector& from, const Vector& to, const std::string& name,
                                     const ActionBetweenSettings& settings) {
  settings.validate();
  ActionBetween out;
  out.coarse = converged_gmam(model, from, to, settings.nodes, settings, name).action;
  out.path = converged_gmam(model, from, to, 2 * settings.nodes - 1, settings, name);
  const double fine = out.path.action;
  const double systematic = std::abs(out.coarse - fine) + settings.tolerance * std::abs(fine) + settings.absolute_floor;
  out.action = stats::normal_estimate(
      name, fine, 0.0, systematic,
      fmt::format("geometric MAM (least action of the straight and two bowed starts) at {} and {} nodes: {:.9g} and "
                  "{:.9g}; half-width |difference| + {:.0e} relative + {:.0e} (second-order midpoint rule: the fine "
                  "value's error is about a third of the difference)",
                  settings.nodes, 2 * settings.nodes - 1, out.coarse, fine, settings.tolerance,
                  settings.absolute_floor));
  return out;
}

}  // namespace ldv::measure
