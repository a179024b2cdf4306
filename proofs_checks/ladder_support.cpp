#include "ladder_support.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "ldv/core/error.hpp"

namespace ldv::checks {

LadderBudget ladder_budget(const std::string& profile) {
  if (profile == "quick") return {2000, {3.0, 4.25, 5.5, 6.75, 8.0}, 0.02};
  if (profile == "full") return {20000, {3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0}, 0.005};
  throw_invalid("profile '" + profile + "' is not quick or full");
}

std::string budget_json(const LadderBudget& budget) {
  return nlohmann::json{{"paths_per_level", budget.paths},
                        {"barrier_over_eps", budget.barrier_over_eps},
                        {"step_times_largest_rate", budget.step_fraction},
                        {"estimator", "gobet-menozzi"}}
      .dump();
}

verify::ExitTimeLadder make_ladder(const Model& model, const Vector& center, double radius, double expected_barrier,
                                   double largest_rate, const LadderBudget& budget, std::uint64_t seed, int threads) {
  verify::ExitTimeLadder ladder{model, center, radius, {}, {}, budget.paths, seed, threads};
  for (double k : budget.barrier_over_eps) {
    ladder.eps.push_back(expected_barrier / k);
    ladder.steps.push_back(budget.step_fraction / largest_rate);
  }
  return ladder;
}

verify::Series ladder_points(const verify::BarrierMeasurement& m, const std::string& label) {
  verify::Series s{label, "errorbars", {}, {}, {}, {}};
  for (const auto& p : m.points) {
    s.x.push_back(1.0 / p.eps);
    s.y.push_back(p.mean.mean);
    s.y_low.push_back(p.mean.ci_low);
    s.y_high.push_back(p.mean.ci_high);
  }
  return s;
}

verify::Series ladder_fit_line(const verify::BarrierMeasurement& m, const std::string& label) {
  verify::Series s{label, "lines", {}, {}, {}, {}};
  const auto& f = m.fit;
  for (const auto& p : m.points) {
    s.x.push_back(1.0 / p.eps);
    s.y.push_back(std::exp(f.barrier / p.eps + f.log_eps_coefficient * std::log(p.eps) + f.intercept));
  }
  return s;
}

std::uint64_t derived_seed(unsigned long long seed, const std::string& salt) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a of the salt, mixed with the seed by splitmix64
  for (unsigned char c : salt) h = (h ^ c) * 1099511628211ull;
  std::uint64_t z = seed + h + 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return (z ^ (z >> 31)) >> 1;  // 63 bits: stays a valid non-negative --seed
}

}  // namespace ldv::checks
