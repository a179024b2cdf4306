#pragma once
// Quantiles (inverse CDFs) of the distributions behind ldv's confidence intervals.
// Thin wrappers over Boost.Math so that Boost stays out of every other header and
// every domain error becomes an ldv::InvalidInput naming the offending argument.
// All take the lower-tail probability p in (0, 1): the result x has P(X <= x) = p.

namespace ldv::stats {

// Φ⁻¹(p), the standard normal quantile; normal_quantile(0.975) = 1.959963984540054.
double normal_quantile(double p);
// Student-t quantile with dof > 0 degrees of freedom (need not be an integer).
double student_t_quantile(double p, double dof);
// Chi-square quantile with dof > 0 degrees of freedom.
double chi_squared_quantile(double p, double dof);
// Beta(a, b) quantile, a > 0, b > 0.
double beta_quantile(double p, double a, double b);

}  // namespace ldv::stats
