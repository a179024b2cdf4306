#pragma once
// How the exit exponent changes between two systems measured on the same ladder of ε:
// Δ(ε) = log E[τ]_numerator − log E[τ]_denominator fitted as Δ = c/ε + d. The slope c is
// the difference of the two exponents without either one's fit-model error, because
// prefactor terms common to both cancel; e.g. the sharpness scaling H → αH (escape paper
// §6), where an exact time change makes the 2-parameter law exact with c = 0.
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/measure/exit_time_ladder.hpp"
#include "ldv/stats/regression.hpp"

namespace ldv::measure {

struct LogRatioPoint {
  double inverse_eps = 0.0;  // 1/ε
  double log_ratio = 0.0;    // Δ
  double std_error = 0.0;    // of Δ: the two log-mean standard errors in quadrature (independent streams)
};

struct LogRatioSlope {
  std::vector<LogRatioPoint> points;
  stats::WeightedFit fit;  // on (1/ε, 1)
  Estimate slope;          // c, under the interval policy with `systematic` (stats/interval_policy.hpp)
};

// InvalidInput unless both measurements share their ε ladder. `method` says why the
// 2-parameter law fits (added to the estimate's method text).
LogRatioSlope log_ratio_slope(const BarrierMeasurement& numerator, const BarrierMeasurement& denominator,
                              const std::string& name, double systematic, const std::string& method);

}  // namespace ldv::measure
