#pragma once
// The tube-probability test shared by escape.lemma1_2.tube_bounds (the escape paper's Definition 3
// and Lemmas 1–2) and regularizer.theoremA1 (the implicit-regularizer paper's Theorem A.1, eq. 39):
// for a fixed straight path φ(t) = t x₁ on [0, T] and a tube width δ, −log P(sup|X − φ| < δ) on a
// ladder of ε (importance sampling, measure/tube_probability.hpp), its rate R(δ) fitted with the
// 3-parameter law R/ε + a log ε + b, beside the least action inside the tube
// (quasipotential/tube_minimum_action.hpp). Order of limits: ε → 0 first at each δ (the ladder's
// slope), then δ → 0 (the ladder of δ); R(δ) ≤ S_T(φ) and R(δ) → S_T(φ).
#include <cstdint>
#include <string>
#include <vector>

#include "check_kit.hpp"
#include "kit_cycles.hpp"
#include "ldv/measure/ladder_fit.hpp"
#include "ldv/measure/tube_probability.hpp"

namespace ldv::checks {

struct TubeBudget {
  std::uint64_t paths;                  // importance-sampled paths per level
  int segments;                         // Euler steps on [0, T]
  std::vector<double> radii;            // the δ ladder (largest first)
  std::vector<double> eps_over_scale;   // ε = k δ²/λ_max(D): the noise small against the tube
};
// quick: 4 000 paths, 500 steps, δ ∈ {0.2, 0.1, 0.05}; full: 40 000 paths, 1 000 steps, δ to 0.025.
TubeBudget tube_budget(verify::Profile profile);
nlohmann::json tube_budget_json(verify::Profile profile);

// The straight path φ(t) = (t/T) x₁ at the nodes of a uniform grid with `segments` segments.
Matrix straight_path(const Vector& end, int segments);

// The least action inside the tube of radius δ around the straight path to x₁ on [0, T], on 100
// nodes, ± its change from 50 nodes (the discretisation error the prediction carries).
struct TubeInfimum {
  double value = 0.0, error = 0.0;
  Matrix path;  // the minimiser on 100 nodes
};
TubeInfimum tube_infimum(const Model& model, const Vector& end, double duration, double radius);

// One δ: the ladder of ε and the fitted rate. The importance path is the model's own tube
// minimiser (where the conditional law concentrates); the fit's systematic part is the slope a
// neglected small-ball term (j₀²/2) λ_max(D) T ε/δ² of −log P would add (j₀ the first zero of J₀;
// the Brownian small-ball exponent in the plane), the prediction's discretisation error, and the
// Euler chain's rate minus the diffusion's on the least-action path (action/euler_action.hpp).
struct TubeRate {
  double radius = 0.0;
  TubeInfimum infimum;  // the model's own least action in the tube (Freidlin–Wentzell)
  std::vector<double> eps;
  std::vector<measure::TubeProbability> levels;
  measure::LadderFit fit;  // −log P = R/ε + a log ε + b; fit.slope is R̂(δ)
};
TubeRate tube_rate(const verify::CheckContext& context, const Model& model, const Vector& end, double duration,
                   double radius, const std::string& label, const std::string& seed_salt);

// Per δ, −ε log P against ε/δ² beside its limit R(δ); and the fitted rates against δ with curves.
verify::Figure tube_ladder_figure(const std::string& name, const std::string& title, const std::vector<TubeRate>& rates,
                                  double level);
verify::Figure tube_rate_figure(const std::string& name, const std::string& title, const std::vector<TubeRate>& rates,
                                double level, const std::vector<Curve>& curves);

}  // namespace ldv::checks
