#include "ldv/stats/running_moments.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::stats {

double RunningMoments::variance() const {
  if (count_ < 2) throw_invalid(fmt::format("variance: the sample has {} value(s), need at least 2", count_));
  return sum_squared_deviations_ / static_cast<double>(count_ - 1);
}

double RunningMoments::std_error_of_mean() const { return std::sqrt(variance() / static_cast<double>(count_)); }

}  // namespace ldv::stats
