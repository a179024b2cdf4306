#include "ldv/measure/cycle_chain.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/exit/estimator.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/sim/euler_maruyama.hpp"
#include "ldv/stats/binomial_interval.hpp"

namespace ldv::measure {
namespace {

constexpr std::uint64_t kPathsPerBlock = 64;  // fixed: never derived from the thread count

struct BlockSummary {
  explicit BlockSummary(double horizon) : exit_time(horizon) {}
  std::uint64_t exits = 0, cycles = 0, steps = 0;
  stats::CensoredSample exit_time;
  stats::RunningMoments cycle_length, return_leg;
  std::vector<double> return_legs;
};

enum class Phase { outward, armed };  // before σ_k (heading for Γ), after σ_k (heading for γ ∪ ∂D)

template <class ConcreteModel>
void run_path(const ConcreteModel& model, const CycleChainRuns& r, std::uint64_t max_steps, double c0,
              std::uint32_t path, BlockSummary& out) {
  const int d = static_cast<int>(r.center.size());
  std::vector<double> x(r.start.data(), r.start.data() + d), z(d), drift(d), kick(d), n(d);
  const double* c = r.center.data();
  const double noise = std::sqrt(r.eps * r.step);
  // Distance to θ* and the Gobet–Menozzi shift c₀|σᵀn|√(εh) at x (n the radial normal).
  auto radius_and_shift = [&](double& shift) {
    double rho2 = 0.0;
    for (int i = 0; i < d; ++i) rho2 += (x[i] - c[i]) * (x[i] - c[i]);
    const double rho = std::sqrt(rho2);
    for (int i = 0; i < d; ++i) n[i] = rho > 0.0 ? (x[i] - c[i]) / rho : (i == 0 ? 1.0 : 0.0);
    shift = c0 * std::sqrt(r.eps * r.step * model.normal_variance(x.data(), n.data()));
    return rho;
  };
  double shift = 0.0;
  Phase phase = radius_and_shift(shift) >= r.outer_radius - shift ? Phase::armed : Phase::outward;
  double cycle_start = 0.0, armed_at = 0.0;
  bool began_on_gamma = false;  // the first cycle begins at the start point, not on γ
  std::uint64_t cycles = 0;
  NormalStream stream(r.seed, path);
  for (std::uint64_t k = 1; k <= max_steps; ++k) {
    stream.fill(z.data(), d);
    euler_maruyama_step(model, d, x.data(), z.data(), r.step, noise, {drift.data(), kick.data()});
    const double t = static_cast<double>(k) * r.step;
    const double rho = radius_and_shift(shift);
    if (!std::isfinite(rho))
      throw NumericalFailure(fmt::format("cycle chain: path {} left the finite numbers at t = {} (step h = {} too "
                                         "large for this drift?)",
                                         path, t, r.step));
    if (phase == Phase::outward && rho >= r.outer_radius - shift) {
      phase = Phase::armed;
      armed_at = t;
    }
    if (phase != Phase::armed) continue;
    const bool exited = rho >= r.domain_radius - shift;
    if (!exited && rho > r.inner_radius + shift) continue;
    // The cycle ends: on ∂D (the chain stops) or on γ.
    ++cycles;
    ++out.cycles;
    out.return_leg.add(t - armed_at);
    if (began_on_gamma) out.cycle_length.add(t - cycle_start);
    if (r.keep_return_legs) out.return_legs.push_back(t - armed_at);
    if (exited) {
      ++out.exits;
      out.exit_time.add_exit(t);
      out.steps += k;
      return;
    }
    if (r.max_cycles > 0 && cycles >= r.max_cycles) {  // stopped before exiting: no exit time recorded
      out.steps += k;
      return;
    }
    phase = Phase::outward;
    cycle_start = t;
    began_on_gamma = true;
  }
  out.steps += max_steps;
  out.exit_time.add_censored();
}

}  // namespace

void CycleChainRuns::validate() const {
  const int d = model.dimension();
  require_point("cycle chain: centre", center, d);
  require_point("cycle chain: start point", start, d);
  require_positive("cycle chain: domain radius", domain_radius);
  require_positive("cycle chain: inner radius", inner_radius);
  require_positive("cycle chain: outer radius", outer_radius);
  if (!(inner_radius < outer_radius && outer_radius < domain_radius))
    throw_invalid(fmt::format("cycle chain: radii inner = {}, outer = {}, domain = {} must satisfy inner < outer < "
                              "domain",
                              inner_radius, outer_radius, domain_radius));
  if (!((start - center).norm() < domain_radius))
    throw_invalid(fmt::format("cycle chain: the start point lies at distance {} from the centre, not inside D of "
                              "radius {}",
                              (start - center).norm(), domain_radius));
  require_positive("cycle chain: eps", eps);
  require_positive("cycle chain: step", step);
  require_positive("cycle chain: max time", max_time);
  if (max_time < step) throw_invalid(fmt::format("cycle chain: max time = {} is shorter than one step h = {}", max_time, step));
  if (paths < 2) throw_invalid(fmt::format("cycle chain: paths = {} must be at least 2", paths));
  if (paths > std::numeric_limits<std::uint32_t>::max())
    throw_invalid(fmt::format("cycle chain: paths = {} exceeds the 2^32 − 1 paths one seed can key", paths));
  if (threads < 0) throw_invalid(fmt::format("cycle chain: threads = {} must be >= 0 (0 means all cores)", threads));
}

CycleChain run_cycle_chain(const CycleChainRuns& r, const std::string& name) {
  r.validate();
  const auto started = std::chrono::steady_clock::now();
  const auto max_steps = static_cast<std::uint64_t>(std::floor(r.max_time / r.step * (1.0 + 1e-12)));
  const double horizon = static_cast<double>(max_steps) * r.step;
  const double c0 = gobet_menozzi_constant();
  const std::uint64_t blocks = (r.paths + kPathsPerBlock - 1) / kPathsPerBlock;
  std::vector<BlockSummary> summaries(blocks, BlockSummary(horizon));
  tbb::task_arena arena(r.threads > 0 ? r.threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, blocks, 1), [&](const auto& range) {
      for (std::uint64_t b = range.begin(); b != range.end(); ++b)
        r.model.visit([&](const auto& concrete) {
          for (std::uint64_t p = b * kPathsPerBlock; p < std::min(r.paths, (b + 1) * kPathsPerBlock); ++p)
            run_path(concrete, r, max_steps, c0, static_cast<std::uint32_t>(p), summaries[b]);
        });
    });
  });
  CycleChain out;
  out.exit_time = stats::CensoredSample(horizon);
  for (const BlockSummary& s : summaries) {  // ordered reduction
    out.exits += s.exits;
    out.cycles += s.cycles;
    out.steps += s.steps;
    out.exit_time.merge(s.exit_time);
    out.cycle_length.merge(s.cycle_length);
    out.return_leg.merge(s.return_leg);
    if (r.keep_return_legs) out.return_legs.insert(out.return_legs.end(), s.return_legs.begin(), s.return_legs.end());
  }
  out.paths = r.paths;
  if (out.cycles == 0)
    throw NumericalFailure(fmt::format("{}: no cycle ended within the horizon {} (ε = {}): raise max_time", name,
                                       horizon, r.eps));
  out.exit_probability = stats::binomial_proportion(
      name, out.exits, out.cycles,
      fmt::format("cycles of the chain of γ = ∂B_{} and Γ = ∂B_{} around θ* in D = B_{} (escape paper, Appendix B), "
                  "{} Euler–Maruyama paths (ε = {}, h = {}, Gobet–Menozzi shift on every sphere), counted: cycles "
                  "ending on ∂D out of all cycles that ended",
                  r.inner_radius, r.outer_radius, r.domain_radius, r.paths, r.eps, r.step));
  out.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

}  // namespace ldv::measure
