#pragma once
// What the checks of this folder share, so that a check file holds only its claim:
// the budget of each profile, the exit-time ladder a check measures V₀ on, the
// models the papers use, and the seeds that keep checks independent of each other.
#include <cmath>
#include <cstdint>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ldv/core/linalg.hpp"
#include "ldv/measure/exit_time_ladder.hpp"
#include "ldv/models/model.hpp"
#include "ldv/quasipotential/first_principles_barrier.hpp"
#include "ldv/verify/decision.hpp"
#include "ldv/verify/registry.hpp"

namespace ldv::checks {

struct LadderBudget {
  std::uint64_t paths;                   // Monte Carlo paths per direct noise level
  std::vector<double> barrier_over_eps;  // the direct, fitted levels in units of V₀/ε
  double step_fraction;                  // h = step_fraction / λ_max(drift Jacobian)
  // Fitted levels measured by splitting (rare/splitting_exit_time.hpp), with its budget.
  std::vector<double> splitting_barrier_over_eps = {};
  std::uint64_t particles = 0, replicas = 0;
  // Direct levels measured only for their exit points, for cases that keep them; not fitted.
  std::vector<double> exit_point_barrier_over_eps = {};
  // Fitted levels for 2-D models solved by the Dynkin equation (pde/), in place of the
  // splitting levels: the diffusion's own E[τ], no Monte Carlo, no step.
  std::vector<double> pde_barrier_over_eps = {};
};

// quick: minutes for the whole suite on 2 cores: direct simulation at V₀/ε ∈ [3, 8], where
// the 3-parameter Arrhenius law's calibrated fit-model error is 5–10%.
// full: paper-grade intervals. 2-D models: the Dynkin equation at V₀/ε ∈ [8, 20] (relative
// error ≤ 1e-3 per level; the polar-grid solves lose accuracy beyond V₀/ε ≈ 25), where the
// fit-model error is 1.2% (2-D OU) and nothing is statistical. Other dimensions: splitting
// at V₀/ε ∈ [8, 32], far beyond direct simulation (E[τ] up to ~e³² relaxation times), where
// the fit-model error is 0.3–1.1% (OU, d = 1–3) and, with the O(ε) prefactor correction
// dominating it (its weight in the slope is 0.4% of its coefficient on this ladder, against
// 4% on [3, 8]), robust to that coefficient. Exit points from direct levels at V₀/ε ∈ [3, 8],
// which are not fitted.
LadderBudget ladder_budget(verify::Profile profile);
nlohmann::json budget_json(const LadderBudget& budget);

// A quadratic minimum of the escape paper (Assumption 1 with θ* = 0): L(θ) = ½θᵀHθ and
// the ball of radius r around it.
struct QuadraticCase {
  std::string label;  // e.g. "H = diag(1, 2.5), r = 1"
  Matrix hessian;
  double radius = 1.0;
  double lambda_min() const;
  double lambda_max() const;
  double r2() const { return radius * radius; }
  // SGD on L with gradient-noise covariance C (escape paper eq. 3; the regularizer paper's
  // f and D): dθ = −Hθ dt + √ε C^{1/2} dW.
  Model model(const Matrix& covariance) const;
};
nlohmann::json cases_json(const std::vector<QuadraticCase>& cases);

// A check's parameters for the resume key and the record: its own, plus the profile's budget.
nlohmann::json check_parameters(verify::Profile profile, nlohmann::json own);

// One exit-time case of a check: the ball of `radius` around the origin (the model's
// minimum); the step is step_fraction / largest_rate; the streams come from a seed
// derived from the run's seed and `seed_salt`.
struct BarrierCase {
  Model model;
  double radius = 1.0;
  double largest_rate = 1.0;  // λ_max of the drift Jacobian: sets the step
  std::string label;          // names the measurement, e.g. "H = diag(1, 2.5), r = 1"
  std::string seed_salt;      // keeps this case's streams apart from every other case's
  bool keep_exit_points = false;
};

// The ladder `budget` describes around `centre`: ε_i = expected_barrier / k_i over its levels
// (exit-point levels first, only when `keep_exit_points`; then the direct fitted levels, then
// the PDE levels for a 2-D model when the budget has them, else the splitting levels, in
// increasing k), step step_fraction / largest_rate, Gobet–Menozzi.
measure::ExitTimeLadder ladder_from_budget(const LadderBudget& budget, const Model& model, const Vector& centre,
                                           double radius, double largest_rate, double expected_barrier,
                                           std::uint64_t seed, int threads, bool keep_exit_points = false,
                                           bool use_pde = true);

// V₀ measured on that ladder. When the Dynkin PDE cannot resolve a 2-D case (a boundary layer
// beyond its grid budget, e.g. where the noise is small in one direction: NumericalFailure), the
// case is measured on the budget's splitting levels instead, and the estimate's method says why.
measure::BarrierMeasurement measure_budget_barrier(const LadderBudget& budget, const Model& model,
                                                   const Vector& centre, double radius, double largest_rate,
                                                   double expected_barrier, std::uint64_t seed, int threads,
                                                   bool keep_exit_points, const std::string& label);

// The ladder a check measures V₀ on for case `c`: the profile's budget around the origin, with
// the case's seed.
measure::ExitTimeLadder barrier_ladder(const verify::CheckContext& context, const BarrierCase& c,
                                       double expected_barrier);

// The exit barriers of a check's cases: for each, the first-principles V₀ (Lyapunov and
// geometric MAM, required to agree) and the measured V₀ on the profile's ladder of
// ε = V₀/k, with the predictions to draw beside it; then the check's two figures.
class BarrierTable {
 public:
  struct Row {
    quasipotential::FirstPrinciplesBarrier first_principles;
    measure::BarrierMeasurement measured;
    double x = 0.0;  // the case's position on the versus figure's axis
  };
  BarrierTable(const verify::CheckContext& context, std::string x_label);

  // `predictions`: (label, value) of each prediction to draw for this case; the first
  // principles are drawn as well.
  const Row& measure(const BarrierCase& c, double x, const std::vector<std::pair<std::string, double>>& predictions);
  const std::vector<Row>& rows() const { return rows_; }
  // "label: V₀ = … (Lyapunov), … (geometric MAM); …"
  std::string first_principles_values() const;
  // The Arrhenius figure of every ladder and the fitted V₀ against x with the predictions,
  // intervals at the decision's level (call after every comparison is registered).
  std::vector<verify::Figure> figures(const verify::Decision& decision, const std::string& versus_title) const;

 private:
  const verify::CheckContext& context_;
  std::string x_label_;
  std::vector<Row> rows_;
  std::vector<std::string> prediction_labels_;
  std::vector<std::vector<double>> prediction_values_;  // per label, per row
};

Matrix diagonal(const std::vector<double>& entries);
std::string matrix_text(const Matrix& m);  // "[[1, 0], [0, 2.5]]"

// A seed of its own per check and case, so that checks sharing the run seed draw
// independent streams: splitmix64 of (seed, FNV-1a of salt), 63 bits.
std::uint64_t derived_seed(unsigned long long seed, const std::string& salt);

}  // namespace ldv::checks
