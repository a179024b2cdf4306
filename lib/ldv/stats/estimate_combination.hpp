#pragma once
// Combinations of independent measurements that keep the one interval policy honest.
//
// The difference a − b of two Estimates from independent data (e.g. the fitted exit
// exponents of two systems, each on its own Monte Carlo streams): at confidence c each
// is drawn at 1 − (1 − c)/2 and the difference gets [low_a − high_b, high_a − low_b].
// Both intervals hold at once with probability ≥ c (Bonferroni; independence is not
// even needed), so this one does too. It is conservative — the half-widths add rather
// than combine in quadrature — but it needs nothing beyond each Estimate's own interval
// rule, which may include a systematic part that must not be treated as random.
#include <string>

#include "ldv/core/estimate.hpp"

namespace ldv::stats {

// InvalidInput when either estimate has no interval rule.
Estimate difference_of_estimates(std::string name, const Estimate& a, const Estimate& b, std::string method);

}  // namespace ldv::stats
