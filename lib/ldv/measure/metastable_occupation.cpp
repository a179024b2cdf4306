#include "ldv/measure/metastable_occupation.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "ldv/measure/detail/parallel_blocks.hpp"
#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/reference/ou_exit_time.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/sim/euler_maruyama.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::measure {
namespace {

void validate(const OccupationRuns& r) {
  const int d = r.model.dimension();
  if (r.cores.size() < 2) throw_invalid(fmt::format("occupation: {} core sets given, at least 2 expected", r.cores.size()));
  for (std::size_t i = 0; i < r.cores.size(); ++i) {
    require_point(fmt::format("core {} centre", i), r.cores[i].center, d);
    require_positive(fmt::format("core {} radius", i), r.cores[i].radius);
    for (std::size_t j = 0; j < i; ++j)
      if ((r.cores[i].center - r.cores[j].center).norm() <= r.cores[i].radius + r.cores[j].radius)
        throw_invalid(fmt::format("occupation: core sets {} and {} overlap", j, i));
  }
  if (r.box.dimension() != d)
    throw_invalid(fmt::format("occupation: the box has dimension {} but the model {}", r.box.dimension(), d));
  require_point("start", r.start, d);
  if (!r.box.contains(r.start)) throw_invalid("occupation: the start lies outside the reflecting box");
  require_positive("eps", r.eps);
  require_positive("step", r.step);
  if (r.runs < 2) throw_invalid(fmt::format("occupation: runs = {} must be at least 2", r.runs));
  require_positive_count("cycles", r.cycles);
  require_positive_count("max_steps", r.max_steps);
}

template <class ConcreteModel>
RunTally run_one(const ConcreteModel& model, const OccupationRuns& r, std::uint32_t run) {
  const int d = r.model.dimension();
  const std::size_t n = r.cores.size();
  RunTally t{std::vector<std::uint64_t>(n, 0), std::vector<std::uint64_t>(n, 0), std::vector<std::uint64_t>(n * n, 0)};
  std::vector<double> x(r.start.data(), r.start.data() + d), z(d), drift(d), kick(d);
  const auto core_of = [&]() -> int {
    for (std::size_t i = 0; i < n; ++i) {
      double s = 0.0;
      for (int k = 0; k < d; ++k) s += (x[k] - r.cores[i].center(k)) * (x[k] - r.cores[i].center(k));
      if (s <= r.cores[i].radius * r.cores[i].radius) return static_cast<int>(i);
    }
    return -1;
  };
  int state = core_of();
  std::uint64_t returns = 0;
  NormalStream stream(r.seed, run);
  const double noise = std::sqrt(r.eps * r.step);
  for (std::uint64_t k = 1;; ++k) {
    if (k > r.max_steps)
      throw NumericalFailure(fmt::format("occupation run {} at ε = {}: {} cycles not completed within {} steps", run, r.eps,
                                         r.cycles, r.max_steps));
    stream.fill(z.data(), d);
    euler_maruyama_step(model, d, x.data(), z.data(), r.step, noise, {drift.data(), kick.data()});
    r.box.reflect(x.data());
    const int core = core_of();
    if (core >= 0) {
      ++t.steps_inside[static_cast<std::size_t>(core)];
      if (state >= 0 && core != state) {
        ++t.transitions[static_cast<std::size_t>(state) * n + static_cast<std::size_t>(core)];
        if (core == 0) ++returns;
      }
      state = core;
    }
    if (state >= 0) ++t.steps_in_state[static_cast<std::size_t>(state)];
    if (returns == r.cycles) return t;
  }
}

double sum_of(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x;
  return s;
}

// Sample variance of v over the runs divided by R: the squared standard error of its mean.
double variance_of_mean(const std::vector<double>& v) {
  const double r = static_cast<double>(v.size()), mean = sum_of(v) / r;
  double ss = 0.0;
  for (double x : v) ss += (x - mean) * (x - mean);
  return ss / (r - 1.0) / r;
}

}  // namespace

double occupation_fit_error(const std::vector<double>& eps, double v_i, double v_j) {
  if (eps.size() < 2) throw_invalid("occupation fit calibration: at least 2 noise levels expected");
  require_positive("occupation fit calibration: barrier v_i", v_i);
  require_positive("occupation fit calibration: barrier v_j", v_j);
  // dX = −X dt + √ε' dW in the unit disc has V₀ = 1; barrier V at ε is ε' = ε/V (time is not rescaled: both
  // processes keep rate 1, the same geometry — only the barrier differs).
  std::vector<std::vector<double>> rows;
  std::vector<double> y;
  for (double e : eps) {
    require_positive("occupation fit calibration: eps", e);
    const auto log_mean = [e](double v) {
      return std::log(reference::mean_exit_time_ball({1.0, e / v, 1.0}, 2, 1.0, 0.0));
    };
    rows.push_back({1.0 / e, 1.0});
    y.push_back(log_mean(v_j) - log_mean(v_i));
  }
  const auto fit = stats::weighted_least_squares(rows, y, std::vector<double>(eps.size(), 1.0));
  return std::abs(fit.coefficients[0] - (v_j - v_i));
}

