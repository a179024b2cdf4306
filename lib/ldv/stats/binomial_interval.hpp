#pragma once
// Exact confidence intervals for binomial proportions: how often something happens in n
// independent Monte Carlo runs (e.g. the fraction of runs that exit a domain within a
// fixed number of iterations). Both intervals are conservative: their coverage is at
// least the stated confidence for every true proportion, whatever n (no normal
// approximation, so they stay valid at fractions near 0 or 1, where the runs of a
// metastable process often are).
#include <cstdint>
#include <string>

#include "ldv/core/estimate.hpp"

namespace ldv::stats {

// Clopper & Pearson (1934): for x successes in n trials at confidence c = 1 − α,
//   [B(α/2; x, n − x + 1), B(1 − α/2; x + 1, n − x)],
// B(p; a, b) the Beta(a, b) quantile; the lower end is 0 when x = 0, the upper 1 when x = n.
// It inverts two one-sided exact binomial tests, each at level α/2, so its coverage is
// >= c for every p. InvalidInput when n = 0, x > n, or c is not in (0, 1).
Interval clopper_pearson_interval(std::uint64_t successes, std::uint64_t trials, double confidence);

// The proportion x/n as an Estimate whose interval at c is clopper_pearson_interval.
// `method` says what was counted; the interval rule is appended to it.
Estimate binomial_proportion(std::string name, std::uint64_t successes, std::uint64_t trials, std::string method);

// The difference p_a − p_b of two independent proportions as an Estimate: at confidence c
// each proportion gets its Clopper–Pearson interval at 1 − (1 − c)/2, and the difference
// the interval [low_a − high_b, high_a − low_b]. Both intervals hold at once with
// probability >= c (Bonferroni), and then so does this one, so its coverage is >= c.
Estimate proportion_difference(std::string name, std::uint64_t successes_a, std::uint64_t trials_a,
                               std::uint64_t successes_b, std::uint64_t trials_b, std::string method);

}  // namespace ldv::stats
