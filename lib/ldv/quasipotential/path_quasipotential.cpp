#include "ldv/quasipotential/path_quasipotential.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ldv/core/error.hpp"

namespace ldv::quasipotential {

Vector terminal_momentum(const Model& model, const Matrix& path) {
  if (path.rows() != model.dimension())
    throw_invalid(fmt::format("path has {} rows but the {} model has dimension {}", path.rows(), model.kind(),
                              model.dimension()));
  if (path.cols() < 3) throw_invalid(fmt::format("path has {} nodes; at least 3 expected", path.cols()));
  const Eigen::Index last = path.cols() - 1;
  // Only the tangent's direction enters θ̂, so the node spacing factor is left out.
  const Vector tangent = 3.0 * path.col(last) - 4.0 * path.col(last - 1) + path.col(last - 2);
  return paths::geometric_momentum(model, path.col(last), tangent);
}

PathQuasiPotential path_quasipotential(const Model& model, const Vector& attractor, const Vector& x,
                                       const paths::GmamSettings& settings, const Matrix* initial_path) {
  settings.validate();
  require_point("attractor", attractor, model.dimension());
  require_point("point x", x, model.dimension());
  PathQuasiPotential out;
  if (x == attractor) {  // V(x*) = 0 by definition; no path to compute
    out.gradient = Vector::Zero(x.size());
    out.path.method = "gmam";
    out.path.path = x.replicate(1, settings.nodes);
    out.path.converged = true;
    out.path.relative_change = 0.0;
    out.path.stop_reason = "x is the attractor: V = 0";
    return out;
  }
  out.path = paths::geometric_minimum_action_method(model, attractor, x, settings, initial_path);
  out.value = out.path.action;
  out.gradient = terminal_momentum(model, out.path.path);
  return out;
}

void require_equilibrium(const Model& model, const Vector& point, double radius, double tolerance,
                         const char* name) {
  require_point(name, point, model.dimension());
  const double drift = model.drift(point).norm();
  double scale = 1.0;
  Vector probe = point;
  for (Eigen::Index k = 0; k < point.size(); ++k) {
    for (const double sign : {-1.0, 1.0}) {
      probe(k) = point(k) + sign * radius;
      scale = std::max(scale, model.drift(probe).norm());
    }
    probe(k) = point(k);
  }
  if (!(drift <= tolerance * scale))
    throw_invalid(fmt::format("{} ({}) is not an equilibrium of the drift: |b| = {:.3g} there, above {:.3g} × {:.3g} "
                              "(the drift scale at distance {}); the quasi-potential is measured from an attractor",
                              name, fmt::join(point.data(), point.data() + point.size(), ", "), drift, tolerance, scale,
                              radius));
}

}  // namespace ldv::quasipotential
