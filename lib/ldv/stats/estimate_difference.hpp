#pragma once
// The difference a − b of two independently measured quantities, as an Estimate whose
// interval at confidence c holds whenever both intervals hold at once: each is drawn at
// 1 − (1 − c)/2 (Bonferroni) and the difference's interval is [low_a − high_b, high_a − low_b].
// Conservative (coverage ≥ c whatever the two estimates' laws, no independence needed), and
// it keeps each estimate's own systematic part, which a sum of variances would not.
// Used where two exponents fitted on different ε ladders are compared, e.g. the exit barrier
// of anisotropic against isotropic noise (implicit-regularizer paper, abstract).
#include <string>

#include "ldv/core/estimate.hpp"

namespace ldv::stats {

// InvalidInput naming the estimate when either has no interval rule.
Estimate estimate_difference(std::string name, const Estimate& a, const Estimate& b);

}  // namespace ldv::stats
