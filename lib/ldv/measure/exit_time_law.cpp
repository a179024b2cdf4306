#include "ldv/measure/exit_time_law.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::measure {
namespace {

ExitTimeLaw law_of(std::string label, double eps, const std::vector<double>& times, const std::string& name,
                   const std::string& method) {
  ExitTimeLaw out;
  out.label = std::move(label);
  out.eps = eps;
  out.test = stats::exponential_kolmogorov_smirnov(times);
  out.distance = stats::exponential_law_distance(name, times, method);
  out.times = times;
  out.scaled = times;
  for (double& t : out.scaled) t /= out.test.mean;
  std::sort(out.scaled.begin(), out.scaled.end());
  return out;
}

}  // namespace

ExitTimeLaw measure_exit_time_law(const ExitTimeProblem& problem, MonteCarloSettings settings,
                                  const std::string& label) {
  settings.keep_paths = true;
  const ExitTimeResult result = estimate_exit_time(problem, settings);
  if (result.sample.censored() > 0)
    throw NumericalFailure(fmt::format("exit-time law of {}: {} of {} paths were censored at t = {}; raise the "
                                       "horizon, a censored time is not an exit time",
                                       label, result.sample.censored(), result.sample.paths(), result.horizon));
  ExitTimeLaw out = law_of(label, problem.eps, result.exit_times, "KS distance of τ/E[τ] from Exp(1), " + label,
                           fmt::format("{} paths at ε = {:.4g}, step {:.3g}, {} estimator", settings.paths,
                                       problem.eps, problem.step, to_string(problem.estimator)));
  out.elapsed_s = result.elapsed_seconds;
  return out;
}

ExitTimeLaw pair_sum_law(const ExitTimeLaw& law) {
  if (law.times.size() < 4) throw_invalid(fmt::format("pair sums of {}: at least 4 exit times are needed", law.label));
  // Paths 2i and 2i + 1 are independent (streams keyed by path), so their sums are i.i.d.
  std::vector<double> sums;
  for (std::size_t i = 0; i + 1 < law.times.size(); i += 2) sums.push_back(law.times[i] + law.times[i + 1]);
  return law_of("sums of two exit times, " + law.label, law.eps, sums,
                "KS distance from Exp(1) of sums of two exit times, " + law.label,
                fmt::format("{} sums of the exit times of paths 2i and 2i + 1 of {} (a deliberately non-exponential "
                            "law: Gamma(2) when τ is exponential)",
                            sums.size(), law.label));
}

verify::Figure exit_time_law_figure(const std::vector<ExitTimeLaw>& laws) {
  verify::Figure f{"exit_time_law", "Law of the exit time: empirical CDF of τ/mean against Exp(1)", "τ / mean",
                   "P(τ/mean ≤ x)", false, false, {}};
  double largest = 0.0;
  for (const ExitTimeLaw& law : laws) {
    if (law.scaled.empty()) continue;
    verify::Series s{law.label, verify::SeriesStyle::lines, {}, {}, {}, {}};
    const std::size_t n = law.scaled.size();
    const std::size_t stride = std::max<std::size_t>(1, n / 400);
    for (std::size_t i = 0; i < n; i += stride) {
      s.x.push_back(law.scaled[i]);
      s.y.push_back(static_cast<double>(i + 1) / static_cast<double>(n));
    }
    largest = std::max(largest, law.scaled.back());
    f.series.push_back(std::move(s));
  }
  verify::Series exponential{"Exp(1): 1 − e^{−x}", verify::SeriesStyle::lines, {}, {}, {}, {}};
  for (int i = 0; i <= 200; ++i) {
    const double x = largest * i / 200.0;
    exponential.x.push_back(x);
    exponential.y.push_back(-std::expm1(-x));
  }
  f.series.push_back(std::move(exponential));
  return f;
}

}  // namespace ldv::measure
