#include "ldv/measure/quasi_stationary_rate.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/exit/estimator.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/sim/euler_maruyama.hpp"
#include "ldv/stats/interval_policy.hpp"
#include "ldv/stats/running_moments.hpp"

namespace ldv::measure {
namespace {

constexpr auto kRestartLane = static_cast<StreamLane>(3);

template <class ConcreteModel>
std::uint64_t run_replica(const ConcreteModel& model, const QuasiStationaryRuns& r, std::uint32_t replica) {
  const int d = static_cast<int>(r.center.size());
  const int n = r.particles;
  const double c0 = gobet_menozzi_constant(), noise = std::sqrt(r.eps * r.step);
  std::vector<double> x(static_cast<std::size_t>(n) * d), z(d), drift(d), kick(d), normal(d);
  for (int p = 0; p < n; ++p)
    for (int i = 0; i < d; ++i) x[static_cast<std::size_t>(p) * d + i] = r.start(i);
  NormalStream increments(r.seed, replica);
  UniformStream restarts(r.seed, replica, kRestartLane);
  const auto burn_steps = static_cast<std::uint64_t>(std::llround(r.burn_in / r.step));
  const auto total_steps = burn_steps + static_cast<std::uint64_t>(std::llround(r.duration / r.step));
  std::uint64_t kills = 0;
  std::vector<int> killed;
  for (std::uint64_t k = 1; k <= total_steps; ++k) {
    killed.clear();
    for (int p = 0; p < n; ++p) {
      double* xp = x.data() + static_cast<std::size_t>(p) * d;
      increments.fill(z.data(), d);
      euler_maruyama_step(model, d, xp, z.data(), r.step, noise, {drift.data(), kick.data()});
      double rho2 = 0.0;
      for (int i = 0; i < d; ++i) rho2 += (xp[i] - r.center(i)) * (xp[i] - r.center(i));
      const double rho = std::sqrt(rho2);
      if (!std::isfinite(rho))
        throw NumericalFailure(fmt::format("quasi-stationary rate: a particle left the finite numbers (h = {})", r.step));
      for (int i = 0; i < d; ++i) normal[i] = rho > 0.0 ? (xp[i] - r.center(i)) / rho : (i == 0 ? 1.0 : 0.0);
      const double shift = c0 * std::sqrt(r.eps * r.step * model.normal_variance(xp, normal.data()));
      if (rho >= r.outer_radius - shift || (r.inner_radius > 0.0 && rho <= r.inner_radius + shift)) killed.push_back(p);
    }
    if (k > burn_steps) kills += killed.size();
    // Restart each killed particle at a survivor's position, chosen uniformly among the others
    // (a survivor of this step, or one already restarted: the standard sequential rule).
    for (int p : killed) {
      if (static_cast<int>(killed.size()) == n)
        throw NumericalFailure(fmt::format("quasi-stationary rate: all {} particles left the domain in one step (h = {} "
                                           "too large, or the domain too small for ε = {})",
                                           n, r.step, r.eps));
      int other = p;
      while (other == p) other = std::min(n - 1, static_cast<int>(restarts.next() * n));
      std::copy_n(x.data() + static_cast<std::size_t>(other) * d, d, x.data() + static_cast<std::size_t>(p) * d);
    }
  }
  return kills;
}

}  // namespace

void QuasiStationaryRuns::validate() const {
  const int d = model.dimension();
  require_point("quasi-stationary rate: centre", center, d);
  require_point("quasi-stationary rate: start point", start, d);
  require_non_negative("quasi-stationary rate: inner radius", inner_radius);
  require_positive("quasi-stationary rate: outer radius", outer_radius);
  const double rho = (start - center).norm();
  if (!(inner_radius < rho && rho < outer_radius))
    throw_invalid(fmt::format("quasi-stationary rate: the start point lies at distance {} from the centre, not inside "
                              "the annulus ({}, {})",
                              rho, inner_radius, outer_radius));
  require_positive("quasi-stationary rate: eps", eps);
  require_positive("quasi-stationary rate: step", step);
  require_non_negative("quasi-stationary rate: burn-in", burn_in);
  require_positive("quasi-stationary rate: duration", duration);
  if (duration < step) throw_invalid(fmt::format("quasi-stationary rate: duration = {} is shorter than one step h = {}", duration, step));
  if (particles < 2) throw_invalid(fmt::format("quasi-stationary rate: particles = {} must be at least 2", particles));
  if (replicas < 2) throw_invalid(fmt::format("quasi-stationary rate: replicas = {} must be at least 2", replicas));
  if (threads < 0) throw_invalid(fmt::format("quasi-stationary rate: threads = {} must be >= 0", threads));
}

QuasiStationaryRate quasi_stationary_rate(const QuasiStationaryRuns& r, const std::string& name) {
  r.validate();
  std::vector<std::uint64_t> kills(static_cast<std::size_t>(r.replicas));
  tbb::task_arena arena(r.threads > 0 ? r.threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(0, r.replicas, [&](int i) {
      kills[static_cast<std::size_t>(i)] =
          r.model.visit([&](const auto& concrete) { return run_replica(concrete, r, static_cast<std::uint32_t>(i)); });
    });
  });
  QuasiStationaryRate out;
  stats::RunningMoments moments;
  const double exposure = r.particles * (static_cast<double>(std::llround(r.duration / r.step)) * r.step);
  for (std::uint64_t k : kills) {
    out.kills += k;
    out.replica_rates.push_back(static_cast<double>(k) / exposure);
    moments.add(out.replica_rates.back());
  }
  out.std_error = moments.std_error_of_mean();
  out.rate = stats::normal_estimate(
      name, moments.mean(), out.std_error, 0.0,
      fmt::format("Fleming–Viot killing rate: {} replicas of {} particles (ε = {}, h = {}, Gobet–Menozzi shift), burn-in "
                  "{}, counted over {}; {} kills; mean of the replicas' rates ± normal quantile × their standard error "
                  "(bias O(1/N) not included)",
                  r.replicas, r.particles, r.eps, r.step, r.burn_in, r.duration, out.kills));
  return out;
}

}  // namespace ldv::measure
