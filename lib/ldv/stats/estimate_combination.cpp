#include "ldv/stats/estimate_combination.hpp"

#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"

namespace ldv::stats {

Estimate difference_of_estimates(std::string name, const Estimate& a, const Estimate& b, std::string method) {
  if (!a.interval || !b.interval)
    throw_invalid(fmt::format("{}: '{}' or '{}' has no interval rule", name, a.name, b.name));
  const auto interval_a = a.interval;
  const auto interval_b = b.interval;
  return {std::move(name), a.value - b.value,
          [interval_a, interval_b](double confidence) {
            require_open_interval("confidence", confidence, 0.0, 1.0);
            const double each = 1.0 - 0.5 * (1.0 - confidence);  // Bonferroni over the two
            const Interval ia = interval_a(each), ib = interval_b(each);
            return Interval{ia.low - ib.high, ia.high - ib.low};
          },
          fmt::format("{}; difference ({}) − ({}), each interval at 1 − (1 − c)/2 (Bonferroni), half-widths added",
                      method, a.name, b.name)};
}

}  // namespace ldv::stats
