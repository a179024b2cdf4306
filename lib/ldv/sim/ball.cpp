#include "ldv/sim/ball.hpp"

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"

namespace ldv {

Ball::Ball(Vector center, double radius)
    : center_(std::move(center)), radius_(require_positive("radius", radius)) {
  if (center_.size() == 0) throw_invalid("the ball's centre needs at least one coordinate");
  for (Eigen::Index i = 0; i < center_.size(); ++i) require_finite("centre coordinate", center_(i));
}

bool Ball::contains(const Vector& x) const {
  return x.size() == center_.size() && squared_distance_from_center(x.data()) < radius_ * radius_;
}

}  // namespace ldv
