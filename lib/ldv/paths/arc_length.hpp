#pragma once
// Arc-length tools shared by geometric MAM and the string method: both keep
// the nodes equidistant along the curve after every update (Heymann &
// Vanden-Eijnden 2008, §4; E, Ren & Vanden-Eijnden 2007, string method).
#include "ldv/core/linalg.hpp"

namespace ldv::paths {

// Cumulative Euclidean arc length at each node, starting at 0 (size N+1).
Vector cumulative_arc_length(const Matrix& path);

// The same curve re-sampled at `nodes` points equidistant in arc length, by
// piecewise-linear interpolation between the old nodes (or cubic: `cubic`
// uses a natural cubic spline per coordinate, needed for second-order accuracy
// of curvature-dependent updates). The end points are kept exactly.
Matrix reparametrize_equal_arc_length(const Matrix& path, int nodes, bool cubic = false);

// A straight segment from `from` to `to` with `nodes` nodes (the default initial guess).
Matrix straight_path(const Vector& from, const Vector& to, int nodes);

}  // namespace ldv::paths
