#include "ldv/rare/reaction_coordinate.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/quasipotential/lyapunov.hpp"

namespace ldv::rare {

CoordinateChoice parse_coordinate_choice(const std::string& name) {
  if (name == "auto") return CoordinateChoice::automatic;
  if (name == "quasi-potential") return CoordinateChoice::quasi_potential;
  if (name == "distance") return CoordinateChoice::distance;
  throw_invalid(fmt::format("unknown reaction coordinate '{}': expected auto, quasi-potential or distance", name));
}

ReactionCoordinate::ReactionCoordinate(Kind kind, Vector center, Matrix precision)
    : kind_(kind), center_(std::move(center)), precision_(std::move(precision)) {}

ReactionCoordinate ReactionCoordinate::quasi_potential(const Matrix& precision, const Vector& attractor) {
  if (precision.rows() != attractor.size() || precision.cols() != attractor.size())
    throw_invalid(fmt::format("reaction coordinate: a {}×{} precision matrix for an attractor of dimension {}",
                              precision.rows(), precision.cols(), attractor.size()));
  const Matrix symmetric = 0.5 * (precision + precision.transpose());
  if (!(Eigen::SelfAdjointEigenSolver<Matrix>(symmetric).eigenvalues().minCoeff() > 0.0))
    throw_invalid("reaction coordinate: the precision matrix Σ⁻¹ must be positive definite");
  return ReactionCoordinate(Kind::quasi_potential, attractor, symmetric);
}

ReactionCoordinate ReactionCoordinate::distance(const Vector& center) {
  if (center.size() < 1 || !center.allFinite())
    throw_invalid("reaction coordinate: the distance needs a finite centre of dimension >= 1");
  return ReactionCoordinate(Kind::distance, center, Matrix());
}

ReactionCoordinate ReactionCoordinate::for_model(const Model& model, const Vector& center, CoordinateChoice choice) {
  const bool exact = quasipotential::has_exact_quasipotential(model);
  if (choice == CoordinateChoice::quasi_potential && !exact)
    throw_invalid(fmt::format("reaction coordinate 'quasi-potential' needs an exact quasi-potential, which the {} model "
                              "has not (kinds quadratic and linear have one); use 'distance' or 'auto'",
                              model.kind()));
  if (choice == CoordinateChoice::distance || !exact) return distance(center);
  const quasipotential::LyapunovQuasiPotential v = quasipotential::exact_quasipotential(model);
  return quasi_potential(v.precision(), v.attractor());
}

std::string ReactionCoordinate::name() const {
  return kind_ == Kind::distance ? "distance" : "quasi-potential (Lyapunov)";
}

double ReactionCoordinate::operator()(const Vector& x) const {
  if (x.size() != center_.size())
    throw_invalid(fmt::format("reaction coordinate of dimension {} at a point of dimension {}", center_.size(), x.size()));
  return value(x.data());
}

double ReactionCoordinate::lower_bound_on_sphere(const Vector& ball_center, double radius) const {
  const double offset = (ball_center - center_).norm();
  const double gap = std::max(0.0, radius - offset);  // every point of the sphere is at least this far from the centre
  if (kind_ == Kind::distance) return gap;
  // V ≥ ½ λ_min(P) |x − x*|²; exact (= min over the sphere) when the sphere is centred at x*.
  const double lambda = Eigen::SelfAdjointEigenSolver<Matrix>(precision_).eigenvalues().minCoeff();
  return 0.5 * lambda * gap * gap;
}

}  // namespace ldv::rare
