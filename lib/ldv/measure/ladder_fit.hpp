#pragma once
// A straight line through the points of a ladder (y_i = slope · x_i + intercept, each y_i with
// its standard error σ_i), e.g. log p against 1/ε for a per-cycle exit probability (the slope is
// minus its exponent), and the same fit applied to exact reference values at the same points.
//
// Why the reference fit: at finite ε a log-probability is not exactly linear in 1/ε (its
// prefactor depends on ε), so the fitted slope is not the asymptotic exponent. Fitting exact
// values (an exact reference, reference/) with the same x and the same weights gives the slope
// the measurement estimates if the process obeys the reference: the two are compared without
// any asymptotic approximation, and the reference's own slope shows how far the ladder is from
// the limit.
//
// The slope's interval follows the one interval policy (stats/interval_policy.hpp): weighted
// least squares, Birge-scaled when the residuals exceed the σ_i, normal quantile, plus an
// optional systematic half-width.
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/stats/regression.hpp"

namespace ldv::measure {

struct LadderFit {
  std::vector<double> x, y, sigma;
  stats::WeightedFit fit;  // coefficients (slope, [log ε coefficient,] intercept)
  Estimate slope;
  std::vector<std::vector<double>> design;  // the rows fitted (for reference_slope)
  double intercept() const { return fit.coefficients.back(); }
};

// InvalidInput when the sizes differ, fewer than 3 points are given, a σ is not positive or a
// value is not finite (naming the point).
LadderFit fit_ladder_line(const std::string& name, const std::vector<double>& x, const std::vector<double>& y,
                          const std::vector<double>& sigma, double systematic, const std::string& method);

// The slope of the same weighted fit (same design, same σ) through reference values y*.
double reference_slope(const LadderFit& fit, const std::vector<double>& y_reference);

// The Freidlin–Wentzell law of a rate on a ladder of ε: y = s/ε + a log ε + b (the log ε term
// models an algebraic prefactor ε^a), x = 1/ε; `slope` is s. At least 4 points.
LadderFit fit_rate_with_prefactor(const std::string& name, const std::vector<double>& eps, const std::vector<double>& y,
                                  const std::vector<double>& sigma, double systematic, const std::string& method);

}  // namespace ldv::measure
