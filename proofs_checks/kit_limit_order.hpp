#pragma once
// The cases of regularizer.remark3_3 (Remark 3.3 and §4 of the implicit-regularizer paper): 1-D models, starting
// points, evaluation points, and the first-principles values of the two iterated limits by geometric MAM.
#include <string>
#include <vector>

#include "ldv/fokker_planck/limit_order.hpp"
#include "ldv/models/model.hpp"
#include "ldv/verify/evidence.hpp"

namespace ldv::checks {

// V/ε ≤ 32 in the boxes below at the smallest ε (ρ ≥ 1e-14 max ρ, as in regularizer.eq14); the T ladder is
// a few relaxation times for Aitken's extrapolation. OU: flow rate 1. Double well: the minimum-action path
// to the other well passes three fixed points (rates 1.6, 0.88, 2.4), so S_T converges more slowly and the
// ladder is longer; its ε are smaller so that the shallow well's escape rate k(ε) ≈ 0.19 e^{−0.273/ε} keeps
// T·k ≤ 0.15 (the "ε → 0 first" regime: no transition before T) at every rung.
inline const std::vector<double> kLimitOrderEps = {0.2, 0.14, 0.1};
inline const std::vector<double> kLimitOrderHorizons = {2.0, 4.0, 6.0};
inline const std::vector<double> kDoubleWellEps = {0.1, 0.07, 0.05};
inline const std::vector<double> kDoubleWellHorizons = {4.0, 8.0, 12.0};

struct LimitOrderCase {
  std::string label;
  Model model;
  bool one_attractor;
  double x0;
  std::vector<double> points;
  fokker_planck::LimitOrderSettings settings;
  std::vector<double> local;       // first principles for (a): φ(x; attractor of x₀) by gMAM
  std::vector<double> global;      // first principles for (b): φ_glob(x) by gMAM
  std::vector<double> literal_23;  // eq. (23) read literally: inf_T S_T(x; x₀) = φ(x; x₀) by gMAM
  std::vector<fokker_planck::IteratedLimit> limits = {};  // filled by the check
};

// OU (f = x²/2, D = 1) from x₀ = O and from x₀ = 0.8; the tilted double well f = (x² − 1)²/4 + 0.2(x − x³/3)
// (minima ±1 exactly, saddle at 0.2, the shallow well at +1) from x₀ = 1. `cells` per box at the coarse grid.
std::vector<LimitOrderCase> limit_order_cases(int cells);
std::vector<std::string> limit_order_case_names();
// (a)'s S_T against T (with intervals at `level`) and (b)'s limit as a line, per case and point.
verify::Figure limit_order_figure(const std::vector<LimitOrderCase>& cases, double level);

}  // namespace ldv::checks
