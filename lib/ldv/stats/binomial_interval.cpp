#include "ldv/stats/binomial_interval.hpp"

#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/stats/quantiles.hpp"

namespace ldv::stats {
namespace {

void require_counts(std::uint64_t successes, std::uint64_t trials) {
  if (trials == 0) throw_invalid("trials = 0: a binomial proportion needs at least one trial");
  if (successes > trials)
    throw_invalid(fmt::format("successes = {} exceed trials = {}: expected 0 <= successes <= trials", successes,
                              trials));
}

}  // namespace

Interval clopper_pearson_interval(std::uint64_t successes, std::uint64_t trials, double confidence) {
  require_counts(successes, trials);
  require_open_interval("confidence", confidence, 0.0, 1.0);
  const double alpha = 1.0 - confidence;
  const double x = static_cast<double>(successes), n = static_cast<double>(trials);
  // The ends x = 0 and x = n are the limits of the Beta quantiles as a shape parameter
  // tends to 0 (Beta(0, ·) and Beta(·, 0) are point masses at 0 and 1).
  return {successes == 0 ? 0.0 : beta_quantile(0.5 * alpha, x, n - x + 1.0),
          successes == trials ? 1.0 : beta_quantile(1.0 - 0.5 * alpha, x + 1.0, n - x)};
}

Estimate binomial_proportion(std::string name, std::uint64_t successes, std::uint64_t trials, std::string method) {
  require_counts(successes, trials);
  const double value = static_cast<double>(successes) / static_cast<double>(trials);
  return {std::move(name), value,
          [successes, trials](double confidence) { return clopper_pearson_interval(successes, trials, confidence); },
          fmt::format("{}: {} of {}; exact binomial (Clopper-Pearson) interval", method, successes, trials)};
}

Estimate proportion_difference(std::string name, std::uint64_t successes_a, std::uint64_t trials_a,
                               std::uint64_t successes_b, std::uint64_t trials_b, std::string method) {
  require_counts(successes_a, trials_a);
  require_counts(successes_b, trials_b);
  const double value = static_cast<double>(successes_a) / static_cast<double>(trials_a) -
                       static_cast<double>(successes_b) / static_cast<double>(trials_b);
  return {std::move(name), value,
          [=](double confidence) {
            require_open_interval("confidence", confidence, 0.0, 1.0);
            const double each = 1.0 - 0.5 * (1.0 - confidence);  // Bonferroni over the two proportions
            const Interval a = clopper_pearson_interval(successes_a, trials_a, each);
            const Interval b = clopper_pearson_interval(successes_b, trials_b, each);
            return Interval{a.low - b.high, a.high - b.low};
          },
          fmt::format("{}: {} of {} minus {} of {}; difference of two exact binomial (Clopper-Pearson) intervals, "
                      "each at 1 − (1 − c)/2 (Bonferroni)",
                      method, successes_a, trials_a, successes_b, trials_b)};
}

}  // namespace ldv::stats
