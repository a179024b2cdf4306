#include "ldv/measure/basin_visits.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <tbb/info.h>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numbers>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/sim/euler_maruyama.hpp"
#include "ldv/stats/binomial_interval.hpp"

namespace ldv::measure {
namespace {

// Runs per block: the unit of parallel work, fixed so the block structure never depends on threads.
constexpr std::uint64_t kRunsPerBlock = 64;
constexpr int kNoBasin = -1;

int basin_of(const std::vector<Ball>& basins, const double* x) {
  for (std::size_t b = 0; b < basins.size(); ++b)
    if (basins[b].squared_distance_from_center(x) < basins[b].radius() * basins[b].radius()) return static_cast<int>(b);
  return kNoBasin;
}

struct RunOutcome {
  bool left = false;
  std::vector<char> entered;  // per basin
  int end = kNoBasin;
};

void validate(const BasinVisitRuns& r) {
  if (r.basins.size() < 2) throw_invalid(fmt::format("basin visits: {} basins, expected at least 2", r.basins.size()));
  if (r.names.size() != r.basins.size())
    throw_invalid(fmt::format("basin visits: {} names for {} basins", r.names.size(), r.basins.size()));
  const int d = r.model.dimension();
  for (std::size_t b = 0; b < r.basins.size(); ++b) {
    if (r.basins[b].dimension() != d)
      throw_invalid(fmt::format("basin visits: basin {} has dimension {}, the model {}", r.names[b],
                                r.basins[b].dimension(), d));
    for (std::size_t c = 0; c < b; ++c)
      if ((r.basins[b].center() - r.basins[c].center()).norm() < r.basins[b].radius() + r.basins[c].radius())
        throw_invalid(fmt::format("basin visits: basins {} and {} overlap", r.names[c], r.names[b]));
  }
  require_point("basin visits: start point", r.start, d);
  if (basin_of(r.basins, r.start.data()) == kNoBasin)
    throw_invalid(fmt::format("basin visits: the start point {} lies in no basin", r.start_name));
  require_positive("basin visits: eps", r.eps);
  require_positive("basin visits: step", r.step);
  require_positive_count("basin visits: iterations (the horizon K)", r.iterations);
  if (r.runs < 2) throw_invalid(fmt::format("basin visits: runs = {}, expected at least 2", r.runs));
  if (r.runs > 0xffffffffull) throw_invalid(fmt::format("basin visits: runs = {} exceed the 2^32 − 1 one seed keys", r.runs));
  if (r.threads < 0) throw_invalid(fmt::format("basin visits: threads = {} must be >= 0 (0: all cores)", r.threads));
}

// Run p: the increments of simulate_trajectory's path p (NormalStream (seed, p), d normals a step).
template <class Concrete>
RunOutcome one_run(const Concrete& model, const BasinVisitRuns& r, std::uint32_t p) {
  const int d = r.model.dimension();
  std::vector<double> x(r.start.data(), r.start.data() + d), normals(d), drift(d), kick(d);
  const int start = basin_of(r.basins, x.data());
  RunOutcome out;
  out.entered.assign(r.basins.size(), 0);
  out.entered[static_cast<std::size_t>(start)] = 1;
  NormalStream stream(r.seed, p);
  const double noise_scale = std::sqrt(r.eps * r.step);
  int where = start;
  for (std::uint64_t k = 1; k <= r.iterations; ++k) {
    stream.fill(normals.data(), d);
    euler_maruyama_step(model, d, x.data(), normals.data(), r.step, noise_scale, {drift.data(), kick.data()});
    if (!std::all_of(x.begin(), x.end(), [](double v) { return std::isfinite(v); }))
      throw NumericalFailure(fmt::format("basin visits: run {} left the finite numbers at step {}", p, k));
    where = basin_of(r.basins, x.data());
    if (where != start) out.left = true;
    if (where != kNoBasin) out.entered[static_cast<std::size_t>(where)] = 1;
  }
  out.end = where;
  return out;
}

}  // namespace

BasinVisits measure_basin_visits(const BasinVisitRuns& r) {
  validate(r);
  const std::size_t nb = r.basins.size();
  BasinVisits v;
  v.start_basin = static_cast<std::size_t>(basin_of(r.basins, r.start.data()));
  v.runs = r.runs;
  v.entered.assign(nb, 0);
  v.ended_in.assign(nb, 0);

  std::vector<RunOutcome> outcomes(r.runs);
  const std::uint64_t blocks = (r.runs + kRunsPerBlock - 1) / kRunsPerBlock;
  tbb::task_arena arena(r.threads > 0 ? r.threads : tbb::info::default_concurrency());
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, blocks, 1), [&](const tbb::blocked_range<std::uint64_t>& range) {
      for (std::uint64_t b = range.begin(); b != range.end(); ++b)
        r.model.visit([&](const auto& concrete) {
          for (std::uint64_t p = b * kRunsPerBlock; p < std::min(r.runs, (b + 1) * kRunsPerBlock); ++p)
            outcomes[p] = one_run(concrete, r, static_cast<std::uint32_t>(p));
        });
    });
  });
  for (const RunOutcome& o : outcomes) {  // in run order
    v.left_start += o.left ? 1 : 0;
    for (std::size_t b = 0; b < nb; ++b) v.entered[b] += o.entered[b] ? 1 : 0;
    if (o.end == kNoBasin) ++v.ended_outside;
    else ++v.ended_in[static_cast<std::size_t>(o.end)];
  }

  const std::string& home = r.names[v.start_basin];
  const std::string how = fmt::format("{} Euler–Maruyama runs (ε = {}, h = {}) from {}, run p on Philox stream (seed {}, "
                                      "p), coefficients at the pre-step point, basins read on the grid as open discs",
                                      r.runs, r.eps, r.step, r.start_name, r.seed);
  v.left_start_fraction = stats::binomial_proportion(
      fmt::format("fraction of runs from {} that leave {} within {} iterations", r.start_name, home, r.iterations),
      v.left_start, r.runs, how);
  for (std::size_t b = 0; b < nb; ++b)
    if (b != v.start_basin)
      v.entered_fraction.push_back(stats::binomial_proportion(
          fmt::format("fraction of runs from {} that reach {} within {} iterations", r.start_name, r.names[b],
                      r.iterations),
          v.entered[b], r.runs, how));
  for (std::size_t b = 0; b < nb; ++b)
    v.ended_fraction.push_back(stats::binomial_proportion(
        fmt::format("fraction of runs from {} in {} at iteration {}", r.start_name, r.names[b], r.iterations),
        v.ended_in[b], r.runs, how));
  v.ended_fraction.push_back(stats::binomial_proportion(
      fmt::format("fraction of runs from {} in no basin at iteration {}", r.start_name, r.iterations), v.ended_outside,
      r.runs, how));
  if (r.draw_run0) v.run0 = simulate_trajectory(r.model, r.start, {r.eps, r.step, r.iterations, 1, r.seed, 0});
  return v;
}

