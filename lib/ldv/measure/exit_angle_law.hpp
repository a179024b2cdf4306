#pragma once
// The law of where runs leave a ball, measured on the exit points themselves (not on a
// ladder of ε, unlike measure/exit_angle.hpp): the angle ψ ∈ [0°, 90°] between the exit
// point, seen from the centre, and the line through the centre along a given unit axis,
//   ψ = atan2(|v − (a·v) a|, |a·v|),  v = x_exit − c,
// which is 0 on the axis (either end) and 90° across it. It answers "do the exits of these
// runs happen along the axis?" with a histogram of ψ and the fraction of exits within a
// stated angle of the axis, with its exact binomial interval (the exits are independent
// runs). Reference: in the plane, a rotation-invariant exit law (e.g. isotropic noise on a
// radial drift) makes ψ uniform on [0°, 90°], so the fraction within δ is δ/90°.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/core/linalg.hpp"
#include "ldv/verify/evidence.hpp"

namespace ldv::measure {

struct ExitAngleLaw {
  std::vector<double> angles;          // ψ of each exit point, in degrees, in the order given
  std::vector<std::uint64_t> counts;   // exits per bin of [0°, 90°] (equal bins, the last one closed)
  double near_axis_degrees = 0.0;      // δ
  std::uint64_t near_axis = 0;         // exits with ψ ≤ δ
  // near_axis / exits with its Clopper–Pearson interval; absent when there is no exit.
  std::optional<Estimate> near_axis_fraction;
  std::uint64_t exits() const { return angles.size(); }
};

// `exit_points` row-major (exits × d), d = center.size() >= 2; `axis` a unit vector of
// dimension d; bins >= 1; δ in (0°, 90°). `name` names the fraction. InvalidInput naming the
// value otherwise, or when an exit point is the centre itself (no direction).
ExitAngleLaw exit_angle_law(const std::vector<double>& exit_points, const Vector& center, const Vector& axis,
                            int bins, double near_axis_degrees, std::string name);

// The histogram of one or more laws: per law the fraction of its exits in each bin (at the
// bin's centre, with the bin's Clopper–Pearson interval at `level`), and the uniform law's
// 1/bins as a line. Laws without exits are left out (their label says so in `labels`' place).
verify::Figure exit_angle_law_figure(const std::string& name, const std::string& title,
                                     const std::vector<std::string>& labels, const std::vector<ExitAngleLaw>& laws,
                                     double level);

}  // namespace ldv::measure
