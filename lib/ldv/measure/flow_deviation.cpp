#include "ldv/measure/flow_deviation.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "ldv/measure/detail/parallel_blocks.hpp"
#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/sim/euler_maruyama.hpp"
#include "ldv/stats/interval_policy.hpp"
#include "ldv/stats/quantiles.hpp"
#include "ldv/stats/running_moments.hpp"

namespace ldv::measure {
namespace {

constexpr std::uint64_t kPathsPerBlock = 256;

struct BlockSummary {
  std::vector<stats::RunningMoments> fine, coarse, difference;  // difference: fine − coarse per path
};

// The noise-free Euler flow on a grid of `steps` steps of `step`, recorded after every `every` steps.
template <class ConcreteModel>
std::vector<double> flow(const ConcreteModel& model, int d, const Vector& start, double step, std::uint64_t steps,
                         std::uint64_t every) {
  std::vector<double> x(start.data(), start.data() + d), drift(d), kick(d), zero(d, 0.0), out;
  for (std::uint64_t k = 1; k <= steps; ++k) {
    euler_maruyama_step(model, d, x.data(), zero.data(), step, 0.0, {drift.data(), kick.data()});
    if (k % every == 0) out.insert(out.end(), x.begin(), x.end());
  }
  return out;
}

}  // namespace

Estimate FlowDeviation::max_constant(double horizon, const std::string& name) const {
  std::size_t best = times.size();
  for (std::size_t i = 0; i < times.size() && times[i] <= horizon * (1 + 1e-12); ++i)
    if (best == times.size() || mean[i] > mean[best]) best = i;
  if (best == times.size()) throw_invalid(fmt::format("{}: no recorded time within the horizon {}", name, horizon));
  return stats::normal_estimate(
      name, mean[best], std_error[best], std::abs(mean[best] - coarse_mean[best]),
      fmt::format("max over recorded t ≤ {} of E|x(t) − x_GD(t)|²/ε, at t = {:.4g}: sample mean over the paths × normal "
                  "quantile, + Euler's weak error |m_h − m_2h| = {:.3g} (the same Brownian paths at steps h and 2h)",
                  horizon, times[best], std::abs(mean[best] - coarse_mean[best])));
}

FlowDeviation measure_flow_deviation(const FlowDeviationRuns& r) {
  const int d = r.model.dimension();
  require_point("start", r.start, d);
  require_positive("eps", r.eps);
  require_positive("horizon", r.horizon);
  require_positive("step", r.step);
  require_positive_count("record_every", r.record_every);
  if (r.paths < 2) throw_invalid(fmt::format("paths = {} must be at least 2", r.paths));
  const double coarse_steps_real = r.horizon / (2 * r.step);
  const auto coarse_steps = static_cast<std::uint64_t>(std::llround(coarse_steps_real));
  if (coarse_steps < 1 || std::abs(coarse_steps_real - static_cast<double>(coarse_steps)) > 1e-9 * coarse_steps_real)
    throw_invalid(fmt::format("horizon T = {} is not a whole number of coarse steps 2h = {}", r.horizon, 2 * r.step));
  if (coarse_steps % r.record_every != 0)
    throw_invalid(fmt::format("{} coarse steps are not a multiple of record_every = {}", coarse_steps, r.record_every));
  const std::uint64_t records = coarse_steps / r.record_every;

  FlowDeviation out;
  for (std::uint64_t i = 1; i <= records; ++i)
    out.times.push_back(static_cast<double>(i * r.record_every) * 2 * r.step);
  const std::uint64_t blocks = (r.paths + kPathsPerBlock - 1) / kPathsPerBlock;
  const std::vector<stats::RunningMoments> empty(records);
  std::vector<BlockSummary> summaries(blocks, BlockSummary{empty, empty, empty});
  r.model.visit([&](const auto& model) {
    const std::vector<double> gd_fine = flow(model, d, r.start, r.step, 2 * coarse_steps, 2 * r.record_every);
    const std::vector<double> gd_coarse = flow(model, d, r.start, 2 * r.step, coarse_steps, r.record_every);
    const double noise = std::sqrt(r.eps * r.step), coarse_noise = std::sqrt(r.eps * 2 * r.step);
    detail::for_each_block(blocks, r.threads, [&](std::uint64_t b) {
      std::vector<double> fine(d), coarse(d), z(2 * d), zc(d), drift(d), kick(d);
      for (std::uint64_t p = b * kPathsPerBlock; p < std::min(r.paths, (b + 1) * kPathsPerBlock); ++p) {
        NormalStream stream(r.seed, static_cast<std::uint32_t>(p));
        std::copy(r.start.data(), r.start.data() + d, fine.begin());
        std::copy(r.start.data(), r.start.data() + d, coarse.begin());
        for (std::uint64_t k = 1; k <= coarse_steps; ++k) {
          stream.fill(z.data(), 2 * d);
          euler_maruyama_step(model, d, fine.data(), z.data(), r.step, noise, {drift.data(), kick.data()});
          euler_maruyama_step(model, d, fine.data(), z.data() + d, r.step, noise, {drift.data(), kick.data()});
          for (int i = 0; i < d; ++i) zc[i] = (z[i] + z[d + i]) / std::sqrt(2.0);  // the same Brownian increment
          euler_maruyama_step(model, d, coarse.data(), zc.data(), 2 * r.step, coarse_noise, {drift.data(), kick.data()});
          if (k % r.record_every != 0) continue;
          const std::uint64_t i = k / r.record_every - 1;
          double sf = 0.0, sc = 0.0;
          for (int j = 0; j < d; ++j) {
            sf += (fine[j] - gd_fine[i * d + j]) * (fine[j] - gd_fine[i * d + j]);
            sc += (coarse[j] - gd_coarse[i * d + j]) * (coarse[j] - gd_coarse[i * d + j]);
          }
          if (!std::isfinite(sf) || !std::isfinite(sc))
            throw NumericalFailure(fmt::format("path {} left the finite numbers by t = {}", p, out.times[i]));
          summaries[b].fine[i].add(sf / r.eps);
          summaries[b].coarse[i].add(sc / r.eps);
          summaries[b].difference[i].add((sf - sc) / r.eps);
        }
      }
    });
  });
  for (std::uint64_t i = 0; i < records; ++i) {
    stats::RunningMoments fine, coarse, difference;
    for (const BlockSummary& s : summaries) {  // block order: the same bits for any thread count
      fine.merge(s.fine[i]);
      coarse.merge(s.coarse[i]);
      difference.merge(s.difference[i]);
    }
    out.mean.push_back(fine.mean());
    out.std_error.push_back(fine.std_error_of_mean());
    out.coarse_mean.push_back(coarse.mean());
    out.difference_std_error.push_back(difference.std_error_of_mean());
  }
  return out;
}

verify::Figure flow_deviation_figure(const std::string& name, const std::string& title, const FlowDeviation& m,
                                     double level, const std::vector<TimeCurve>& curves) {
  require_open_interval("figure level", level, 0.0, 1.0);
  verify::Figure f{name, title, "t", "E|x(t) − x_GD(t)|² / ε", false, true, {}};
  verify::Series points{fmt::format("measured (intervals at {:.4g}%)", 100 * level), verify::SeriesStyle::errorbars,
                        {}, {}, {}, {}};
  const double z = stats::normal_quantile(0.5 * (1 + level));
  for (std::size_t i = 0; i < m.times.size(); ++i) {
    const double half = z * m.std_error[i] + std::abs(m.mean[i] - m.coarse_mean[i]);
    points.x.push_back(m.times[i]);
    points.y.push_back(m.mean[i]);
    points.y_low.push_back(m.mean[i] - half);
    points.y_high.push_back(m.mean[i] + half);
  }
  f.series.push_back(std::move(points));
  for (const TimeCurve& c : curves) {
    if (c.values.size() != m.times.size())
      throw_invalid(fmt::format("curve '{}' has {} values for {} recorded times", c.label, c.values.size(), m.times.size()));
    f.series.push_back({c.label, verify::SeriesStyle::lines, m.times, c.values, {}, {}});
  }
  return f;
}

}  // namespace ldv::measure
