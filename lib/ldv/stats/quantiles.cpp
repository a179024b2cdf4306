#include "ldv/stats/quantiles.hpp"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <exception>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"

namespace ldv::stats {
namespace {

// Arguments are validated before Boost sees them, so a Boost exception here means
// the quantile itself could not be computed (e.g. overflow for a tiny dof and p near 1).
template <class Distribution>
double checked_quantile(const char* what, const Distribution& distribution, double p) {
  try {
    return boost::math::quantile(distribution, p);
  } catch (const std::exception& e) {
    throw NumericalFailure(fmt::format("{} quantile at p = {} failed: {}", what, p, e.what()));
  }
}

}  // namespace

double normal_quantile(double p) {
  require_open_interval("probability p", p, 0.0, 1.0);
  return checked_quantile("normal", boost::math::normal_distribution<double>(), p);
}

double student_t_quantile(double p, double dof) {
  require_open_interval("probability p", p, 0.0, 1.0);
  require_positive("Student-t degrees of freedom", dof);
  return checked_quantile("Student-t", boost::math::students_t_distribution<double>(dof), p);
}

double chi_squared_quantile(double p, double dof) {
  require_open_interval("probability p", p, 0.0, 1.0);
  require_positive("chi-square degrees of freedom", dof);
  return checked_quantile("chi-square", boost::math::chi_squared_distribution<double>(dof), p);
}

double beta_quantile(double p, double a, double b) {
  require_open_interval("probability p", p, 0.0, 1.0);
  require_positive("beta shape a", a);
  require_positive("beta shape b", b);
  return checked_quantile("beta", boost::math::beta_distribution<double>(a, b), p);
}

}  // namespace ldv::stats
