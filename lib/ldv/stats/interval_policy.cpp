#include "ldv/stats/interval_policy.hpp"

#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/stats/quantiles.hpp"

namespace ldv::stats {

Estimate normal_estimate(std::string name, double value, double std_error, double systematic, std::string method) {
  require_finite(name + ": value", value);
  if (std::isnan(std_error) || std_error < 0.0)
    throw_invalid(fmt::format("{}: standard error = {} must be >= 0", name, std_error));
  require_non_negative(name + ": systematic error", systematic);
  return {std::move(name), value,
          [value, std_error, systematic](double confidence) {
            require_open_interval("confidence", confidence, 0.0, 1.0);
            if (std::isinf(std_error))
              return Interval{-std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
            const double half = normal_quantile(0.5 * (1.0 + confidence)) * std_error + systematic;
            return Interval{value - half, value + half};
          },
          std::move(method)};
}

Estimate fitted_coefficient(std::string name, const WeightedFit& fit, int k, double systematic, std::string method) {
  const double se = fit.std_error(k);
  const double chi2_per_dof = fit.dof > 0 ? fit.chi_squared / fit.dof : 0.0;
  std::string text =
      fmt::format("{}; weighted least squares, χ²/dof = {:.2f}, standard error {:.3g}{} × normal quantile", method,
                  chi2_per_dof, se, fit.birge_ratio > 1.0 ? " (Birge-scaled)" : "");
  if (systematic > 0.0) text += fmt::format(", + {:.3g} systematic (fit-model error)", systematic);
  return normal_estimate(std::move(name), fit.coefficients.at(static_cast<std::size_t>(k)), se, systematic,
                         std::move(text));
}

}  // namespace ldv::stats
