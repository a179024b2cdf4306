#pragma once
// Figures of one recorded trajectory against a ball B = {x : |x − c| < r} (sim/ball.hpp):
// what panels of sample paths show (e.g. the implicit-regularizer paper's Figure 1): the
// radial process R = |x − c| against the iteration with the line R = r, and the positions
// with the sphere |x − c| = r, each with the first exit marked.
// Indices count recorded points (measure/first_exit.hpp).
#include <cstdint>
#include <string>

#include "ldv/measure/first_exit.hpp"
#include "ldv/verify/evidence.hpp"

namespace ldv::measure {

// What the caller names; the library adds the axes and the first exit's label
// ("first exit (iteration k)").
struct TrajectoryFigureLabels {
  std::string name;      // file stem, [a-z0-9_]+
  std::string title;
  std::string path;      // the trajectory's series, e.g. "R(t), μ = 1"
  std::string boundary;  // the series of ∂B, e.g. "R = 1 (∂U)" or "unit circle ∂U"
};

// R(i) = |x_i − c| against i, drawn by min–max decimation: for each window of `window`
// consecutive points [0, w), [w, 2w), … (the last one possibly shorter), its minimum and its
// maximum (one point when they coincide), in the order they occur. Plain subsampling would
// draw every w-th point and hide any excursion between them — an excursion towards ∂B is
// what such a figure is about; with fewer windows than the figure has pixels across, the
// decimated line covers the same pixels as one through every point. Series: R (lines), the
// line R = r over [0, last index] (lines), and the first exit (a point), if any.
// InvalidInput when window = 0, the trajectory is empty or the dimensions differ.
verify::Figure radial_figure(const Trajectory& path, const Ball& ball, std::uint64_t window,
                             const TrajectoryFigureLabels& labels);

// The positions of a 2-D trajectory: every `every`-th point from index 0 (a scatter shows
// density, which subsampling keeps), the circle |x − c| = r (361 points) and the first exit
// point, if any (marked whatever `every` is). InvalidInput when the trajectory is not 2-D
// (a plane figure), every = 0, the trajectory is empty or the ball's dimension differs.
verify::Figure positions_figure(const Trajectory& path, const Ball& ball, std::uint64_t every,
                                const TrajectoryFigureLabels& labels);

}  // namespace ldv::measure
