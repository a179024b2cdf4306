#include "check_kit.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/measure/figures.hpp"

#include "ldv/models/quadratic.hpp"

namespace ldv::checks {

LadderBudget ladder_budget(verify::Profile profile) {
  if (profile == verify::Profile::quick) return {2000, {3.0, 4.25, 5.5, 6.75, 8.0}, 0.02};
  return {10000, {}, 0.005, {8.0, 11.0, 14.0, 17.0, 20.0, 23.0, 26.0, 29.0, 32.0}, 100, 300,
          {3.0, 4.25, 5.5, 6.75, 8.0}, {8.0, 10.0, 12.0, 14.0, 16.0, 18.0, 20.0}};
}

nlohmann::json budget_json(const LadderBudget& budget) {
  nlohmann::json out = {{"paths_per_level", budget.paths},
                        {"barrier_over_eps", budget.barrier_over_eps},
                        {"step_times_largest_rate", budget.step_fraction},
                        {"estimator", "gobet-menozzi"}};
  if (!budget.splitting_barrier_over_eps.empty()) {
    const rare::SplittingSettings defaults;
    out["splitting"] = {{"barrier_over_eps", budget.splitting_barrier_over_eps},
                        {"particles", budget.particles},
                        {"replicas", budget.replicas},
                        {"killed_per_iteration", defaults.killed_per_iteration},
                        {"inner_mass", defaults.inner_mass},
                        {"outer_mass", defaults.outer_mass},
                        {"reaction_coordinate", "auto"}};
  }
  if (!budget.pde_barrier_over_eps.empty())
    out["pde_levels_for_2d_models"] = {{"barrier_over_eps", budget.pde_barrier_over_eps},
                                       {"relative_error_bound", measure::kDefaultPdeTolerance},
                                       {"replaces", "the splitting levels"}};
  if (!budget.exit_point_barrier_over_eps.empty())
    out["exit_point_levels"] = {{"barrier_over_eps", budget.exit_point_barrier_over_eps},
                                {"paths_per_level", budget.paths},
                                {"fitted", false}};
  return out;
}

double QuadraticCase::lambda_min() const { return symmetric_eigenvalues(hessian).minCoeff(); }
double QuadraticCase::lambda_max() const { return symmetric_eigenvalues(hessian).maxCoeff(); }

Model QuadraticCase::model(const Matrix& covariance) const {
  const std::string kind = covariance.isIdentity(0.0) ? "identity" : covariance == hessian ? "hessian" : "matrix";
  return Model(QuadraticModel(hessian, covariance, kind));
}

nlohmann::json cases_json(const std::vector<QuadraticCase>& cases) {
  nlohmann::json out = nlohmann::json::array();
  for (const QuadraticCase& c : cases) out.push_back({{"hessian", matrix_text(c.hessian)}, {"radius", c.radius}});
  return out;
}

nlohmann::json check_parameters(verify::Profile profile, nlohmann::json own) {
  own["budget"] = budget_json(ladder_budget(profile));
  return own;
}

measure::ExitTimeLadder ladder_from_budget(const LadderBudget& budget, const Model& model, const Vector& centre,
                                           double radius, double largest_rate, double expected_barrier,
                                           std::uint64_t seed, int threads, bool keep_exit_points, bool use_pde) {
  measure::ExitTimeLadder ladder{model, centre, radius, {}, {}, budget.paths, seed, threads};
  ladder.keep_exit_points = keep_exit_points;
  ladder.relaxation_rate = largest_rate;  // the step's unit, also for its bias calibration
  auto add = [&](double k, measure::LevelMethod method, bool fitted) {
    ladder.eps.push_back(expected_barrier / k);
    ladder.steps.push_back(budget.step_fraction / largest_rate);
    ladder.methods.push_back(method);
    ladder.fitted.push_back(fitted);
  };
  if (keep_exit_points)
    for (double k : budget.exit_point_barrier_over_eps) add(k, measure::LevelMethod::direct, false);
  for (double k : budget.barrier_over_eps) add(k, measure::LevelMethod::direct, true);
  if (use_pde && model.dimension() == 2 && !budget.pde_barrier_over_eps.empty())
    for (double k : budget.pde_barrier_over_eps) add(k, measure::LevelMethod::pde, true);
  else
    for (double k : budget.splitting_barrier_over_eps) add(k, measure::LevelMethod::splitting, true);
  ladder.splitting.particles = budget.particles;
  ladder.splitting.replicas = budget.replicas;
  return ladder;
}

measure::BarrierMeasurement measure_budget_barrier(const LadderBudget& budget, const Model& model,
                                                   const Vector& centre, double radius, double largest_rate,
                                                   double expected_barrier, std::uint64_t seed, int threads,
                                                   bool keep_exit_points, const std::string& label) {
  const measure::ExitTimeLadder ladder = ladder_from_budget(budget, model, centre, radius, largest_rate,
                                                            expected_barrier, seed, threads, keep_exit_points);
  try {
    return measure::measure_exit_barrier(ladder, expected_barrier, label);
  } catch (const NumericalFailure& failure) {
    if (std::find(ladder.methods.begin(), ladder.methods.end(), measure::LevelMethod::pde) == ladder.methods.end())
      throw;  // not the PDE's failure: nothing to fall back to
    measure::BarrierMeasurement out = measure::measure_exit_barrier(
        ladder_from_budget(budget, model, centre, radius, largest_rate, expected_barrier, seed, threads,
                           keep_exit_points, false),
        expected_barrier, label);
    out.barrier.method += fmt::format(" (splitting levels: the Dynkin PDE could not be used here: {})", failure.what());
    return out;
  }
}

measure::ExitTimeLadder barrier_ladder(const verify::CheckContext& context, const BarrierCase& c,
                                       double expected_barrier) {
  return ladder_from_budget(ladder_budget(context.profile), c.model, Vector::Zero(c.model.dimension()), c.radius,
                            c.largest_rate, expected_barrier, derived_seed(context.seed, c.seed_salt), context.threads,
                            c.keep_exit_points);
}

BarrierTable::BarrierTable(const verify::CheckContext& context, std::string x_label)
    : context_(context), x_label_(std::move(x_label)) {}

const BarrierTable::Row& BarrierTable::measure(const BarrierCase& c, double x,
                                               const std::vector<std::pair<std::string, double>>& predictions) {
  Row row;
  row.first_principles = quasipotential::first_principles_barrier(c.model, c.radius);
  const double v0 = row.first_principles.value();
  row.measured = measure_budget_barrier(ladder_budget(context_.profile), c.model, Vector::Zero(c.model.dimension()),
                                        c.radius, c.largest_rate, v0, derived_seed(context_.seed, c.seed_salt),
                                        context_.threads, c.keep_exit_points, c.label);
  row.x = x;
  std::vector<std::pair<std::string, double>> all = predictions;
  all.emplace_back("first principles", v0);
  for (const auto& [label, value] : all) {
    const auto it = std::find(prediction_labels_.begin(), prediction_labels_.end(), label);
    const std::size_t k = static_cast<std::size_t>(it - prediction_labels_.begin());
    if (it == prediction_labels_.end()) {
      prediction_labels_.push_back(label);
      prediction_values_.emplace_back();
    }
    prediction_values_[k].resize(rows_.size(), std::nan(""));
    prediction_values_[k].push_back(value);
  }
  rows_.push_back(std::move(row));
  return rows_.back();
}

std::string BarrierTable::first_principles_values() const {
  std::string out;
  for (const Row& r : rows_) out += fmt::format("{}{}: {}", out.empty() ? "" : "; ", r.measured.label, r.first_principles.text());
  return out;
}

std::vector<verify::Figure> BarrierTable::figures(const verify::Decision& decision,
                                                  const std::string& versus_title) const {
  std::vector<measure::BarrierMeasurement> ladders;
  std::vector<measure::MeasuredCase> measured;
  for (const Row& r : rows_) {
    ladders.push_back(r.measured);
    measured.push_back({r.x, decision.resolve(r.measured.barrier)});
  }
  std::vector<measure::PredictionCurve> curves;
  for (std::size_t k = 0; k < prediction_labels_.size(); ++k) curves.push_back({prediction_labels_[k], prediction_values_[k]});
  return {measure::arrhenius_figure(ladders, decision.measurement_level()),
          measure::measured_versus_predicted_figure("barrier_vs_prediction", versus_title, x_label_, "V₀", measured,
                                                    curves)};
}

Matrix diagonal(const std::vector<double>& entries) {
  Matrix m = Matrix::Zero(static_cast<Eigen::Index>(entries.size()), static_cast<Eigen::Index>(entries.size()));
  for (std::size_t i = 0; i < entries.size(); ++i) m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(i)) = entries[i];
  return m;
}

std::string matrix_text(const Matrix& m) {
  std::string out = "[";
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    out += i ? ", [" : "[";
    for (Eigen::Index j = 0; j < m.cols(); ++j) out += fmt::format("{}{}", j ? ", " : "", m(i, j));
    out += "]";
  }
  return out + "]";
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
