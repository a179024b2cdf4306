#include "ldv/measure/ladder_fit.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::measure {
namespace {

std::vector<std::vector<double>> design(const std::vector<double>& x) {
  std::vector<std::vector<double>> rows;
  for (double v : x) rows.push_back({v, 1.0});
  return rows;
}

}  // namespace

LadderFit fit_ladder_line(const std::string& name, const std::vector<double>& x, const std::vector<double>& y,
                          const std::vector<double>& sigma, double systematic, const std::string& method) {
  if (x.size() != y.size() || x.size() != sigma.size())
    throw_invalid(fmt::format("{}: {} x values, {} y values and {} standard errors; one of each per point expected",
                              name, x.size(), y.size(), sigma.size()));
  if (x.size() < 3) throw_invalid(fmt::format("{}: {} points; a line with a checked fit needs at least 3", name, x.size()));
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!std::isfinite(x[i]) || !std::isfinite(y[i]) || !(sigma[i] > 0.0) || !std::isfinite(sigma[i]))
      throw_invalid(fmt::format("{}: point {} has x = {}, y = {}, σ = {}; finite values and σ > 0 expected", name, i,
                                x[i], y[i], sigma[i]));
  LadderFit out{x, y, sigma, stats::weighted_least_squares(design(x), y, sigma), {}, design(x)};
  out.slope = stats::fitted_coefficient(name, out.fit, 0, systematic,
                                        fmt::format("{}; slope of a line through {} points", method, x.size()));
  return out;
}

LadderFit fit_rate_with_prefactor(const std::string& name, const std::vector<double>& eps, const std::vector<double>& y,
                                  const std::vector<double>& sigma, double systematic, const std::string& method) {
  if (eps.size() < 4) throw_invalid(fmt::format("{}: {} levels; a 3-parameter law with a checked fit needs at least 4", name, eps.size()));
  std::vector<double> inverse;
  for (double e : eps) {
    if (!(e > 0.0) || !std::isfinite(e)) throw_invalid(fmt::format("{}: ε = {} must be positive and finite", name, e));
    inverse.push_back(1.0 / e);
  }
  LadderFit line = fit_ladder_line(name, inverse, y, sigma, systematic, method);  // validates the points
  std::vector<std::vector<double>> rows;
  for (double e : eps) rows.push_back({1.0 / e, std::log(e), 1.0});
  line.fit = stats::weighted_least_squares(rows, y, sigma);
  line.design = rows;
  line.slope = stats::fitted_coefficient(
      name, line.fit, 0, systematic,
      fmt::format("{}; coefficient of 1/ε in y = s/ε + a log ε + b through {} levels", method, eps.size()));
  return line;
}

double reference_slope(const LadderFit& fit, const std::vector<double>& y_reference) {
  if (y_reference.size() != fit.x.size())
    throw_invalid(fmt::format("reference slope: {} reference values for a fit of {} points", y_reference.size(),
                              fit.x.size()));
  return stats::weighted_least_squares(fit.design, y_reference, fit.sigma).coefficients.at(0);
}

}  // namespace ldv::measure
