#pragma once
// Hamilton–Jacobi residuals for a chosen metric M(x): the Hamiltonian
//   H(x, p) = ½ pᵀ M(x) p + b(x)·p,   residual R(x) = H(x, ∇V(x)).
// Which M is the question the escape paper raises:
//  * M = D (the diffusion matrix, D = C for SGD): the Freidlin–Wentzell equation, whose
//    maximal solution with V(x*) = 0 is the quasi-potential (hamilton_jacobi.hpp; the
//    implicit-regularizer paper's eq. (26));
//  * M = D^{1/2}: the escape paper's eq. (4) / Theorem 4, ½∇VᵀC^{1/2}∇V − ∇L·∇V = 0, the
//    equation whose solutions minimise its steepness ½∫(φ' + ∇L)ᵀC^{−1/2}(φ' + ∇L)dt
//    (Definition 3) instead of the Freidlin–Wentzell action with C^{−1}.
// The two coincide when D = I.
#include <functional>

#include "ldv/action/hamilton_jacobi.hpp"
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"

namespace ldv::action {

using MetricField = std::function<Matrix(const Vector&)>;

// M(x) = D(x): the Freidlin–Wentzell metric.
MetricField diffusion_metric(const Model& model);
// M(x) = D(x)^{1/2} (the symmetric square root): the escape paper's eq. (4).
MetricField diffusion_root_metric(const Model& model);

// R at each column of `points` (d × K) with the supplied gradient ∇V. InvalidInput when the
// points or the gradient do not have the model's dimension, a point is not finite, or the
// metric is not d × d at a point.
Vector metric_hamilton_jacobi_residual(const Model& model, const MetricField& metric,
                                       const PotentialGradient& gradient, const Matrix& points);

// The drift term b(x)·∇V(x) at each column: the scale a residual is measured against.
Vector drift_term(const Model& model, const PotentialGradient& gradient, const Matrix& points);

}  // namespace ldv::action
