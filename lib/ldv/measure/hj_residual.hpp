#pragma once
// How well a candidate quasi-potential V solves a Hamilton–Jacobi equation with a chosen
// metric M (action/metric_hamilton_jacobi.hpp): M = D is Freidlin–Wentzell's, M = D^{1/2} the
// escape paper's eq. (4). The measured quantity is dimensionless,
//   ρ = ‖R‖₂ / ‖b·∇V‖₂   over a set of points,   R = ½∇VᵀM∇V + b·∇V,
// the residual against the drift term both equations share (ρ = 0 for an exact solution,
// ρ = O(1) when V solves another equation).
//
// Two kinds of V:
//  * a closed form with its exact gradient (e.g. a Lyapunov quasi-potential): ρ is exact up
//    to rounding, and the Estimate's interval is a rounding allowance of 1e-10;
//  * ldv's independently computed quasi-potential, V(x) by geometric MAM from the attractor
//    (quasipotential/path_quasipotential.hpp), with ∇V by central differences of those values.
//    Why not gMAM's terminal momentum θ̂ as ∇V: θ̂ = D⁻¹(λφ' − b) with λ = |b|_A/|φ'|_A lies on
//    the Freidlin–Wentzell zero set H(x, θ̂) = 0 by construction, for ANY end tangent φ', so its
//    Freidlin–Wentzell residual is 0 to rounding whether or not the path is right — it cannot
//    confirm anything. Central differences of V carry no such identity. Error: the gMAM
//    discretisation error is O(1/N²) and the difference quotient's O(h²); ρ is computed at
//    (N, h) and at (2N, h/2), the finer value is reported, and the systematic half-width is
//    ‖R_fine − R_coarse‖₂/‖b·∇V‖₂ + |ρ_fine − ρ_coarse| (both second order: the finer value's own
//    error is about a third of that, so the allowance is conservative), plus 1e-8 for the
//    gMAM stop tolerance.
#include <string>
#include <vector>

#include "ldv/action/metric_hamilton_jacobi.hpp"
#include "ldv/core/estimate.hpp"
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"
#include "ldv/quasipotential/quadratic_hj_solutions.hpp"
#include "ldv/verify/evidence.hpp"

namespace ldv::measure {

// `count` points on the circle of `radius` around the origin (2-D), at angles
// (k + ½)·2π/count: none on an axis, where residuals of diagonal problems vanish by symmetry.
Matrix circle_points(double radius, int count);

struct ResidualProfile {
  Matrix points;      // d × K
  Vector residual;    // R at each point
  Vector drift_term;  // b·∇V at each point
  double relative() const;  // ρ = ‖R‖₂ / ‖b·∇V‖₂
};

struct ResidualMeasurement {
  ResidualProfile profile;  // the finer resolution for gMAM, the exact one for a closed form
  Estimate relative;        // ρ with its interval
};

// A closed-form V given by its gradient.
ResidualMeasurement closed_form_residual(std::string name, const Model& model, const action::MetricField& metric,
                                         const action::PotentialGradient& gradient, const Matrix& points,
                                         const std::string& method);

struct PathResidualSettings {
  int nodes = 101;               // N of the coarse run (the fine run uses 2N − 1)
  double difference_step = 1e-2; // h of the coarse run (the fine run uses h/2)
  double gmam_tolerance = 1e-10;
  void validate() const;         // InvalidInput naming the bad field
};

// ∇V of ldv's quasi-potential at `points` at both resolutions: V by geometric MAM from the
// origin (the linear models' attractor) to the points ± h e_k. Computed once, evaluated in any
// metric. NumericalFailure when a gMAM run does not converge.
struct PathGradients {
  Matrix points;        // d × K
  Matrix coarse, fine;  // ∇V at (N, h) and (2N − 1, h/2), d × K
  PathResidualSettings settings;
};
PathGradients path_quasipotential_gradients(const Model& model, const Matrix& points,
                                            const PathResidualSettings& settings = {});
ResidualMeasurement path_quasipotential_residual(std::string name, const Model& model,
                                                 const action::MetricField& metric, const PathGradients& gradients);

// ρ with gMAM's terminal momentum as ∇V (0 to rounding in the Freidlin–Wentzell metric, by
// construction; see above): shown beside the measurement, never held against a prediction.
double terminal_momentum_relative_residual(const Model& model, const action::MetricField& metric,
                                           const Matrix& points, int nodes);

// How many members of a family of candidate solutions (quasipotential/quadratic_hj_solutions.hpp)
// solve the equation with `metric`: a member counts when max |R| over the points is at most
// 1e-10 × (1 + max |b·∇V|) (rounding; W ≡ 0 has R ≡ 0). The count is exact (an Estimate with a
// zero-width interval); the per-member residuals and minima on the circle of `radius` are kept.
struct SolutionFamilyCheck {
  std::vector<std::string> labels;
  std::vector<double> max_residual;    // max |R| over the points, per member
  std::vector<double> sphere_minimum;  // min of V_S on the sphere of `radius`, per member
  Estimate count;                      // members that solve the equation
};
SolutionFamilyCheck count_classical_solutions(std::string name, const Model& model, const action::MetricField& metric,
                                              const std::vector<quasipotential::QuadraticHjSolution>& family,
                                              const Matrix& points, double radius);

// Each member's V_S along the circle of `radius` (2-D) against the angle.
verify::Figure solution_family_figure(const std::string& title,
                                      const std::vector<quasipotential::QuadraticHjSolution>& family, double radius);

// R/‖b·∇V‖_rms against the angle of each point (2-D), one series per (label, profile).
verify::Figure residual_figure(const std::string& name, const std::string& title,
                               const std::vector<std::pair<std::string, ResidualProfile>>& profiles);

}  // namespace ldv::measure
