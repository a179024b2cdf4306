#pragma once
// One step of the discrete chain that splitting samples (internal to splitting_exit_time.cpp):
// the exit kernel's Euler–Maruyama step X_{k+1} = X_k + b(X_k) h + √(εh) σ(X_k) Z_k, then the
// same exit policy the direct estimator uses (discrete monitoring or the Gobet–Menozzi shift,
// exit/), then the reaction coordinate. Splitting therefore estimates the mean exit time of
// exactly the chain `estimate_exit_time` simulates; only the way its rare paths are found differs.
// Templated on the concrete model and policy (dispatched once per run, exit_kernel_dispatch.hpp).
#include <cstdint>

#include "ldv/exit/exit_run.hpp"
#include "ldv/exit/path_vectors.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/rare/reaction_coordinate.hpp"
#include "ldv/sim/euler_maruyama.hpp"

namespace ldv::rare::detail {

template <template <class> class ExitPolicy, class ConcreteModel>
class ChainStepper {
 public:
  using Run = ldv::detail::ExitRun<ConcreteModel>;
  static constexpr int kStaticDimension = Run::kStaticDimension;

  ChainStepper(const Run& run, const ReactionCoordinate& xi) : run_(run), xi_(xi), exit_(run), scratch_(run.dimension) {}

  int dimension() const {
    if constexpr (kStaticDimension > 0) return kStaticDimension;
    else return run_.dimension;
  }

  // X ← one Euler–Maruyama step of X with the next normals of `normals`; true when the new
  // point has left the domain (the exit policy fires).
  [[gnu::always_inline]] bool step(double* x, NormalStream& normals) {
    const double* z = normals.take(dimension(), scratch_[0]);
    euler_maruyama_step(run_.model, dimension(), x, z, run_.settings.step, run_.noise_scale,
                        StepBuffers{scratch_[1], scratch_[2]});
    return exit_.exited(x, run_.squared_distance_from_center(x));
  }

  double level(const double* x) const { return xi_.template value<kStaticDimension>(x); }
  double step_size() const { return run_.settings.step; }

 private:
  const Run& run_;
  const ReactionCoordinate& xi_;
  ExitPolicy<ConcreteModel> exit_;
  ldv::detail::PathVectors<kStaticDimension, 3> scratch_;  // spare normals, drift, kick
};

}  // namespace ldv::rare::detail
