#pragma once
// The model × estimator × dimension dispatch of an exit-time run, done once per
// run (internal to exit_time.cpp): visits the model, gives small linear-Gaussian
// models a compile-time dimension, picks the estimator's exit policy, and calls
//   body(concrete_model, ExitPolicyTag<Policy>{})
// whose typed code then runs every path of the run.
#include <type_traits>

#include "ldv/exit/brownian_bridge_kill.hpp"
#include "ldv/exit/discrete_monitoring.hpp"
#include "ldv/exit/estimator.hpp"
#include "ldv/exit/gobet_menozzi_shift.hpp"
#include "ldv/models/fixed_linear_gaussian.hpp"
#include "ldv/models/model.hpp"

namespace ldv::detail {

template <template <class> class ExitPolicy>
struct ExitPolicyTag {};

template <class Body>
void dispatch_exit_kernel(const Model& model, ExitEstimator estimator, Body&& body) {
  auto with_policy = [&](const auto& concrete) {
    switch (estimator) {
      case ExitEstimator::discrete: return body(concrete, ExitPolicyTag<DiscreteMonitoring>{});
      case ExitEstimator::bridge: return body(concrete, ExitPolicyTag<BrownianBridgeKill>{});
      case ExitEstimator::gobet_menozzi: return body(concrete, ExitPolicyTag<GobetMenozziShift>{});
    }
  };
  model.visit([&](const auto& concrete) {
    using Concrete = std::decay_t<decltype(concrete)>;
    if constexpr (std::is_base_of_v<LinearGaussianModel, Concrete>) {
      // Small linear-Gaussian models get compile-time-dimension loops.
      switch (concrete.dimension()) {
        case 1: return with_policy(FixedLinearGaussianModel<1>(concrete));
        case 2: return with_policy(FixedLinearGaussianModel<2>(concrete));
        case 3: return with_policy(FixedLinearGaussianModel<3>(concrete));
        default: break;
      }
    }
    with_policy(concrete);
  });
}

}  // namespace ldv::detail
