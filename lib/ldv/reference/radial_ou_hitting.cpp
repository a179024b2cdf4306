#include "ldv/reference/radial_ou_hitting.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/reference/detail/adaptive_quadrature.hpp"
#include "ldv/reference/detail/radial_ou_annulus.hpp"

namespace ldv::reference {
namespace {

constexpr double kTargetRelativeError = 1e-10;

// log ∫_lo^hi ρ^{1−d} exp(κ(ρ² − hi²)) dρ: the integrand is at most max(1, lo^{1−d}) and peaks
// at hi when κ is large (boundary layer of width ~1/(2κ hi)).
double log_scaled_integral(double kappa, int d, double lo, double hi) {
  const auto f = [kappa, d, hi](double rho) { return std::pow(rho, 1 - d) * std::exp(kappa * (rho - hi) * (rho + hi)); };
  const double layer = 1.0 / (2.0 * kappa * hi + 1.0 / (hi - lo));
  const detail::Integral integral = detail::integrate_positive(f, lo, hi, layer);
  if (!(integral.value > 0.0) || !(integral.error <= kTargetRelativeError * integral.value))
    throw NumericalFailure(fmt::format("radial hitting probability: the scale integral on [{}, {}] (κ = {}) could not "
                                       "be certified to {:.0e} (estimate {} ± {})",
                                       lo, hi, kappa, kTargetRelativeError, integral.value, integral.error));
  return std::log(integral.value);
}

}  // namespace

HittingProbability radial_hitting_probability(const OrnsteinUhlenbeck& ou, int dimension, double inner, double outer,
                                              double rho0) {
  detail::require_radial_ou_annulus(ou, dimension, inner, outer);
  require_finite("rho0", rho0);
  if (!(inner < rho0 && rho0 < outer))
    throw_invalid(fmt::format("rho0 = {} must lie strictly between inner = {} and outer = {}", rho0, inner, outer));
  const double kappa = ou.rate / (ou.eps * ou.noise * ou.noise);
  // log P = κ(ρ₀² − outer²) + log ∫_inner^ρ₀ (scaled at ρ₀) − log ∫_inner^outer (scaled at outer).
  const double log_p = kappa * (rho0 - outer) * (rho0 + outer) + log_scaled_integral(kappa, dimension, inner, rho0) -
                       log_scaled_integral(kappa, dimension, inner, outer);
  return {std::exp(log_p), log_p};
}

}  // namespace ldv::reference
