#pragma once
// The reaction coordinate ξ of rare-event splitting: the scalar that says how far a path has
// climbed from the attractor towards the boundary. Splitting is unbiased for any ξ
// (splitting_exit_time.hpp); a good ξ only lowers its variance, and the best one is a
// function of the committor, whose small-noise logarithm is −(V₀ − V)/ε (Freidlin–Wentzell).
// Hence ξ = V, the quasi-potential, where ldv has it exactly:
//  * quasi-potential: V(x) = ½ (x − x*)ᵀ Σ⁻¹ (x − x*) with A Σ + Σ Aᵀ = D (Lyapunov,
//    quasipotential/lyapunov.hpp) for linear-Gaussian models (kinds quadratic, linear);
//  * distance: |x − c| from a given centre (the attractor), for every other model.
// (A gMAM quasi-potential would serve as well; it is not tabulated on a grid yet.)
#include <cmath>
#include <string>

#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"

namespace ldv::rare {

enum class CoordinateChoice { automatic, quasi_potential, distance };

CoordinateChoice parse_coordinate_choice(const std::string& name);  // "auto" | "quasi-potential" | "distance"

class ReactionCoordinate {
 public:
  enum class Kind { quasi_potential, distance };

  // V(x) = ½ (x − attractor)ᵀ P (x − attractor), P = Σ⁻¹ symmetric positive definite.
  static ReactionCoordinate quasi_potential(const Matrix& precision, const Vector& attractor);
  // |x − center|.
  static ReactionCoordinate distance(const Vector& center);
  // `choice` for `model`: automatic is the Lyapunov V for linear-Gaussian models and the
  // distance from `center` otherwise; quasi_potential for another kind is InvalidInput.
  static ReactionCoordinate for_model(const Model& model, const Vector& center, CoordinateChoice choice);

  Kind kind() const { return kind_; }
  std::string name() const;  // "quasi-potential (Lyapunov)" or "distance"
  int dimension() const { return static_cast<int>(center_.size()); }
  const Vector& center() const { return center_; }
  const Matrix& precision() const { return precision_; }  // P (quasi-potential only)

  // ξ(x); StaticDimension > 0 promises dimension() == StaticDimension (unrolled loops).
  template <int StaticDimension = 0>
  double value(const double* x) const {
    const int d = StaticDimension > 0 ? StaticDimension : dimension();
    const double* c = center_.data();
    if (kind_ == Kind::distance) {
      double sum = 0.0;
      for (int i = 0; i < d; ++i) sum += (x[i] - c[i]) * (x[i] - c[i]);
      return std::sqrt(sum);
    }
    const double* p = precision_.data();  // column-major, symmetric
    double sum = 0.0;
    for (int j = 0; j < d; ++j) {
      double column = 0.0;
      for (int i = 0; i < d; ++i) column += p[j * d + i] * (x[i] - c[i]);
      sum += column * (x[j] - c[j]);
    }
    return 0.5 * sum;
  }
  double operator()(const Vector& x) const;

  // A lower bound of ξ on the sphere |x − ball_center| = radius (exact when the sphere is
  // centred at the coordinate's centre): the boundary is not reached below it.
  double lower_bound_on_sphere(const Vector& ball_center, double radius) const;

 private:
  ReactionCoordinate(Kind kind, Vector center, Matrix precision);
  Kind kind_;
  Vector center_;
  Matrix precision_;
};

}  // namespace ldv::rare
