#pragma once
// Point estimate and confidence interval of a mean exit time E[τ] from a right-censored
// Monte Carlo sample (see CensoredSample).
#include <cstdint>
#include <string>

#include "ldv/stats/censored_sample.hpp"

namespace ldv::stats {

struct MeanEstimate {
  double mean = 0.0;     // point estimate of E[τ] (+inf when no exit informs the tail)
  double ci_low = 0.0;   // two-sided interval for E[τ] at `confidence`
  double ci_high = 0.0;  // (+inf when the tail hazard cannot be bounded away from 0)
  double confidence = 0.0;  // e.g. 0.95
  // "student-t": s/√n; otherwise (ci_high − ci_low)/(2 z_{(1+c)/2}), +inf when ci_high is.
  double std_error = 0.0;
  std::string method;    // "student-t" or "rmst+exponential-tail"
  // Lower confidence limit of E[min(τ, T)] (the lower end of its two-sided t-interval at
  // `confidence`). Since min(τ, T) <= τ it bounds E[τ] from below whatever the law of τ.
  double model_free_lower_bound = 0.0;
  std::uint64_t paths = 0;
  std::uint64_t censored = 0;
};

// The interval for E[τ] at `confidence` in (0, 1); needs at least 2 paths.
//  - No censored path: the Student-t interval mean ± t_{(1+c)/2, n−1} s/√n.
//  - Some censored paths: E[τ] = E[min(τ, T)] + S(T)/λ under an exponential tail beyond T
//    with hazard λ estimated in [T/2, T]; a Bonferroni combination of three intervals.
//    Details and the model's caveats in mean_estimate.cpp.
MeanEstimate estimate_mean(const CensoredSample& sample, double confidence);

}  // namespace ldv::stats
