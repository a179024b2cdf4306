#pragma once
// Exit policy "discrete" (internal to the exit kernel): the path has exited at the
// first grid time kh with X_k outside the ball, |X_k − c| ≥ r. This is the discrete
// SGD exit time E[ν] of the escape paper (Definition 2); see estimator.hpp for its
// O(√h) bias as an estimate of the continuous E[τ].
#include <cstdint>

#include "ldv/exit/exit_run.hpp"

namespace ldv::detail {

template <class ConcreteModel>
class DiscreteMonitoring {
 public:
  explicit DiscreteMonitoring(const ExitRun<ConcreteModel>& run) : r2_(run.r2) {}

  // The start point lies strictly inside the ball (validate() checks it): never an exit at step 0.
  bool start(std::uint32_t /*path*/, const double* /*x*/, double /*rho2*/) { return false; }

  // X_k at squared distance rho2 from the centre. No safe inner radius to skip:
  // the test is one comparison.
  [[gnu::always_inline]] bool exited(const double* /*x*/, double rho2) { return rho2 >= r2_; }

 private:
  double r2_;  // r²
};

}  // namespace ldv::detail
