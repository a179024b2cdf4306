#pragma once
// Where a path (e.g. a minimum-action path from the attractor) last crosses the sphere |x − c| = r:
// the point at which a path that starts inside leaves the sphere for the last time. The tail of a
// minimum-action path from there is itself a minimum-action path, with action V(end) − V(crossing) —
// the exponent of the per-cycle exit probability from that point (implicit-regularizer paper,
// Theorem 3.5 eq. (29) at a fixed inner radius; measure/cycle_exit_probability.hpp).
#include "ldv/core/linalg.hpp"

namespace ldv::quasipotential {

// `path` d × n (n >= 2), columns the nodes in order. The last segment [φᵢ, φᵢ₊₁] with |φᵢ − c| < r ≤ |φᵢ₊₁ − c|,
// and on it the point at distance exactly r (the root of the quadratic |φᵢ + t(φᵢ₊₁ − φᵢ) − c|² = r² in
// (0, 1]): linear interpolation between nodes, so the error is O(node spacing²) on a smooth path.
// InvalidInput when the path never crosses the sphere outward, r ≤ 0, or the dimensions differ.
Vector last_sphere_crossing(const Matrix& path, const Vector& center, double radius);

}  // namespace ldv::quasipotential
