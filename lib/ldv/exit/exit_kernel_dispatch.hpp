#pragma once
// The model × estimator × dimension dispatch of an exit-time run, done once per
// run (internal to exit_time.cpp): visits the model, gives small linear-Gaussian
// models a compile-time dimension, picks the estimator's exit policy, and calls
//   body(concrete_model, ExitPolicyTag<Policy>{})
// whose typed code then runs every path of the run.
#include <functional>
#include <type_traits>

#include "ldv/exit/brownian_bridge_kill.hpp"
#include "ldv/exit/discrete_monitoring.hpp"
#include "ldv/exit/estimator.hpp"
#include "ldv/exit/exponential_euler_model.hpp"
#include "ldv/exit/gobet_menozzi_shift.hpp"
#include "ldv/models/fixed_linear_gaussian.hpp"
#include "ldv/models/model.hpp"
#include "ldv/sim/exponential_euler.hpp"

namespace ldv::detail {

template <template <class> class ExitPolicy>
struct ExitPolicyTag {};

// Calls body(concrete, tag) once, for the policy of `estimator`.
template <class Body, class Concrete>
void with_exit_policy(ExitEstimator estimator, const Concrete& concrete, Body&& body) {
  switch (estimator) {
    case ExitEstimator::discrete: return body(concrete, ExitPolicyTag<DiscreteMonitoring>{});
    case ExitEstimator::bridge: return body(concrete, ExitPolicyTag<BrownianBridgeKill>{});
    case ExitEstimator::gobet_menozzi: return body(concrete, ExitPolicyTag<GobetMenozziShift>{});
  }
}

template <class Body>
void dispatch_exit_kernel(const Model& model, ExitEstimator estimator, Body&& body) {
  auto with_policy = [&](const auto& concrete) { with_exit_policy(estimator, concrete, body); };
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

// The same dispatch for a step scheme (sim/exponential_euler.hpp): calls
//   body(model_for_step, ExitPolicyTag<Policy>{})
// with model_for_step a std::function<Concrete(double h)> giving the concrete model whose
// Euler step of size h is the scheme's step (a run with two steps, a multilevel pair, asks
// for both). Euler: the model itself. Exponential: the linear-Gaussian models become the
// linear-Gaussian model of their exact transition (same concrete type, so the same kernel
// code), the others are wrapped (exponential_euler_model.hpp); both keep D for their exit
// tests (exponential_euler_model.hpp says why); J and D are taken at
// `reference` (the ball's centre). A state-dependent D is refused (InvalidInput).
template <class Body>
void dispatch_exit_scheme(const Model& model, ExitEstimator estimator, StepScheme scheme, const Vector& reference,
                          Body&& body) {
  if (scheme == StepScheme::euler) {
    dispatch_exit_kernel(model, estimator, [&]<template <class> class Policy, class Concrete>(
                                               const Concrete& concrete, ExitPolicyTag<Policy> tag) {
      const std::function<Concrete(double)> same = [&concrete](double) { return concrete; };
      body(same, tag);
    });
    return;
  }
  require_exponential_euler_applies(model);
  const Matrix jacobian = model.drift_jacobian(reference), diffusion = model.diffusion(reference);
  auto coefficients = [jacobian, diffusion](double h) { return exponential_euler_coefficients(jacobian, diffusion, h); };
  auto with_policy = [&]<class Concrete>(const std::function<Concrete(double)>& model_for_step) {
    with_exit_policy(estimator, model_for_step, body);
  };
  model.visit([&](const auto& concrete) {
    using Concrete = std::decay_t<decltype(concrete)>;
    if constexpr (std::is_base_of_v<LinearGaussianModel, Concrete>) {
      auto fixed = [&]<int Dim>(std::integral_constant<int, Dim>) {
        with_policy(std::function<FixedLinearGaussianModel<Dim>(double)>([&](double h) {
          return FixedLinearGaussianModel<Dim>(exponential_linear_gaussian(concrete, coefficients(h)), concrete);
        }));
      };
      switch (concrete.dimension()) {
        case 1: return fixed(std::integral_constant<int, 1>{});
        case 2: return fixed(std::integral_constant<int, 2>{});
        case 3: return fixed(std::integral_constant<int, 3>{});
        default: break;
      }
    }
    with_policy(std::function<ExponentialEulerModel<Concrete>(double)>(
        [&](double h) { return ExponentialEulerModel<Concrete>(concrete, coefficients(h), diffusion); }));
  });
}

}  // namespace ldv::detail
