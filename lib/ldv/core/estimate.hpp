#pragma once
// A measured quantity whose two-sided confidence interval can be drawn at any level.
//
// Why a function of the level rather than a fixed interval: a check holds the paper's
// prediction against k measurements, and the decision rule (verify/decision.hpp) needs
// each interval at 1 − (1 − c)/k, where only the Decision knows k once every comparison
// is registered. A measurement that carries its own interval rule lets the Decision count
// its comparisons and draw every interval at the level that count implies; no check has
// to pre-compute k (and cannot get it wrong). The rule comes from the library that made
// the estimate (stats/, measure/), e.g. "normal quantile × standard error + systematic".
#include <functional>
#include <string>
#include <utility>

namespace ldv {

struct Interval {
  double low = 0.0;
  double high = 0.0;
};

struct Estimate {
  std::string name;    // what was measured, e.g. "V0 fitted, H = diag(1, 2.5), r = 1"
  double value = 0.0;  // the point estimate
  // The two-sided interval at a confidence in (0, 1); must widen as the confidence grows.
  std::function<Interval(double confidence)> interval;
  std::string method;  // how the value and its interval were obtained, in words

  Interval at(double confidence) const { return interval(confidence); }
};

}  // namespace ldv
