#include "kit_discrete_sgd.hpp"

namespace ldv::checks {

TiedStepBudget tied_step_budget(verify::Profile profile) {
  if (profile == verify::Profile::quick) return {{12.5, 25, 50, 100, 200}, 5.0, 20000};
  return {{12.5, 25, 50, 100, 200, 400}, 5.0, 200000};
}

nlohmann::json tied_step_budget_json(verify::Profile profile) {
  const TiedStepBudget b = tied_step_budget(profile);
  return {{"barrier_times_batch_over_eta", b.barrier_over_eps},
          {"simulated_barrier_times_batch_over_eta", b.simulated_barrier_over_eps},
          {"simulated_paths", b.simulated_paths},
          {"nystrom_relative_tolerance", 1e-8}};
}

MonitoringBudget monitoring_budget(verify::Profile profile) {
  if (profile == verify::Profile::quick) return {{0.2, 0.1, 0.05, 0.025, 0.0125, 0.00625}, 100000};
  return {{0.2, 0.1, 0.05, 0.025, 0.0125, 0.00625, 0.003125}, 1000000};
}

nlohmann::json monitoring_budget_json(verify::Profile profile) {
  const MonitoringBudget b = monitoring_budget(profile);
  return {{"steps", b.steps}, {"paths_per_step_and_estimator", b.paths}};
}

nlohmann::json tied_step_cases_json(const std::vector<measure::TiedStepCase>& cases) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : cases)
    out.push_back({{"label", c.label}, {"dimension", c.dimension}, {"curvature", c.curvature}, {"noise", c.noise},
                   {"radius", c.radius}, {"batch", c.batch}, {"kappa", c.kappa()}});
  return out;
}

nlohmann::json monitoring_case_json(const measure::MonitoringCase& c) {
  return {{"label", c.label}, {"dimension", c.dimension}, {"curvature", c.curvature}, {"noise", c.noise},
          {"radius", c.radius}, {"eps", c.eps}};
}

}  // namespace ldv::checks
