#pragma once
// Which basins runs visit over a fixed horizon: the question a figure of a few trajectories
// between several wells raises ("this run left its well and was trapped in the other one"),
// asked of N runs instead of one.
//
// Each run is the Euler–Maruyama chain X_{k+1} = X_k + b(X_k) h + √(εh) σ(X_k) ξ_k (discrete SGD
// with h = η, DESIGN.md; the coefficients taken at the pre-step point X_k, which is how a jump
// of b or σ across an interface is met) from a start inside one of several disjoint open balls,
// the basins. Run p of seed s draws Philox stream (s, p), the increments simulate_trajectory
// draws for path p (sim/trajectory.hpp), so run 0 can be drawn beside the counts. Membership is
// read on the grid: X_k is in basin b iff |X_k − c_b| < r_b (the open ball, sim/ball.hpp).
// For each run, over k = 0 … K: whether it left its start basin (some X_k outside it), whether
// it entered each other basin (some X_k inside it), and where X_K lies. Runs are split in fixed
// blocks over oneTBB and merged in block order: the counts never depend on the thread count.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/models/model.hpp"
#include "ldv/sim/ball.hpp"
#include "ldv/sim/trajectory.hpp"
#include "ldv/verify/evidence.hpp"

namespace ldv::measure {

struct BasinVisitRuns {
  Model model;
  std::vector<Ball> basins;          // disjoint open balls, at least 2
  std::vector<std::string> names;    // one per basin, e.g. "B₁"
  Vector start;                      // strictly inside one basin
  std::string start_name;            // e.g. "O₁"
  double eps = 0.0;                  // ε > 0
  double step = 0.0;                 // h > 0
  std::uint64_t iterations = 0;      // the horizon K >= 1
  std::uint64_t runs = 0;            // N >= 2
  std::uint64_t seed = 1;
  int threads = 0;                   // 0: all cores (the counts do not depend on it)
  bool draw_run0 = false;            // also record every iterate of run 0
};

struct BasinVisits {
  std::size_t start_basin = 0;
  std::uint64_t runs = 0;
  std::uint64_t left_start = 0;               // runs with some X_k, k <= K, outside the start basin
  std::vector<std::uint64_t> entered;         // per basin: runs with some X_k inside it (the start basin: N)
  std::vector<std::uint64_t> ended_in;        // per basin: runs with X_K inside it
  std::uint64_t ended_outside = 0;            // runs with X_K in no basin
  // The same counts as fractions with their Clopper–Pearson intervals (stats/binomial_interval.hpp).
  Estimate left_start_fraction;
  std::vector<Estimate> entered_fraction;     // per basin other than the start one, in basin order
  std::vector<Estimate> ended_fraction;       // per basin, then one for "in no basin"
  std::optional<Trajectory> run0;             // every iterate of run 0, when drawn
};

// InvalidInput naming the value when there are fewer than 2 basins, the names do not match
// them, two basins overlap, the start is in no basin, K = 0, N < 2, ε or h is not positive, or
// threads < 0. NumericalFailure when a run leaves the finite numbers.
BasinVisits measure_basin_visits(const BasinVisitRuns& runs);

// A 2-D trajectory in the plane (every `every`-th iterate) with the circles of the basins:
// what a figure of trajectories between wells shows. InvalidInput unless 2-D and every >= 1.
verify::Figure basins_plane_figure(const std::string& name, const std::string& title, const Trajectory& path,
                                   const std::vector<Ball>& basins, const std::vector<std::string>& names,
                                   std::uint64_t every, const std::string& path_label);

}  // namespace ldv::measure