std::uint64_t Occupation::transitions(std::size_t from, std::size_t to) const {
  std::uint64_t n = 0;
  for (const RunTally& t : runs) n += t.transitions.at(from * cores + to);
  return n;
}

std::pair<double, double> Occupation::log_rate(std::size_t from, std::size_t to) const {
  std::vector<double> n, time;
  for (const RunTally& t : runs) {
    n.push_back(static_cast<double>(t.transitions.at(from * cores + to)));
    time.push_back(static_cast<double>(t.steps_in_state.at(from)) * step);
  }
  const double k = sum_of(n) / sum_of(time);
  if (!(k > 0.0)) throw_invalid(fmt::format("no transition {} → {} was seen at ε = {}: its rate has no logarithm", from, to, eps));
  std::vector<double> residual;
  for (std::size_t r = 0; r < n.size(); ++r) residual.push_back(n[r] - k * time[r]);
  const double mean_time = sum_of(time) / static_cast<double>(time.size());
  return {std::log(k), std::sqrt(variance_of_mean(residual)) / (k * mean_time)};
}

std::pair<double, double> Occupation::log_occupation_ratio(std::size_t i, std::size_t j) const {
  // log ρ = log Σa − log Σb − log Σc + log Σd: a = time inside j, b = sojourns of j, c = time inside i, d = sojourns of i.
  std::vector<double> a, b, c, d;
  for (const RunTally& t : runs) {
    double out_i = 0.0, out_j = 0.0;
    for (std::size_t k = 0; k < cores; ++k) {
      out_i += static_cast<double>(t.transitions.at(i * cores + k));
      out_j += static_cast<double>(t.transitions.at(j * cores + k));
    }
    a.push_back(static_cast<double>(t.steps_inside.at(j)));
    b.push_back(out_j);
    c.push_back(static_cast<double>(t.steps_inside.at(i)));
    d.push_back(out_i);
  }
  const double sa = sum_of(a), sb = sum_of(b), sc = sum_of(c), sd = sum_of(d);
  if (!(sa > 0 && sb > 0 && sc > 0 && sd > 0))
    throw_invalid(fmt::format("occupation ratio at ε = {}: a core was never visited or never left", eps));
  std::vector<double> influence;  // per run: the linearised contribution to log ρ (delta method)
  const double r = static_cast<double>(runs.size());
  for (std::size_t k = 0; k < runs.size(); ++k)
    influence.push_back(r * (a[k] / sa - b[k] / sb - c[k] / sc + d[k] / sd));
  return {std::log(sa) - std::log(sb) - std::log(sc) + std::log(sd), std::sqrt(variance_of_mean(influence))};
}

double Occupation::occupation_share(std::size_t i, std::size_t j) const {
  const double ratio = std::exp(log_occupation_ratio(i, j).first);
  return ratio / (1.0 + ratio);
}

Occupation measure_occupation(const OccupationRuns& r) {
  validate(r);
  Occupation out{r.eps, r.step, r.cores.size(), std::vector<RunTally>(r.runs)};
  detail::for_each_block(r.runs, r.threads, [&](std::uint64_t k) {
    r.model.visit([&](const auto& model) { out.runs[k] = run_one(model, r, static_cast<std::uint32_t>(k)); });
  });
  return out;
}

OccupationExponents measure_occupation_ladder(const OccupationLadder& ladder) {
  if (ladder.eps.size() < 3) throw_invalid("occupation ladder: at least 3 noise levels expected");
  if (ladder.expected_exponent.size() != ladder.runs.cores.size())
    throw_invalid(fmt::format("occupation ladder: {} expected exponents for {} cores", ladder.expected_exponent.size(),
                              ladder.runs.cores.size()));
  OccupationExponents out;
  out.expected_exponent = ladder.expected_exponent;
  for (std::size_t i = 0; i < ladder.eps.size(); ++i) {
    OccupationRuns runs = ladder.runs;
    runs.eps = ladder.eps[i];
    runs.seed = ladder.runs.seed * 1009u + i;
    out.levels.push_back(measure_occupation(runs));
  }
  return out;
}

Estimate OccupationExponents::occupation_exponent(std::size_t i, std::size_t j, const std::string& name) const {
  std::vector<double> eps, y, se;
  for (const Occupation& o : levels) {
    const auto [log_ratio, s] = o.log_occupation_ratio(i, j);
    eps.push_back(o.eps);
    y.push_back(log_ratio);
    se.push_back(s);
  }
  std::vector<std::vector<double>> rows;
  for (double e : eps) rows.push_back({1.0 / e, 1.0});
  const stats::WeightedFit fit = stats::weighted_least_squares(rows, y, se);
  const double systematic = occupation_fit_error(eps, expected_exponent.at(i), expected_exponent.at(j));
  return stats::fitted_coefficient(
      name, fit, 0, systematic,
      fmt::format("slope of log π(core {})/π(core {}) = c/ε + d over {} levels, π by the renewal-reward estimator "
                  "(time inside a core per completed sojourn in its state; {} runs), delta-method standard errors over "
                  "the runs; fit-model error {:.3g}, calibrated on exact radial OU exit times with the same barriers",
                  j, i, levels.size(), levels.front().runs.size(), systematic));
}

}  // namespace ldv::measure
