#pragma once
// The exponential rate at which a diffusion's survival in a domain decays, P(ζ > T) ~ C e^{−λ T}
// (ζ the first exit time), measured without waiting for the rare survivors: a Fleming–Viot
// particle system (Burdzy, Hołyst & March 2000; Villemonais 2014). N particles move independently;
// when one leaves the domain it restarts at the position of another particle chosen uniformly.
// The empirical law converges to the quasi-stationary distribution, and the killing rate in that
// regime, kills / (N × time), converges to λ (the principal Dirichlet eigenvalue of the generator),
// with a bias O(1/N).
//
// Domain: the annulus inner < |x − c| < outer around the centre c (inner = 0: the ball), e.g.
// D \ B_α of the escape paper's Lemma 9. Discretisation: Euler–Maruyama with step h, each sphere
// crossed at the first grid point beyond its Gobet–Menozzi-shifted position (c₀|σᵀn|√(εh) into the
// domain), which takes the exit-time bias of discrete monitoring from O(√h) to O(h).
// Statistics: R independent replicas, each started with all particles at `start`, burnt in for
// `burn_in`, then counted for `duration`; the estimate is the mean of the replicas' rates, its
// standard error their sample standard deviation / √R (normal interval, stats/interval_policy).
// Replica r draws Philox streams (seed, r) (increments) and (seed, r) lane 3 (restart choices):
// the result is the same bits for any thread count.
#include <cstdint>
#include <string>

#include "ldv/core/estimate.hpp"
#include "ldv/models/model.hpp"

namespace ldv::measure {

struct QuasiStationaryRuns {
  Model model;
  Vector center;
  double inner_radius = 0.0;  // >= 0
  double outer_radius = 1.0;  // > inner
  Vector start;               // strictly inside the annulus
  double eps = 0.1, step = 0.001;
  int particles = 256;        // N >= 2
  int replicas = 8;           // R >= 2
  double burn_in = 1.0, duration = 4.0;
  std::uint64_t seed = 1;
  int threads = 0;

  void validate() const;  // InvalidInput naming the first bad field
};

struct QuasiStationaryRate {
  Estimate rate;               // λ̂
  double std_error = 0.0;      // of λ̂: the replicas' standard deviation / √R
  std::uint64_t kills = 0;     // counted after the burn-in, all replicas
  std::vector<double> replica_rates;
};

QuasiStationaryRate quasi_stationary_rate(const QuasiStationaryRuns& runs, const std::string& name);

}  // namespace ldv::measure
