#pragma once
// The Hamilton–Jacobi residual of a candidate quasi-potential V
// (implicit-regularizer paper eq. (26), written for b = −∇f; here for any drift b):
//   R(x) = ½ ∇V(x)ᵀ D(x) ∇V(x) + b(x)·∇V(x),
// zero wherever V is the quasi-potential and smooth. In the paper's form,
// b = −∇f: ½∇VᵀD∇V − ∇f·∇V = 0, so e.g. for D = I, V = 2f solves it.
#include <functional>

#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"

namespace ldv::action {

using Potential = std::function<double(const Vector&)>;
using PotentialGradient = std::function<Vector(const Vector&)>;

// Residual at each column of `points` (d × M), with the supplied gradient.
Vector hamilton_jacobi_residual(const Model& model, const PotentialGradient& gradient, const Matrix& points);
// The same with ∇V by central differences of step `step` > 0 (error O(step²)).
Vector hamilton_jacobi_residual(const Model& model, const Potential& potential, const Matrix& points, double step);

}  // namespace ldv::action
