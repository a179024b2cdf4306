#include "ldv/stats/censored_sample.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::stats {

CensoredSample::CensoredSample(double horizon) : horizon_(horizon), window_start_(0.5 * horizon) {
  if (std::isnan(horizon) || !(horizon > 0.0))
    throw_invalid(fmt::format("censoring horizon T = {} must be > 0 (+infinity allowed)", horizon));
}

void CensoredSample::accumulate_truncated(double value) {
  // Welford (1962): numerically stable running mean and sum of squared deviations.
  ++paths_;
  const double deviation = value - mean_;
  mean_ += deviation / static_cast<double>(paths_);
  sum_squared_deviations_ += deviation * (value - mean_);
}

void CensoredSample::add_exit(double time) {
  if (!(std::isfinite(time) && time >= 0.0 && time <= horizon_))
    throw_invalid(fmt::format("exit time = {} must be finite and lie in [0, T = {}]", time, horizon_));
  accumulate_truncated(time);
  if (time >= window_start_) {
    ++tail_window_exits_;
    tail_window_exposure_ += time - window_start_;
  }
}

void CensoredSample::add_censored() {
  if (std::isinf(horizon_))
    throw_invalid("add_censored: the horizon T = inf, so no path can be censored");
  accumulate_truncated(horizon_);
  ++censored_;
  tail_window_exposure_ += horizon_ - window_start_;
}

void CensoredSample::merge(const CensoredSample& later) {
  if (later.horizon_ != horizon_)
    throw_invalid(fmt::format("merge: the later block has horizon T = {}, expected the same T = {}",
                              later.horizon_, horizon_));
  if (later.paths_ == 0) return;
  if (paths_ == 0) {
    *this = later;
    return;
  }
  // Chan, Golub & LeVeque, "Updating formulae and a pairwise algorithm for computing
  // sample variances" (1979): M2 = M2_a + M2_b + δ² n_a n_b / n, δ = mean_b − mean_a.
  const double n_a = static_cast<double>(paths_);
  const double n_b = static_cast<double>(later.paths_);
  const double n = n_a + n_b;
  const double delta = later.mean_ - mean_;
  mean_ += delta * (n_b / n);
  sum_squared_deviations_ += later.sum_squared_deviations_ + delta * delta * (n_a * n_b / n);
  paths_ += later.paths_;
  censored_ += later.censored_;
  tail_window_exits_ += later.tail_window_exits_;
  tail_window_exposure_ += later.tail_window_exposure_;
}

double CensoredSample::mean_truncated() const {
  if (paths_ == 0) throw_invalid("mean_truncated: the sample has 0 paths, need at least 1");
  return mean_;
}

double CensoredSample::variance_truncated() const {
  if (paths_ < 2)
    throw_invalid(fmt::format("variance_truncated: the sample has {} path(s), need at least 2", paths_));
  return sum_squared_deviations_ / static_cast<double>(paths_ - 1);
}

}  // namespace ldv::stats
