#pragma once
// What the checks of the escape paper's Appendix B share (Lemmas 5–9: the proof of Theorem 5):
// the model, the budget of each profile, the cycle chain run on a ladder of ε beside its exact
// references, and the figure of a ladder against its reference.
//
// The model: the escape paper's continuous SGD (3) on L = ½|θ|² with isotropic noise C = I,
// dθ = −θ dt + √ε dW in two dimensions (ε = η/B: the paper's ε_A = √(η/B), its rate ε_A⁻² = 1/ε),
// D the unit disc around θ* = 0. Lyapunov: V(θ) = |θ|², V₀ = 1. Isotropic on purpose: the distance
// |θ| is then a 1-D diffusion, so the chain's per-cycle exit probability and the mean exit time
// have exact references at every ε (reference/radial_ou_hitting.hpp, reference/ou_exit_time.hpp),
// and successive cycles are independent (the law of a cycle does not depend on where it starts on γ).
#include <cstdint>
#include <string>
#include <vector>

#include "check_kit.hpp"
#include "ldv/measure/cycle_chain.hpp"
#include "ldv/reference/ou_exit_time.hpp"

namespace ldv::checks {

struct CycleBudget {
  std::uint64_t paths;                   // paths per level
  double step;                           // h (the relaxation rate is 1)
  std::vector<double> barrier_over_eps;  // the ladder, V₀/ε
};
// quick: 2 000 paths, h = 0.005, V₀/ε ∈ [2, 5]; full: 20 000 paths, h = 0.002, V₀/ε ∈ [2, 6].
CycleBudget cycle_budget(verify::Profile profile);
nlohmann::json cycle_budget_json(verify::Profile profile);

constexpr double kCycleDomainRadius = 1.0;
Model isotropic_model();                                  // dθ = −θ dt + √ε dW, d = 2
reference::OrnsteinUhlenbeck isotropic_ou(double eps);   // the same process for the references

// One level of a chain ladder and its exact references.
struct ChainLevel {
  double eps = 0.0;
  measure::CycleChain chain;
  double exact_log_p = 0.0;       // log P(reach ∂D before γ | start on Γ), radial scale function
  double exact_mean_exit = 0.0;   // E[τ] from θ* (exact Dynkin solution)
};
// The chain with spheres γ = ∂B_{μ/2}, Γ = ∂B_μ from θ* until exit, at every ε of the budget.
std::vector<ChainLevel> chain_ladder(const verify::CheckContext& context, double mu, const std::string& seed_salt);

// Measured values (with intervals at `level`) against x, and reference curves.
struct Curve {
  std::string label;
  std::vector<double> x, y;
};
verify::Figure ladder_figure(const std::string& name, const std::string& title, const std::string& x_label,
                             const std::string& y_label, bool log_y, const std::string& measured_label,
                             const std::vector<double>& x, const std::vector<Interval>& measured,
                             const std::vector<double>& values, const std::vector<Curve>& curves);

}  // namespace ldv::checks
