#include "ldv/quasipotential/first_principles_barrier.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/quasipotential/exit_barrier.hpp"
#include "ldv/quasipotential/lyapunov.hpp"

namespace ldv::quasipotential {

std::string FirstPrinciplesBarrier::text() const {
  return fmt::format("V₀ = {:.6g} (Lyapunov), {:.6g} (geometric MAM)", lyapunov, gmam);
}

FirstPrinciplesBarrier first_principles_barrier(const Model& model, double radius) {
  FirstPrinciplesBarrier out;
  out.lyapunov = exact_quasipotential(model).sphere_minimum(radius);
  ExitBarrierSettings settings;
  settings.method = BarrierMethod::gmam;
  settings.linearisation_directions = false;  // an independent search: no hint from the linear answer
  const auto by_path = exit_barrier(model, Vector::Zero(model.dimension()), radius, settings);
  if (!by_path.converged) throw NumericalFailure("geometric-MAM exit barrier did not converge: " + by_path.stop_reason);
  out.gmam = by_path.barrier;
  out.argmin = by_path.argmin;
  if (std::abs(out.gmam - out.lyapunov) > 1e-4 * out.lyapunov)
    throw NumericalFailure(fmt::format("first-principles barriers disagree: Lyapunov {} vs geometric MAM {}",
                                       out.lyapunov, out.gmam));
  return out;
}

}  // namespace ldv::quasipotential
