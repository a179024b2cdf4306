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
  LadderFit out{x, y, sigma, stats::weighted_least_squares(design(x), y, sigma), {}};
  out.slope = stats::fitted_coefficient(name, out.fit, 0, systematic,
                                        fmt::format("{}; slope of a line through {} points", method, x.size()));
  return out;
}

double reference_slope(const LadderFit& fit, const std::vector<double>& y_reference) {
  if (y_reference.size() != fit.x.size())
    throw_invalid(fmt::format("reference slope: {} reference values for a fit of {} points", y_reference.size(),
                              fit.x.size()));
  return stats::weighted_least_squares(design(fit.x), y_reference, fit.sigma).coefficients.at(0);
}

}  // namespace ldv::measure
