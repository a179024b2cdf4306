#pragma once
// Exit policy "gobet-menozzi" (internal to the exit kernel): the path has exited
// at the first X_k outside the domain shrunk by the Gobet–Menozzi shift,
//   r − |X_k − c| ≤ c₀ |σ(X_k)ᵀn| √(εh),  n the outer normal through X_k,
// c₀ = −ζ(1/2)/√(2π) (Gobet & Menozzi 2010, Stoch. Proc. Appl. 120(2), Theorem 2.4;
// estimator.hpp). A start point already outside the shrunk domain exits at step 0.
#include <cmath>
#include <cstdint>

#include "ldv/exit/estimator.hpp"
#include "ldv/exit/exit_run.hpp"
#include "ldv/exit/path_vectors.hpp"

namespace ldv::detail {

template <class ConcreteModel>
class GobetMenozziShift {
 public:
  using Run = ExitRun<ConcreteModel>;

  explicit GobetMenozziShift(const Run& run)
      : run_(run),
        c0_(gobet_menozzi_constant()),
        // The shift c₀|σᵀn|√(εh) ≤ c₀√(εh v_max), v_max = max_normal_variance() ≥ nᵀD(x)n
        // for every unit n and x: closer to the centre than r − c₀√(εh v_max) a point
        // cannot lie outside the shrunk domain, and the test is skipped there (exact).
        safe_r2_(safe_inner_radius_squared(run.r, c0_ * std::sqrt(run.eps_h * run.model.max_normal_variance()))),
        normal_(run.dimension) {}

  bool start(std::uint32_t /*path*/, const double* x, double rho2) { return exited(x, rho2); }

  // X_k = x at squared distance rho2 from the centre.
  [[gnu::always_inline]] bool exited(const double* x, double rho2) {
    return rho2 >= safe_r2_ && outside_shrunk_domain(x);
  }

 private:
  // Inside the shrunk domain iff r − |x − c| > c₀ |σ(x)ᵀn| √(εh).
  bool outside_shrunk_domain(const double* x) {
    const double distance = run_.distance_to_boundary(x, normal_[0]);
    if (distance <= 0.0) return true;
    const double shift = c0_ * std::sqrt(run_.eps_h * run_.model.normal_variance(x, normal_[0]));
    return distance <= shift;
  }

  const Run& run_;
  double c0_, safe_r2_;
  PathVectors<Run::kStaticDimension, 1> normal_;  // n through x
};

}  // namespace ldv::detail
