#pragma once
// What the two Theorem 2 checks (escape_theorem2*.cpp) share: their budgets per profile.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "ldv/measure/monitoring_bias.hpp"
#include "ldv/measure/tied_step_ratio.hpp"
#include "ldv/verify/registry.hpp"

namespace ldv::checks {

// escape.theorem2: the ladder of η → 0 at fixed B, as values of V₀B/η (a doubling
// sequence: the references are exact, so its length and reach set the extrapolation's
// accuracy, not a sample size), and the Monte Carlo spot check of the reference.
// quick: V₀B/η up to 200 (E[τ] ~ e^200); full: up to 400 (E[τ] ~ e^400; a double ends
// near e^709).
struct TiedStepBudget {
  std::vector<double> barrier_over_eps;
  double simulated_barrier_over_eps;  // where simulating SGD is affordable (E[ν] ~ 10³ steps)
  std::uint64_t simulated_paths;
};
TiedStepBudget tied_step_budget(verify::Profile profile);
nlohmann::json tied_step_budget_json(verify::Profile profile);

// escape.theorem2.fixed_eps: the step ladder at fixed ε (h·λ ≤ 0.2, within the exit
// module's limits) and the Monte Carlo paths per step and estimator.
struct MonitoringBudget {
  std::vector<double> steps;
  std::uint64_t paths;
};
MonitoringBudget monitoring_budget(verify::Profile profile);
nlohmann::json monitoring_budget_json(verify::Profile profile);

// The cases, for the checks' parameters (the resume key and the record).
nlohmann::json tied_step_cases_json(const std::vector<measure::TiedStepCase>& cases);
nlohmann::json monitoring_case_json(const measure::MonitoringCase& c);

}  // namespace ldv::checks
