#include "ldv/stats/estimate_difference.hpp"

#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"

namespace ldv::stats {

Estimate estimate_difference(std::string name, const Estimate& a, const Estimate& b) {
  for (const Estimate* e : {&a, &b})
    if (!e->interval) throw_invalid(fmt::format("{}: the estimate '{}' has no interval rule", name, e->name));
  return {std::move(name), a.value - b.value,
          [a, b](double confidence) {
            require_open_interval("confidence", confidence, 0.0, 1.0);
            const double each = 1.0 - 0.5 * (1.0 - confidence);  // Bonferroni over the two estimates
            const Interval ia = a.at(each), ib = b.at(each);
            return Interval{ia.low - ib.high, ia.high - ib.low};
          },
          fmt::format("'{}' minus '{}'; each interval at 1 − (1 − c)/2 (Bonferroni), the difference's interval "
                      "[low_a − high_b, high_a − low_b]",
                      a.name, b.name)};
}

}  // namespace ldv::stats
