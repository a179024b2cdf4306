#include "kit_eigenvalues.hpp"

#include <fmt/format.h>

#include "check_kit.hpp"

namespace ldv::checks {

measure::MatrixSearchSettings eigenvalue_search(const verify::CheckContext& context,
                                                std::vector<measure::MatrixPairClass> classes,
                                                const std::string& seed_salt) {
  measure::MatrixSearchSettings s;
  s.classes = std::move(classes);
  const bool quick = context.profile == verify::Profile::quick;
  s.trials = quick ? 1500 : 20000;
  s.starts_per_bin = quick ? 2 : 4;
  s.optimiser_steps = quick ? 150 : 600;
  s.seed = derived_seed(context.seed, seed_salt);
  s.threads = context.threads;
  return s;
}

nlohmann::json eigenvalue_search_json(verify::Profile profile) {
  verify::CheckContext context;
  context.profile = profile;
  const measure::MatrixSearchSettings s = eigenvalue_search(context, {}, "");
  return {{"random_pairs_per_class", s.trials}, {"optimiser_starts_per_dimension_bin", s.starts_per_bin},
          {"optimiser_steps", s.optimiser_steps}, {"dimensions", {s.min_dimension, s.max_dimension}},
          {"max_condition_number", s.max_condition}};
}

verify::Figure violation_figure(const std::string& title,
                                const std::vector<std::pair<std::string, const measure::ClassSearch*>>& rows,
                                const verify::Decision& decision) {
  verify::Figure f{"max_violation", title, "case", "largest relative violation (> 0: fails)", false, false, {}};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const verify::Measurement m = decision.resolve(rows[i].second->max_violation);
    f.series.push_back({fmt::format("{}: {}", i + 1, rows[i].first), verify::SeriesStyle::errorbars,
                        {static_cast<double>(i + 1)}, {m.value}, {m.ci_low}, {m.ci_high}});
  }
  verify::Series zero{"0: the statement holds on every pair", verify::SeriesStyle::lines, {0.5, rows.size() + 0.5},
                      {0.0, 0.0}, {}, {}};
  f.series.push_back(std::move(zero));
  return f;
}

}  // namespace ldv::checks
