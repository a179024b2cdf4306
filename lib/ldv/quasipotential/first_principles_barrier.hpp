#pragma once
// The first-principles exit barrier V₀ = min over the sphere |x − c| = r of the
// quasi-potential, computed two independent ways by the library — the Lyapunov
// solution (exact for linear models) and geometric MAM with the sphere search (no use
// of linearity, no hint from the linear answer) — and required to agree. The checks'
// first-principles predictions come from here, never from a paper's algebra.
#include <string>

#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"

namespace ldv::quasipotential {

struct FirstPrinciplesBarrier {
  double lyapunov = 0.0;  // min over the sphere of ½xᵀΣ⁻¹x
  double gmam = 0.0;      // min over the sphere of the geometric-MAM action from the centre
  Vector argmin;          // geometric MAM's exit point
  double value() const { return lyapunov; }  // the more accurate of the two (1e-10 vs ~1e-6)
  std::string text() const;  // "V₀ = … (Lyapunov), … (geometric MAM)"
};

// Around the attractor at the origin (the linear models' equilibrium). NumericalFailure
// when the two differ by more than 1e-4 relative (both are far more accurate than that:
// 1e-10 and ~1e-6, see tests/test_quasipotential.cpp) or geometric MAM does not converge.
FirstPrinciplesBarrier first_principles_barrier(const Model& model, double radius);

}  // namespace ldv::quasipotential