verify::Figure basins_plane_figure(const std::string& name, const std::string& title, const Trajectory& path,
                                   const std::vector<Ball>& basins, const std::vector<std::string>& names,
                                   std::uint64_t every, const std::string& path_label) {
  if (path.dimension != 2)
    throw_invalid(fmt::format("basins plane figure: the trajectory has dimension {}, expected 2", path.dimension));
  require_positive_count("basins plane figure stride", every);
  if (names.size() != basins.size())
    throw_invalid(fmt::format("basins plane figure: {} names for {} basins", names.size(), basins.size()));
  verify::Figure f{name, title, "x₁", "x₂", false, false, {}};
  verify::Series points{path_label, verify::SeriesStyle::points, {}, {}, {}, {}};
  const std::uint64_t n = path.times.size();
  for (std::uint64_t i = 0; i < n; i += every) {
    points.x.push_back(path.points[2 * i]);
    points.y.push_back(path.points[2 * i + 1]);
  }
  f.series.push_back(std::move(points));
  for (std::size_t b = 0; b < basins.size(); ++b) {
    if (basins[b].dimension() != 2) throw_invalid(fmt::format("basins plane figure: basin {} is not 2-D", names[b]));
    verify::Series circle{"∂" + names[b], verify::SeriesStyle::lines, {}, {}, {}, {}};
    for (int k = 0; k <= 360; ++k) {
      const double t = 2.0 * std::numbers::pi * k / 360.0;
      circle.x.push_back(basins[b].center()(0) + basins[b].radius() * std::cos(t));
      circle.y.push_back(basins[b].center()(1) + basins[b].radius() * std::sin(t));
    }
    f.series.push_back(std::move(circle));
  }
  if (n > 0)
    f.series.push_back({"position at the last iteration", verify::SeriesStyle::points, {path.points[2 * (n - 1)]},
                        {path.points[2 * (n - 1) + 1]}, {}, {}});
  return f;
}

}  // namespace ldv::measure
