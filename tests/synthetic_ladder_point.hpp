#pragma once
// Test helper: a ladder point whose E[τ] is `mean` with relative standard error `rel_se`
// (a 95% interval of log-normal shape), for fits whose answer is known by construction.
#include <cmath>

#include "ldv/measure/exit_time_ladder.hpp"
#include "ldv/stats/quantiles.hpp"

inline ldv::measure::LadderPoint synthetic_point(double eps, double mean, double rel_se) {
  ldv::measure::LadderPoint p;
  p.eps = eps;
  const double z = ldv::stats::normal_quantile(0.975);
  p.mean.mean = mean;
  p.mean.ci_low = mean * std::exp(-z * rel_se);
  p.mean.ci_high = mean * std::exp(z * rel_se);
  p.mean.confidence = 0.95;
  p.mean.std_error = mean * rel_se;
  return p;
}
