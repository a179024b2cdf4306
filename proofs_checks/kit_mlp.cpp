#include "proofs_checks/kit_mlp.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <mutex>
#include <tuple>

#include "ldv/core/build_info.hpp"
#include "ldv/mlp/exit_step_sweep.hpp"
#include "ldv/mlp/network_cache.hpp"

namespace ldv::checks {
namespace {

// <out>/cache/mlp when the runner said where the run writes (issue 14: the network lives with the evidence it
// produced); otherwise $LDV_CACHE_DIR/mlp, else <temp>/ldv-cache/mlp.
std::string cache_directory(const verify::CheckContext& context) {
  if (!context.out_dir.empty()) return (std::filesystem::path(context.out_dir) / "cache" / "mlp").string();
  if (const char* dir = std::getenv("LDV_CACHE_DIR"); dir != nullptr && *dir != '\0')
    return (std::filesystem::path(dir) / "mlp").string();
  return (std::filesystem::temp_directory_path() / "ldv-cache" / "mlp").string();
}

mlp::TrainingSettings training_settings() { return {}; }  // mlp/training.hpp's stated defaults: ‖∇L‖ ≤ 1e-10

std::unique_ptr<TrainedMlp> build(const verify::CheckContext& context) {
  auto out = std::make_unique<TrainedMlp>();
  const MlpBudget budget = mlp_budget(context.profile);
  out->data = mlp::choose_training_data(context.data_dir);
  mlp::Dataset& d = out->data.data;
  if (budget.samples > 0 && budget.samples < d.samples()) {
    d.features = Matrix(d.features.leftCols(budget.samples));
    d.labels.resize(static_cast<std::size_t>(budget.samples));
    out->data.note += fmt::format(" This profile uses its first {} rows (standardised on all rows).", budget.samples);
  }
  const mlp::Architecture architecture{d.inputs(), budget.hidden, d.classes()};
  out->loss = std::make_unique<mlp::MlpLoss>(architecture, d.features, d.one_hot(), budget.l2, context.threads);
  const mlp::TrainingSettings settings = training_settings();
  out->key = mlp::network_key(d, architecture, budget.l2, settings,
                              fmt::format("{} rows={}", build_info().version, d.samples()));
  const std::string dir = cache_directory(context);
  const auto start = std::chrono::steady_clock::now();
  if (auto cached = mlp::load_network(dir, out->key, *out->loss, settings.gradient_tolerance)) {
    out->network = *cached;
    out->from_cache = true;
  } else {
    out->network = mlp::train(*out->loss, settings);
    mlp::store_network(dir, out->key, out->network);
  }
  out->hessian = out->loss->hessian(out->network.theta);
  const Matrix gradients = out->loss->per_sample_gradients(out->network.theta);
  out->covariance = out->loss->gradient_covariance(out->network.theta);
  out->quadratic = mlp::quadratic_model(out->hessian, gradients);
  out->train_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace

MlpBudget mlp_budget(verify::Profile profile) {
  return profile == verify::Profile::quick ? MlpBudget{1000, 8, 0.02} : MlpBudget{0, 32, 0.02};
}

nlohmann::json mlp_parameters(verify::Profile profile) {
  const MlpBudget b = mlp_budget(profile);
  return {{"network", fmt::format("tanh MLP inputs-{}-classes, 1/2-MSE on one-hot targets + l2/2 |theta|^2 in every "
                                  "per-sample loss", b.hidden)},
          {"l2", b.l2},
          {"rows", b.samples == 0 ? nlohmann::json("all") : nlohmann::json(b.samples)},
          {"data", "AVILA avila-tr.txt from --data-dir / LDV_DATA_DIR; else scikit-learn's wine_data.csv (substitute)"},
          {"training", "full-batch GD (300 steps, rate 0.5 halved on a rise), L-BFGS to |grad L| <= 1e-6, Newton with "
                       "the exact Hessian to |grad L| <= 1e-10; initial weights LeCun-scaled from seed 1"}};
}

std::string TrainedMlp::description() const {
  const mlp::Architecture& a = loss->architecture();
  return fmt::format("{} Network {}-{}-{} (d = {} parameters), ℓ₂ weight {}; θ₀ {}: L(θ₀) = {:.6g}, ‖∇L(θ₀)‖ = {:.2g}, "
                     "training accuracy {:.3f} ({} GD steps, {} L-BFGS evaluations, {} Newton steps); H(θ₀) exact "
                     "(second-order backpropagation), λ_min = {:.4g}, λ_max = {:.4g}, tr H = {:.4g}; tr C(θ₀) = {:.4g}.",
                     data.note, a.inputs, a.hidden, a.outputs, a.parameters(), loss->l2(),
                     from_cache ? "read from the cache (key " + key + ")" : "trained here (cache key " + key + ")",
                     network.loss, network.gradient_norm, network.accuracy, network.gd_steps,
                     network.lbfgs_evaluations, network.newton_steps, lambda_min(), lambda_max(), hessian.trace(),
                     covariance.trace());
}

Figure2Ball figure2_ball(const TrainedMlp& net) {
  Figure2Ball ball;
  ball.eta0 = kFigure2RateFraction / net.lambda_max();
  const mlp::SgdSetting base{ball.eta0, kFigure2Batch, 0.0, 1.0, false};
  for (double exponent : ball.exponents) ball.radii.push_back(mlp::radius_for_gaussian_rate(net.quadratic, base, exponent));
  return ball;
}

const TrainedMlp& trained_mlp(const verify::CheckContext& context) {
  // One per (profile, data directory, run directory) in this process: the checks of one `ldv check` run share it.
  static std::mutex mutex;
  static std::map<std::tuple<int, std::string, std::string>, std::unique_ptr<TrainedMlp>> memo;
  const std::lock_guard<std::mutex> lock(mutex);
  auto& slot = memo[{static_cast<int>(context.profile), context.data_dir, context.out_dir}];
  if (!slot) slot = build(context);
  return *slot;
}

}  // namespace ldv::checks
