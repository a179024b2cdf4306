#pragma once
// The measurement behind every exit-time claim: mean exit times over a ladder of
// noise levels ε, and the Freidlin–Wentzell exponent V₀ fitted from them
// (DESIGN.md: log E[τ] = V₀/ε + a log ε + b, slope and prefactor separate).
//
// The interval on V₀ follows the one interval policy (stats/interval_policy.hpp) with
// two errors:
//  * statistical: the weighted least-squares standard error of the slope;
//  * systematic: the fit model's own bias at finite ε (the O(ε) corrections to the
//    prefactor that the 3-parameter law leaves out), calibrated on exactly solvable
//    cases: the same fit applied to the exact mean exit times of the 1-D and the radial
//    d-D Ornstein–Uhlenbeck process at the same ladder of V₀/ε. Its largest relative
//    miss times |V₀| is the systematic half-width;
//  * systematic: the time step's bias. The discrete estimators (Gobet–Menozzi, discrete
//    monitoring) measure the mean exit time of the Euler chain, not of the diffusion, and
//    their relative bias grows with V₀/ε (on OU at hλ = 0.005: −2% at V₀/ε = 8, −7.8% at
//    32), so it tilts the fitted slope. Calibrated exactly on the same OU cases: the fit on
//    the chain's exact mean exit times (reference/discrete_dynkin.hpp, with the estimator's
//    boundary shift) against the fit on the diffusion's; the difference of the two slopes
//    is added to the fit-model error. The step enters in units of the ladder's relaxation
//    rate (the largest rate of the drift Jacobian: conservative, the bias grows with hλ).
// The result is an Estimate: the Decision that holds predictions against it draws the
// interval at the level its own count of comparisons requires.
//
// Each level is measured by direct simulation (exit/exit_time.hpp: every path until it exits,
// censored at max_time) or, where direct simulation cannot go (E[τ] beyond ~e⁸ relaxation
// times), by splitting (rare/splitting_exit_time.hpp: gAMS inside the cycle decomposition,
// the same discrete chain and exit estimator), or, for 2-D models, by the Dynkin equation
// (pde/mean_exit_time.hpp: the diffusion's own E[τ], no Monte Carlo and no time step; its
// Richardson error bound stands in for the standard error). All give E[τ] with an interval;
// the fit weighs each level by its own standard error of log E[τ]. A level may be measured but left
// out of the fit (`fitted`): e.g. low-V₀/ε direct levels kept only for their exit points.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/exit/estimator.hpp"
#include "ldv/models/model.hpp"
#include "ldv/rare/splitting_exit_time.hpp"
#include "ldv/stats/censored_sample.hpp"
#include "ldv/stats/mean_estimate.hpp"
#include "ldv/stats/regression.hpp"

namespace ldv::measure {

enum class LevelMethod { direct, splitting, pde };
inline constexpr double kDefaultPdeTolerance = 1e-3;  // relative error bound of a PDE level
std::string to_string(LevelMethod method);

struct ExitTimeLadder {
  Model model;
  Vector center;                 // the minimum θ* (start point and ball centre)
  double radius = 1.0;
  std::vector<double> eps;       // noise levels ε = η/B, at least 3
  std::vector<double> steps;     // Euler–Maruyama step per level
  std::uint64_t paths = 1000;
  std::uint64_t seed = 1;
  int threads = 0;
  double max_time = 1e9;         // censoring horizon (censored paths are counted, not dropped)
  ExitEstimator estimator = ExitEstimator::gobet_menozzi;
  bool keep_exit_points = false;     // direct levels only (splitting keeps none)
  // Per level; empty means every level is direct and fitted.
  std::vector<LevelMethod> methods = {};
  std::vector<bool> fitted = {};     // false: measured and drawn, but left out of the V₀ fit
  // Splitting levels: particles, replicas, k, coordinate and level masses (seed and threads
  // are the ladder's; its confidence is irrelevant: the fit reads the standard error).
  rare::SplittingSettings splitting = {};
  // PDE levels: the relative error the grid sequence must reach (pde::PdeSettings::tolerance).
  double pde_tolerance = kDefaultPdeTolerance;
  // The largest relaxation rate of the drift at the centre: the unit of the step for the
  // step-bias calibration. 0: not calibrated (the record says so).
  double relaxation_rate = 0.0;
};

struct LadderPoint {
  double eps = 0.0, step = 0.0;
  LevelMethod method = LevelMethod::direct;
  bool fitted = true;                 // whether the point enters the V₀ fit
  stats::CensoredSample sample{1.0};  // direct: every path's exit time (min(τ, T)); splitting: empty
  stats::MeanEstimate mean;           // at 95% (only its standard error enters the fit)
  std::vector<double> exit_points;    // row-major paths × d, when kept (direct levels only)
  std::optional<rare::SplittingResult> splitting;  // splitting levels: the full result
  std::optional<double> pde_error_bound;           // PDE levels: the Richardson error bound on E[τ]
  double elapsed_s = 0.0;
  // E[τ] with its interval at `confidence`: stats::estimate_mean on the sample (direct), or
  // the splitting estimate's log-normal interval (rare/renewal_estimate.hpp).
  stats::MeanEstimate mean_at(double confidence) const;
};

struct BarrierMeasurement {
  std::string label;                 // e.g. "H = diag(1, 2.5), r = 1"
  std::vector<LadderPoint> points;
  stats::ArrheniusFit fit;           // the 3-parameter fit over the fitted points (its own intervals at 95%)
  double fit_model_relative_error = 0.0;  // calibrated on the exact OU cases at the fitted levels
  std::optional<double> step_bias_relative_error;  // the same, for the step (absent: not calibrated)
  Estimate barrier;                  // V₀: slope with statistical + fit-model error
};

// Runs the ladder and fits V₀. `expected_barrier` is only used to place the ladder's
// V₀/ε values for the calibration of the fit model (pass the first-principles V₀).
// The estimate is named "V0 fitted, <label>".
BarrierMeasurement measure_exit_barrier(const ExitTimeLadder& ladder, double expected_barrier,
                                        const std::string& label);

// Largest relative error of the 3-parameter Arrhenius fit on exact OU mean exit times
// (1-D interval and radial `dimension`-D ball, V₀ = 1) at the given values of V₀/ε.
double arrhenius_fit_relative_error(const std::vector<double>& barrier_over_eps, int dimension);

// The step's share of the fitted slope's error on the same exact cases: |slope of the fit on
// the Euler chain's exact mean exit times (step h_i λ at V₀/ε_i, the estimator's boundary)
// − slope of the fit on the diffusion's|, the larger of the 1-D and the radial d-D case.
// `steps_times_rate` holds h λ per level (0: a level with no step, e.g. a PDE level). Only for the discrete and Gobet–Menozzi estimators
// (the bridge estimator has no exact chain reference: InvalidInput).
double arrhenius_step_bias_relative_error(const std::vector<double>& barrier_over_eps,
                                          const std::vector<double>& steps_times_rate, int dimension,
                                          ExitEstimator estimator);

}  // namespace ldv::measure
