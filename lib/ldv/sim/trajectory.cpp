#include "ldv/sim/trajectory.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <utility>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/sim/euler_maruyama.hpp"
#include "ldv/sim/step_stability.hpp"

namespace ldv {

Trajectory simulate_trajectory(const Model& model, const Vector& start, const TrajectorySettings& s) {
  const int d = model.dimension();
  require_point("start point", start, d);
  require_non_negative("eps", s.eps);
  require_positive("step", s.step);
  require_positive_count("record_every", s.record_every);
  std::vector<std::string> warnings;
  check_euler_step(model, {start}, s.step, "the start point", warnings);

  Trajectory out{{}, {}, d, std::move(warnings)};
  const std::uint64_t recorded = s.steps / s.record_every + 1;
  out.times.reserve(recorded);
  out.points.reserve(recorded * static_cast<std::uint64_t>(d));
  std::vector<double> x(start.data(), start.data() + d), normals(d), drift(d), kick(d);
  auto record = [&](std::uint64_t k) {
    out.times.push_back(static_cast<double>(k) * s.step);
    out.points.insert(out.points.end(), x.begin(), x.end());
  };
  record(0);
  NormalStream stream(s.seed, s.path);
  const double noise_scale = std::sqrt(s.eps * s.step);
  model.visit([&](const auto& concrete) {
    for (std::uint64_t k = 1; k <= s.steps; ++k) {
      stream.fill(normals.data(), d);
      euler_maruyama_step(concrete, d, x.data(), normals.data(), s.step, noise_scale, {drift.data(), kick.data()});
      if (!std::all_of(x.begin(), x.end(), [](double v) { return std::isfinite(v); }))
        throw NumericalFailure(fmt::format("the trajectory left the finite numbers at step {} (t = {}): the step "
                                           "h = {} is too large for this drift",
                                           k, static_cast<double>(k) * s.step, s.step));
      if (k % s.record_every == 0) record(k);
    }
  });
  return out;
}

}  // namespace ldv
