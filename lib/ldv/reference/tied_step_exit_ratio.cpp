#include "ldv/reference/tied_step_exit_ratio.hpp"

#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"

// ---------------------------------------------------------------------------
// Derivation (the limit η → 0 at fixed B, so that h/ε = B is fixed).
//
// 1. Both mean exit times are 1/(exit flux) of their quasi-stationary law: Gaussian in
//    the bulk, with a boundary layer one jump σ wide. Near the boundary point r, with
//    y = (r − x)/σ, one step of the chain moves y by κ − ξ: a Gaussian random walk with
//    drift κ = a r h/σ away from the boundary, killed below 0. (The drift's variation over
//    a jump, and the curvature of the boundary, are O(σ/r) = O(η): they vanish.) The
//    continuous process over the time h is the Brownian motion with the same drift and
//    variance. Both are reversible with respect to e^{2κy}.
// 2. Bulk. The Euler chain X' = (1 − ha) X + σξ has stationary variance
//    σ²/(ha(2 − ha)) = (εs²/2a)/(1 − ha/2), the process εs²/2a. At the boundary the
//    densities differ by the factor exp((a r²/(εs²)) · ha/2) = e^{κ²/2} (1 + O(η)):
//    the discrete chain sits there more often and leaves sooner.
// 3. Boundary layer. The quasi-stationary density of the killed walk is n(y) = e^{2κy} h(y)
//    (reversibility), h(y) = P_y(never below 0); as y → ∞, n(y) = e^{2κy} − C + o(1), where
//    C = lim e^{2κy} P_y(ever below 0) is the Cramér constant of the walk with drift −κ.
//    The net flux of e^{2κy} is 0 and that of a constant C is κC per step, so the exit flux
//    is κC per step; for the Brownian motion, n = e^{2κy} − 1 and the flux is κ.
//    Hence E[ν]/E[τ] → (κ · 1)/(κ C e^{κ²/2}) = e^{−κ²/2}/C.
// 4. The Cramér constant (Asmussen, "Applied Probability and Queues", 2nd ed., XIII.5;
//    Feller vol. II, XII.6): C = P(τ₊ = ∞) / (θ E_θ[S_{τ₊}]), θ = 2κ the root of
//    E e^{θX} = 1, τ₊ the first strict ascending ladder epoch, E_θ the walk tilted to drift
//    +κ. Spitzer's identities (Feller vol. II, XII.7): P(τ₊ = ∞) = exp(−Σ P(S_n > 0)/n) =
//    exp(−Σ Φ(−κ√n)/n), E_θ[τ₊] = exp(Σ P_θ(S_n ≤ 0)/n) = exp(Σ Φ(−κ√n)/n), and Wald:
//    E_θ[S_{τ₊}] = κ E_θ[τ₊]. So C = exp(−2 Σ Φ(−κ√n)/n)/(2κ²).
// Small κ. The Mellin transform of S(μ) = Σ_n Φ(−μ√n)/n is F(s) ζ(1 + s/2) with
// F(s) = ∫_0^∞ x^{s−1} Φ(−x) dx = 2^{(s−1)/2} Γ((s+1)/2) / (s √(2π)); the poles of Γ at
// s = −1, −3, … give S = (s = 0 terms) − Σ_k ζ(½ − k) (−½)^k μ^{2k+1} / (k! (2k + 1) √(2π)), so
//     log C(μ) = −2 c₀ μ − ζ(−½) μ³ / (3√(2π)) + O(μ⁵),   c₀ = −ζ(½)/√(2π),
// odd powers only. The first term is Siegmund's corrected diffusion approximation
// (Siegmund, Adv. Appl. Prob. 11 (1979) 701–719), and with it R* ≈ exp(2c₀κ − κ²/2), the
// heuristic of CLAIMS.md: right through O(κ²), too large by the factor
// exp(−ζ(−½) κ³/(3√(2π))) = exp(0.02764 κ³) (+0.35% at κ = 0.5, +25% at κ = 2).
// ---------------------------------------------------------------------------

namespace ldv::reference {
namespace {

void validate_drift(const char* name, double value) {
  require_finite(name, value);
  if (!(value >= 0.01 && value <= 30.0))
    throw_invalid(fmt::format("{} = {} must lie in [0.01, 30] (below, the series needs > 1e6 terms; above, "
                              "the ratio underflows)",
                              name, value));
}

// Σ_{n≥1} Φ(−μ√n)/n, in long double. Term n is below e^{−μ²n/2}/(2n), so the remainder
// after term n is below term_bound(n)/(1 − e^{−μ²/2}).
long double spitzer_series(double mu) {
  const long double q = std::exp(-0.5L * mu * mu);
  long double sum = 0.0L;
  for (long n = 1;; ++n) {
    const long double term = 0.5L * std::erfc(mu * std::sqrt(static_cast<long double>(n)) / std::numbers::sqrt2_v<long double>) / n;
    sum += term;
    const long double remainder_bound = 0.5L * std::pow(q, n + 1) / (n + 1) / (1.0L - q);
    if (remainder_bound < 1e-17L * sum) return sum;
  }
}

}  // namespace

double gaussian_walk_cramer_constant(double drift) {
  validate_drift("drift", drift);
  return static_cast<double>(std::exp(-2.0L * spitzer_series(drift)) / (2.0L * drift * drift));
}

double tied_step_exit_time_ratio(double kappa) {
  validate_drift("kappa", kappa);
  return static_cast<double>(2.0L * kappa * kappa * std::exp(2.0L * spitzer_series(kappa) - 0.5L * kappa * kappa));
}

double tied_step_kappa(double rate, double radius, double eps, double step, double noise) {
  require_positive("rate a", rate);
  require_positive("radius", radius);
  require_positive("eps", eps);
  require_positive("step h", step);
  require_positive("noise s", noise);
  return rate * radius * std::sqrt(step / eps) / noise;
}

}  // namespace ldv::reference
