#include "ldv/stats/mean_estimate.hpp"

#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/stats/quantiles.hpp"

namespace ldv::stats {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

struct Interval {
  double low, high;
};

// Two-sided Student-t interval for E[min(τ, T)] at `level`. With every path censored the
// sample variance is 0 and the interval collapses to [T, T], which is right: then
// min(τ, T) = T almost surely as far as the sample can tell.
Interval truncated_mean_interval(const CensoredSample& sample, double level) {
  const double n = static_cast<double>(sample.paths());
  const double half_width = student_t_quantile(0.5 * (1.0 + level), n - 1.0) *
                            std::sqrt(sample.variance_truncated() / n);
  return {sample.mean_truncated() - half_width, sample.mean_truncated() + half_width};
}

// Clopper & Pearson (1934) exact interval for a binomial proportion x/n at `level`:
// [B(α/2; x, n−x+1), B(1−α/2; x+1, n−x)] with B the beta quantile, the ends 0 and 1
// when x = 0 or x = n.
Interval clopper_pearson(std::uint64_t x, std::uint64_t n, double level) {
  const double alpha = 1.0 - level;
  const double xd = static_cast<double>(x), nd = static_cast<double>(n);
  return {x == 0 ? 0.0 : beta_quantile(0.5 * alpha, xd, nd - xd + 1.0),
          x == n ? 1.0 : beta_quantile(1.0 - 0.5 * alpha, xd + 1.0, nd - xd)};
}

// Exact interval for a Poisson rate given k events over exposure E (Garwood 1936):
// λ ∈ [χ²_{α/2}(2k)/(2E), χ²_{1−α/2}(2k+2)/(2E)], the lower end 0 when k = 0. It applies
// because, under a constant hazard λ, the exits in [T/2, T] with total time at risk E form
// a Poisson process in exposure time (the likelihood is λ^k e^{−λE}).
Interval poisson_rate(std::uint64_t k, double exposure, double level) {
  const double alpha = 1.0 - level;
  const double kd = static_cast<double>(k);
  return {k == 0 ? 0.0 : chi_squared_quantile(0.5 * alpha, 2.0 * kd) / (2.0 * exposure),
          chi_squared_quantile(1.0 - 0.5 * alpha, 2.0 * kd + 2.0) / (2.0 * exposure)};
}

MeanEstimate student_t_estimate(const CensoredSample& sample, double confidence) {
  const double n = static_cast<double>(sample.paths());
  const Interval interval = truncated_mean_interval(sample, confidence);
  MeanEstimate estimate;
  estimate.mean = sample.mean_truncated();
  estimate.ci_low = interval.low;
  estimate.ci_high = interval.high;
  estimate.std_error = std::sqrt(sample.variance_truncated() / n);
  estimate.method = "student-t";
  return estimate;
}

// E[τ] = E[min(τ, T)] + E[(τ − T)⁺] = E[min(τ, T)] + S(T) · E[τ − T | τ > T].
// Freidlin–Wentzell theory predicts that a metastable exit time is asymptotically
// exponential, i.e. memoryless: E[τ − T | τ > T] = 1/λ with λ the (constant) exit hazard.
// λ is estimated in the window [T/2, T], assumed to be already in the exponential regime,
// as exits / exposure (the maximum-likelihood estimate of a constant hazard).
// The three ingredients have separate intervals, each at level 1 − α/3; by Bonferroni all
// three hold at once with probability >= 1 − α, and the combination below is monotone in
// each ingredient, so the resulting interval for E[τ] has coverage >= 1 − α — as long as the
// tail really is exponential. For a law whose hazard keeps rising after T/2 (IFR, e.g. a
// gamma of shape > 1) the window hazard is too small and the tail term is overestimated.
MeanEstimate exponential_tail_estimate(const CensoredSample& sample, double confidence,
                                       double model_free_lower_bound) {
  const double bonferroni_level = 1.0 - (1.0 - confidence) / 3.0;
  const Interval truncated = truncated_mean_interval(sample, bonferroni_level);
  const Interval survival = clopper_pearson(sample.censored(), sample.paths(), bonferroni_level);
  const std::uint64_t window_exits = sample.tail_window_exits();
  const double exposure = sample.tail_window_exposure();  // > 0: each censored path adds T/2
  const Interval hazard = poisson_rate(window_exits, exposure, bonferroni_level);

  MeanEstimate estimate;
  estimate.method = "rmst+exponential-tail";
  const double survival_hat = static_cast<double>(sample.censored()) / static_cast<double>(sample.paths());
  // No exit in the window: the hazard estimate is 0 and the tail mean unbounded.
  estimate.mean = window_exits == 0
                      ? infinity
                      : sample.mean_truncated() + survival_hat * exposure / static_cast<double>(window_exits);
  estimate.ci_high = hazard.low == 0.0 ? infinity : truncated.high + survival.high / hazard.low;
  if (sample.censored() == sample.paths()) {
    // Every path censored: no exit at all, so nothing supports the exponential model;
    // report only what holds for any law.
    estimate.ci_low = model_free_lower_bound;
  } else {
    estimate.ci_low = truncated.low + survival.low / hazard.high;
  }
  return estimate;
}

}  // namespace

MeanEstimate estimate_mean(const CensoredSample& sample, double confidence) {
  require_open_interval("confidence", confidence, 0.0, 1.0);
  if (sample.paths() < 2)
    throw_invalid(fmt::format("estimate_mean: the sample has {} path(s); an interval needs at least 2",
                              sample.paths()));

  const double model_free_lower_bound = truncated_mean_interval(sample, confidence).low;
  MeanEstimate estimate = sample.censored() == 0
                              ? student_t_estimate(sample, confidence)
                              : exponential_tail_estimate(sample, confidence, model_free_lower_bound);
  estimate.confidence = confidence;
  estimate.paths = sample.paths();
  estimate.censored = sample.censored();
  estimate.model_free_lower_bound = model_free_lower_bound;
  if (estimate.method != "student-t") {
    // The standard error a normal interval of the same width would have.
    estimate.std_error = std::isinf(estimate.ci_high)
                             ? infinity
                             : (estimate.ci_high - estimate.ci_low) /
                                   (2.0 * normal_quantile(0.5 * (1.0 + confidence)));
  }
  return estimate;
}

}  // namespace ldv::stats
