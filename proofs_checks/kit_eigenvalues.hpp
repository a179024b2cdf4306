#pragma once
// What the eigenvalue checks share (escape paper, Lemmas 3 and 4 and the eigenvalue steps of
// Theorem 3's proof): the search budget of each profile and the figure of the largest violations.
#include <fmt/format.h>
#include <string>
#include <utility>
#include <vector>

#include "ldv/measure/matrix_inequality_search.hpp"
#include "ldv/verify/decision.hpp"
#include "ldv/verify/registry.hpp"

namespace ldv::checks {

// quick: ~1 500 random pairs per class and 2 optimiser runs per dimension bin (a few seconds);
// full: 20 000 pairs and 4 longer runs per bin. Dimensions 2–50, condition numbers to 1e8.
measure::MatrixSearchSettings eigenvalue_search(const verify::CheckContext& context,
                                                std::vector<measure::MatrixPairClass> classes,
                                                const std::string& seed_salt);
nlohmann::json eigenvalue_search_json(verify::Profile profile);

// The largest relative violation (> 0: the statement fails) per searched statement and class,
// with its floating-point error bound, at the decision's level (the bound is the same at every level).
verify::Figure violation_figure(const std::string& title,
                                const std::vector<std::pair<std::string, const measure::ClassSearch*>>& rows,
                                const verify::Decision& decision);

}  // namespace ldv::checks
