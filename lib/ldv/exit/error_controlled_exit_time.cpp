#include "ldv/exit/error_controlled_exit_time.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <utility>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/stats/quantiles.hpp"

namespace ldv {
namespace {

// Paths are keyed by a 32-bit index per level (multilevel_level.hpp).
constexpr std::uint64_t kMaxPathsPerLevel = 0xFFFF'FFFFull;

ExitTimeProblem level_problem(const ExitTimeProblem& problem, int level) {
  ExitTimeProblem p = problem;
  p.step = std::ldexp(problem.step, -level);
  return p;
}

struct Totals {
  double value = 0.0, variance = 0.0, bias = 0.0;
  double bias_noise = 0.0;  // the z·se(b̂) part of `bias`
};

// The finest step's bias b(h_L) from the expansion b(h) = a₂h + a₃h^{3/2} (header): with
// Y_l = b(h_l) − b(2h_l), two correction levels determine a₂ and a₃ and
//   b(h_L) = c_L Ŷ_L + c_{L−1} Ŷ_{L−1},  c_L ≈ −2.094, c_{L−1} ≈ 0.547 (derived below);
// one correction level, only the leading term: b(h_L) = −Ŷ_L. Returns the (level, c_l) pairs.
std::vector<std::pair<std::size_t, double>> bias_weights(std::size_t level_count) {
  const std::size_t last = level_count - 1;
  if (last < 2) return {{last, -1.0}};
  const double k = std::pow(2.0, 1.5) - 1.0;  // Y_l = −a₂h_l − k a₃h_l^{3/2}
  // Y_L = −A − kB, Y_{L−1} = −2A − 2^{3/2} k B (A = a₂h_L, B = a₃h_L^{3/2}) ⇒ B = (2Y_L − Y_{L−1})/(2^{3/2}k − 2k),
  // b = A + B = −Y_L + (1 − k) B.
  const double denominator = (std::pow(2.0, 1.5) - 2.0) * k;
  return {{last - 1, -(1.0 - k) / denominator}, {last, -1.0 + 2.0 * (1.0 - k) / denominator}};
}

// The estimate is |b̂| + z·se(b̂).
Totals totals(const std::vector<LevelSample>& levels, double z) {
  Totals t;
  for (const LevelSample& s : levels) {
    t.value += s.mean();
    t.variance += s.variance() / static_cast<double>(s.paths);
  }
  double b = 0.0, noise_variance = 0.0;
  for (const auto& [l, c] : bias_weights(levels.size())) {
    b += c * levels[l].mean();
    noise_variance += c * c * levels[l].variance() / static_cast<double>(levels[l].paths);
  }
  t.bias_noise = z * std::sqrt(noise_variance);
  t.bias = std::abs(b) + t.bias_noise;
  return t;
}

}  // namespace

ErrorControlledExitTime estimate_exit_time_to_tolerance(const ExitTimeProblem& problem,
                                                        const ErrorControlSettings& settings) {
  const auto started = std::chrono::steady_clock::now();
  require_open_interval("tolerance", settings.tolerance, 0.0, 1.0);
  require_open_interval("confidence", settings.confidence, 0.0, 1.0);
  if (settings.pilot_paths < 100)
    throw_invalid(fmt::format("pilot paths = {} must be >= 100 (a level's variance sets its path count)",
                              settings.pilot_paths));
  if (settings.max_levels < 1 || settings.max_levels > 20)
    throw_invalid(fmt::format("max levels = {} must lie in [1, 20]", settings.max_levels));
  if (problem.estimator == ExitEstimator::bridge)
    throw_invalid("error control runs the gobet-menozzi or discrete estimator, not bridge (its kill uniforms "
                  "have no coarse counterpart in a multilevel pair)");
  ErrorControlledExitTime out;
  out.warnings = validate(problem, {settings.pilot_paths, settings.seed, settings.threads, settings.confidence, false});
  out.confidence = settings.confidence;
  out.coarsest_step = problem.step;
  const double z = stats::normal_quantile(0.5 * (1.0 + settings.confidence));
  const double share = 0.5 * settings.tolerance;  // of |P| for the statistics, the same for the bias

  std::vector<LevelSample> levels;
  auto extend = [&](int level, std::uint64_t target) {
    if (level == static_cast<int>(levels.size())) {
      levels.push_back(run_exit_level(level_problem(problem, level), level, 0, target, settings.seed, settings.threads));
      return;
    }
    LevelSample& s = levels[static_cast<std::size_t>(level)];
    if (target > s.paths)
      s.merge(run_exit_level(level_problem(problem, level), level, s.paths, target, settings.seed, settings.threads));
  };
  for (int l = 0; l <= std::min(2, settings.max_levels); ++l) extend(l, settings.pilot_paths);

  Totals t;
  for (;;) {
    t = totals(levels, z);
    if (t.bias > share * std::abs(t.value)) {
      // Mostly noise in the bias estimate: more paths on the levels it reads, not a finer level.
      if (t.bias_noise > 0.5 * t.bias) {
        for (const auto& [l, c] : bias_weights(levels.size()))
          if (levels[l].paths < kMaxPathsPerLevel / 2) extend(static_cast<int>(l), 2 * levels[l].paths);
        continue;
      }
      const int next = static_cast<int>(levels.size());
      if (next > settings.max_levels) break;
      extend(next, settings.pilot_paths);
      continue;
    }
    // The statistics get what the bias bound leaves of the total (at least half of it, by the
    // test above): only z·se(P) + bias_estimate <= tolerance·|P| matters. Optimal path counts
    // for z·se(P) <= that share.
    const double target_se = (settings.tolerance * std::abs(t.value) - t.bias) / z;
    double sum = 0.0;
    for (const LevelSample& s : levels)
      sum += std::sqrt(s.variance() * static_cast<double>(s.steps) / static_cast<double>(s.paths));
    bool grew = false;
    for (std::size_t l = 0; l < levels.size(); ++l) {
      const LevelSample& s = levels[l];
      const double cost = static_cast<double>(s.steps) / static_cast<double>(s.paths);
      const double wanted = std::ceil(std::sqrt(s.variance() / cost) * sum / (target_se * target_se));
      const auto target = static_cast<std::uint64_t>(std::min(wanted, static_cast<double>(kMaxPathsPerLevel)));
      // Grow by at least 10% so that noisy variance estimates do not cause many tiny runs.
      if (target > s.paths) {
        extend(static_cast<int>(l), std::max(target, s.paths + s.paths / 10));
        grew = true;
      }
    }
    if (!grew) break;
  }
  out.value = t.value;
  out.std_error = std::sqrt(t.variance);
  out.bias_estimate = t.bias;
  out.half_width = z * out.std_error + out.bias_estimate;
  out.ci_low = out.value - out.half_width;
  out.ci_high = out.value + out.half_width;
  out.tolerance_met = out.half_width <= settings.tolerance * std::abs(out.value);
  out.finest_step = std::ldexp(problem.step, -(static_cast<int>(levels.size()) - 1));
  for (const LevelSample& s : levels) {
    out.steps_simulated += s.steps;
    out.censored += s.censored;
  }
  out.levels = std::move(levels);
  if (!out.tolerance_met)
    out.warnings.push_back(fmt::format(
        "the tolerance {} is not met: bias estimate {:.3g} and statistical half-width {:.3g} against {:.3g} allowed "
        "after {} levels (finest step {:g}); raise max levels or the coarsest step's accuracy",
        settings.tolerance, out.bias_estimate, z * out.std_error, settings.tolerance * std::abs(out.value),
        out.levels.size(), out.finest_step));
  if (out.censored > 0)
    out.warnings.push_back(fmt::format("{} paths reached the horizon {:g} without exiting and count as exiting "
                                       "there: the estimate is biased low; raise the horizon",
                                       out.censored, problem.max_time));
  out.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

}  // namespace ldv
