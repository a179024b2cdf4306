#include "ldv/mlp/sgd_exit.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"

namespace ldv::mlp {

void SgdSetting::validate() const {
  require_positive("SGD learning rate η", learning_rate);
  require_positive("SGD exit radius r", radius);
  require_positive("SGD sharpness α", alpha);
  if (batch < 1) throw_invalid("SGD batch size B = 0, expected at least 1");
}

SgdRun::SgdRun(const MlpLoss& loss, const Vector& theta0, const SgdSetting& setting, std::uint64_t seed,
               std::uint32_t run)
    : loss_(loss), sqrt_alpha_(std::sqrt(setting.alpha)), rate_(setting.learning_rate * std::sqrt(setting.alpha)),
      sampler_(static_cast<std::uint32_t>(loss.samples()), setting.batch, seed, run, setting.replace) {
  setting.validate();
  if (theta0.size() != loss.dimension())
    throw_invalid(fmt::format("SGD start θ₀: {} values, expected {}", theta0.size(), loss.dimension()));
  centre_ = theta0 / sqrt_alpha_;
  theta_ = centre_;
}

void SgdRun::step() {
  scaled_ = sqrt_alpha_ * theta_;
  loss_.batch_gradient(scaled_, sampler_.next(), static_cast<int>(sampler_.batch()), gradient_, work_);
  theta_ -= rate_ * gradient_;
}

ExitSteps sgd_exit_steps(const MlpLoss& loss, const Vector& theta0, const SgdSetting& setting,
                         const ExitRunSettings& settings) {
  setting.validate();
  const double r2 = setting.radius * setting.radius;
  return run_exit_steps(settings, [&](std::uint32_t p) {
    SgdRun run(loss, theta0, setting, settings.seed, p);
    for (std::uint64_t k = 1; k <= settings.max_steps; ++k) {
      run.step();
      const double d2 = run.squared_distance();
      if (!std::isfinite(d2))
        throw NumericalFailure(fmt::format("SGD run {} left the finite numbers at step {} (η = {}, α = {})", p, k,
                                           setting.learning_rate, setting.alpha));
      if (d2 > r2) return RunOutcome{k, false};
    }
    return RunOutcome{settings.max_steps, true};
  });
}

}  // namespace ldv::mlp
