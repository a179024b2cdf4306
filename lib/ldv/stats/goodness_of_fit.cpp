#include "ldv/stats/goodness_of_fit.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <utility>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/stats/quantiles.hpp"

namespace ldv::stats {
namespace {

// Stephens (1974), Table 1A, exponential with estimated scale: (significance, D* point).
constexpr std::array<std::pair<double, double>, 5> kStephensPoints = {
    {{0.15, 0.926}, {0.10, 0.990}, {0.05, 1.094}, {0.025, 1.190}, {0.01, 1.308}}};

}  // namespace

ExponentialKolmogorovSmirnov exponential_kolmogorov_smirnov(const std::vector<double>& sample) {
  if (sample.size() < 2) throw_invalid(fmt::format("exponential KS test: {} values; at least 2 are needed", sample.size()));
  double sum = 0.0;
  for (double v : sample) {
    if (!std::isfinite(v) || v < 0.0)
      throw_invalid(fmt::format("exponential KS test: value {} is not a finite number >= 0", v));
    sum += v;
  }
  const double n = static_cast<double>(sample.size());
  ExponentialKolmogorovSmirnov out;
  out.n = sample.size();
  out.mean = sum / n;
  if (!(out.mean > 0.0)) throw_invalid("exponential KS test: every value is 0, so the sample has no scale");
  double squares = 0.0;
  for (double v : sample) squares += (v - out.mean) * (v - out.mean);
  out.std_deviation = std::sqrt(squares / (n - 1.0));
  std::vector<double> sorted = sample;
  std::sort(sorted.begin(), sorted.end());
  // The supremum over x of |F_n − F| is attained at a sample point, from one side or the other.
  double d = 0.0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const double f = -std::expm1(-sorted[i] / out.mean);  // 1 − e^{−x}, accurate near 0
    d = std::max({d, static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n});
  }
  out.distance = d;
  out.stephens_statistic = (d - 0.2 / n) * (std::sqrt(n) + 0.26 + 0.5 / std::sqrt(n));
  return out;
}

double stephens_exponential_critical_value(double significance) {
  for (const auto& [level, point] : kStephensPoints)
    if (std::abs(significance - level) < 1e-12) return point;
  throw_invalid(fmt::format("Stephens's table has no critical value at significance {}; it has 0.15, 0.10, 0.05, "
                            "0.025 and 0.01",
                            significance));
}

double stephens_exponential_rejection_level(double stephens_statistic) {
  double level = 1.0;
  for (const auto& [significance, point] : kStephensPoints)
    if (stephens_statistic > point) level = significance;
  return level;
}

double dkw_half_width(std::uint64_t n, double confidence) {
  if (n == 0) throw_invalid("DKW band: the sample is empty");
  require_open_interval("DKW band confidence", confidence, 0.0, 1.0);
  return std::sqrt(std::log(2.0 / (1.0 - confidence)) / (2.0 * static_cast<double>(n)));
}

double exponential_scale_distance(double ratio) {
  require_positive("mean ratio ρ", ratio);
  if (ratio == 1.0) return 0.0;
  // d/dy (e^{−y/ρ} − e^{−y}) = 0 at y* = ρ ln ρ/(ρ − 1); the difference has one sign on y > 0.
  const double y = ratio * std::log(ratio) / (ratio - 1.0);
  return std::abs(std::exp(-y / ratio) - std::exp(-y));
}

Estimate exponential_law_distance(std::string name, const std::vector<double>& sample, std::string method) {
  const ExponentialKolmogorovSmirnov ks = exponential_kolmogorov_smirnov(sample);
  const double cv_over_root_n = ks.std_deviation / ks.mean / std::sqrt(static_cast<double>(ks.n));
  const double stephens_level = stephens_exponential_rejection_level(ks.stephens_statistic);
  const std::string stephens =
      stephens_level < 1.0 ? fmt::format("rejects the exponential law at {}%", 100 * stephens_level)
                           : "does not reject the exponential law at 15%";
  const double distance = ks.distance;
  const std::uint64_t n = ks.n;
  return {std::move(name), distance,
          [distance, n, cv_over_root_n](double confidence) {
            require_open_interval("confidence", confidence, 0.0, 1.0);
            const double alpha = 1.0 - confidence;
            const double band = dkw_half_width(n, 1.0 - alpha / 2.0);
            const double u = normal_quantile(1.0 - alpha / 4.0) * cv_over_root_n;
            // |ρ − 1| ≥ 1 leaves the scale unbounded: the interval is then all of [0, 1].
            const double scale = u < 1.0 ? std::max(exponential_scale_distance(1.0 - u),
                                                     exponential_scale_distance(1.0 + u))
                                         : 1.0;
            const double half = band + scale;
            return Interval{std::max(0.0, distance - half), std::min(1.0, distance + half)};
          },
          fmt::format("{}; Kolmogorov–Smirnov distance of τ/mean from Exp(1) over n = {} values, D̂ = {:.4f}; "
                      "interval: DKW–Massart band at 1 − α/2 plus the distance Exp(1) ↔ Exp(ρ) over the normal "
                      "interval of ρ = mean/E[τ] at 1 − α/2; the Lilliefors-type test with estimated mean "
                      "(Stephens 1974, D* = {:.3f}) {}",
                      method, n, distance, ks.stephens_statistic, stephens)};
}

}  // namespace ldv::stats
