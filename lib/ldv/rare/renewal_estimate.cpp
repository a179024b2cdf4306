#include "ldv/rare/renewal_estimate.hpp"

#include <array>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <vector>

#include "ldv/core/error.hpp"
#include "ldv/stats/quantiles.hpp"

namespace ldv::rare {

Interval RenewalEstimate::interval(double confidence) const {
  if (!(confidence > 0.0 && confidence < 1.0))
    throw_invalid(fmt::format("confidence {} must lie in (0, 1)", confidence));
  if (!std::isfinite(mean)) return {0.0, std::numeric_limits<double>::infinity()};
  const double t = replicas >= 2 ? stats::student_t_quantile(0.5 * (1.0 + confidence), static_cast<double>(replicas - 1))
                                 : stats::normal_quantile(0.5 * (1.0 + confidence));
  const double half = t * log_std_error();
  return {mean * std::exp(-half), mean * std::exp(half)};
}

RenewalEstimate combine_replicas(const std::vector<ReplicaSummary>& replicas) {
  const std::size_t m = replicas.size();
  if (m < 2) throw_invalid(fmt::format("splitting needs at least 2 replicas for its interval, got {}", m));
  // Per replica u = (Σ T₀, approaches, C, p); the estimate is f(ū) = ū₀/ū₁ + ū₂/ū₃.
  std::array<double, 4> mean{};
  for (const ReplicaSummary& r : replicas) {  // replica order: the same bits for any thread count
    mean[0] += r.approach_time_sum;
    mean[1] += static_cast<double>(r.approaches);
    mean[2] += r.loop_time_mean;
    mean[3] += r.probability;
  }
  for (double& v : mean) v /= static_cast<double>(m);
  RenewalEstimate out;
  out.replicas = m;
  out.approach_time = mean[0] / mean[1];
  out.loop_time = mean[2];
  out.probability = mean[3];
  if (!(out.probability > 0.0)) {
    out.mean = out.std_error = std::numeric_limits<double>::infinity();
    return out;
  }
  out.mean = out.approach_time + out.loop_time / out.probability;
  // Delta method: the gradient of f at ū, and Var f(ū) ≈ gᵀ S g / m with S the sample covariance.
  const std::array<double, 4> g{1.0 / mean[1], -mean[0] / (mean[1] * mean[1]), 1.0 / mean[3],
                                -mean[2] / (mean[3] * mean[3])};
  double var = 0.0, var_t0 = 0.0, var_c = 0.0, var_p = 0.0;
  for (const ReplicaSummary& r : replicas) {
    const std::array<double, 4> u{r.approach_time_sum, static_cast<double>(r.approaches), r.loop_time_mean,
                                  r.probability};
    double psi = 0.0;
    for (int i = 0; i < 4; ++i) psi += g[i] * (u[i] - mean[i]);
    const double psi_t0 = g[0] * (u[0] - mean[0]) + g[1] * (u[1] - mean[1]);
    var += psi * psi;
    var_t0 += psi_t0 * psi_t0;
    var_c += (u[2] - mean[2]) * (u[2] - mean[2]);
    var_p += (u[3] - mean[3]) * (u[3] - mean[3]);
  }
  const double norm = static_cast<double>(m) * static_cast<double>(m - 1);
  out.std_error = std::sqrt(var / norm);
  out.approach_time_se = std::sqrt(var_t0 / norm);
  out.loop_time_se = std::sqrt(var_c / norm);
  out.probability_se = std::sqrt(var_p / norm);
  out.plug_in = out.mean;
  // Jackknife over replicas (see the header): leave-one-out means (m ū − uᵢ)/(m − 1).
  const double md = static_cast<double>(m);
  std::vector<double> leave_one_out;
  for (const ReplicaSummary& r : replicas) {
    const std::array<double, 4> u{r.approach_time_sum, static_cast<double>(r.approaches), r.loop_time_mean,
                                  r.probability};
    std::array<double, 4> v{};
    for (int i = 0; i < 4; ++i) v[i] = (md * mean[i] - u[i]) / (md - 1.0);
    if (!(v[3] > 0.0)) return out;  // one replica alone saw exits: plug-in and delta method
    leave_one_out.push_back(v[0] / v[1] + v[2] / v[3]);
  }
  double jack_mean = 0.0;
  for (double f : leave_one_out) jack_mean += f / md;  // replica order: the same bits for any thread count
  double jack_var = 0.0;
  for (double f : leave_one_out) jack_var += (f - jack_mean) * (f - jack_mean);
  out.mean = md * out.plug_in - (md - 1.0) * jack_mean;
  out.std_error = std::sqrt((md - 1.0) / md * jack_var);
  if (!(out.mean > 0.0)) {  // a correction larger than the estimate: the replicas cannot support it
    out.mean = out.plug_in;
    out.std_error = std::sqrt(var / norm);
  }
  return out;
}

}  // namespace ldv::rare
