#pragma once
// The first-principles exit barrier of a check, computed two independent ways by
// the library — the Lyapunov solution (exact for linear models) and geometric MAM
// with the sphere search (no use of linearity) — and required to agree.
#include <string>

#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"

namespace ldv::checks {

struct FirstPrinciplesBarrier {
  double lyapunov = 0.0;  // min over the sphere of ½xᵀΣ⁻¹x
  double gmam = 0.0;      // min over the sphere of the geometric-MAM action from the centre
  Vector argmin;          // geometric MAM's exit point
  std::string text() const;  // "V₀ = … (Lyapunov), … (geometric MAM)"
};

// NumericalFailure when the two differ by more than 1e-4 relative (both are far more
// accurate than that: 1e-10 and ~1e-6, see tests/test_quasipotential.cpp).
FirstPrinciplesBarrier first_principles_barrier(const Model& model, double radius);

}  // namespace ldv::checks
