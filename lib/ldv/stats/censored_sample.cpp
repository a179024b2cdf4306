#include "ldv/stats/censored_sample.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::stats {

CensoredSample::CensoredSample(double horizon) : horizon_(horizon), window_start_(0.5 * horizon) {
  if (std::isnan(horizon) || !(horizon > 0.0))
    throw_invalid(fmt::format("censoring horizon T = {} must be > 0 (+infinity allowed)", horizon));
}

void CensoredSample::add_exit(double time) {
  if (!(std::isfinite(time) && time >= 0.0 && time <= horizon_))
    throw_invalid(fmt::format("exit time = {} must be finite and lie in [0, T = {}]", time, horizon_));
  truncated_.add(time);
  if (time >= window_start_) {
    ++tail_window_exits_;
    tail_window_exposure_ += time - window_start_;
  }
}

void CensoredSample::add_censored() {
  if (std::isinf(horizon_))
    throw_invalid("add_censored: the horizon T = inf, so no path can be censored");
  truncated_.add(horizon_);
  ++censored_;
  tail_window_exposure_ += horizon_ - window_start_;
}

void CensoredSample::merge(const CensoredSample& later) {
  if (later.horizon_ != horizon_)
    throw_invalid(fmt::format("merge: the later block has horizon T = {}, expected the same T = {}",
                              later.horizon_, horizon_));
  if (later.paths() == 0) return;
  truncated_.merge(later.truncated_);  // Chan, Golub & LeVeque (1979)
  censored_ += later.censored_;
  tail_window_exits_ += later.tail_window_exits_;
  tail_window_exposure_ += later.tail_window_exposure_;
}

double CensoredSample::mean_truncated() const {
  if (paths() == 0) throw_invalid("mean_truncated: the sample has 0 paths, need at least 1");
  return truncated_.mean();
}

double CensoredSample::variance_truncated() const {
  if (paths() < 2)
    throw_invalid(fmt::format("variance_truncated: the sample has {} path(s), need at least 2", paths()));
  return truncated_.variance();
}

}  // namespace ldv::stats
