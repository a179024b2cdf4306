#pragma once
// Running summary of Monte Carlo exit times τ, all right-censored at one horizon T:
// a path that has not exited by T is recorded as censored, and only min(τ, T) is known.
// It keeps what estimate_mean needs and nothing else:
//   - the Welford mean / sum of squared deviations of min(τ, T) (restricted mean survival time),
//   - the exit count and exposure in the tail window [T/2, T], from which the exit hazard
//     beyond T is extrapolated (see mean_estimate.hpp).
// This header sits next to the hot Monte Carlo loop, so it includes only light headers.
#include <cstdint>

#include "ldv/stats/running_moments.hpp"

namespace ldv::stats {

class CensoredSample {
 public:
  // horizon T > 0; T = +infinity is allowed (then no path can be censored).
  explicit CensoredSample(double horizon);

  // An observed exit at 0 <= time <= T (finite).
  void add_exit(double time);
  // A path that reached T without exiting; throws InvalidInput when T is infinite.
  void add_censored();
  // Appends a later block with the same horizon, by the pairwise update of
  // Chan, Golub & LeVeque (1979): the result depends only on the sequence of blocks merged,
  // so a reduction in a fixed order is bitwise reproducible whatever the thread count.
  void merge(const CensoredSample& later);

  double horizon() const { return horizon_; }
  std::uint64_t paths() const { return truncated_.count(); }
  std::uint64_t exits() const { return truncated_.count() - censored_; }
  std::uint64_t censored() const { return censored_; }

  // Sample mean of min(τ, T); throws InvalidInput when there is no path.
  double mean_truncated() const;
  // Unbiased sample variance of min(τ, T); throws InvalidInput with fewer than 2 paths.
  double variance_truncated() const;

  // Exits with τ in [T/2, T] (0 when T is infinite: the window is empty).
  std::uint64_t tail_window_exits() const { return tail_window_exits_; }
  // Time spent in [T/2, T] by all paths: Σ over paths alive at T/2 of (min(τ, T) − T/2).
  double tail_window_exposure() const { return tail_window_exposure_; }

 private:
  double horizon_;
  double window_start_;  // T/2 (+infinity when T is)
  RunningMoments truncated_;  // of min(τ, T)
  std::uint64_t censored_ = 0;
  std::uint64_t tail_window_exits_ = 0;
  double tail_window_exposure_ = 0.0;
};

}  // namespace ldv::stats
