#pragma once
// The exit domain of both papers: an open ball D = {x : |x − c| < r}
// (escape paper §2.2: the r-neighbourhood of θ*; implicit-regularizer paper,
// Example 3.1: the unit disc U).
#include <cmath>

#include "ldv/core/linalg.hpp"

namespace ldv {

class Ball {
 public:
  Ball(Vector center, double radius);

  int dimension() const { return static_cast<int>(center_.size()); }
  const Vector& center() const { return center_; }
  double radius() const { return radius_; }
  bool contains(const Vector& x) const;  // strictly inside

  // |x − c|². StaticDimension > 0 promises dimension() == StaticDimension, so
  // hot loops can unroll; 0 reads the dimension at run time.
  template <int StaticDimension = 0>
  double squared_distance_from_center(const double* x) const {
    const int d = StaticDimension > 0 ? StaticDimension : dimension();
    const double* c = center_.data();
    double sum = 0.0;
    for (int i = 0; i < d; ++i) sum += (x[i] - c[i]) * (x[i] - c[i]);
    return sum;
  }
  // Distance to the boundary, r − |x − c| (positive inside), and the outer unit
  // normal of the sphere through x, n = (x − c)/|x − c| (any unit vector at the centre).
  template <int StaticDimension = 0>
  double distance_to_boundary(const double* x, double* normal) const {
    const int d = StaticDimension > 0 ? StaticDimension : dimension();
    const double* c = center_.data();
    const double rho = std::sqrt(squared_distance_from_center<StaticDimension>(x));
    for (int i = 0; i < d; ++i) normal[i] = rho > 0.0 ? (x[i] - c[i]) / rho : (i == 0 ? 1.0 : 0.0);
    return radius_ - rho;
  }

 private:
  Vector center_;
  double radius_;
};

}  // namespace ldv
