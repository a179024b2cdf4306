#pragma once
// A box with reflecting walls, {low ≤ x ≤ high} coordinate by coordinate: after a step, a coordinate past a
// wall is mirrored back across it (x → 2·high − x, x → 2·low − x, repeated until inside: a step longer
// than the box's width folds back and forth). This is the Euler scheme of the process reflected at the
// walls (Skorokhod's reflection) to first order in the step. It confines a process whose far field would
// otherwise have no stationary law, e.g. the planar Brownian motion outside the wells of the
// implicit-regularizer paper's Example 4.1 (null-recurrent: occupation ratios exist, a density does not).
#include "ldv/core/linalg.hpp"

namespace ldv {

class ReflectingBox {
 public:
  // InvalidInput unless low and high are finite points of one dimension with low_i < high_i.
  ReflectingBox(Vector low, Vector high);

  int dimension() const { return static_cast<int>(low_.size()); }
  const Vector& low() const { return low_; }
  const Vector& high() const { return high_; }
  bool contains(const Vector& x) const;  // low ≤ x ≤ high (walls included)

  // Mirrors each coordinate of x[0..d) back into [low_i, high_i].
  void reflect(double* x) const {
    for (int i = 0; i < dimension(); ++i) {
      const double lo = low_(i), hi = high_(i);
      while (x[i] > hi || x[i] < lo) x[i] = x[i] > hi ? 2.0 * hi - x[i] : 2.0 * lo - x[i];
    }
  }

 private:
  Vector low_, high_;
};

}  // namespace ldv
