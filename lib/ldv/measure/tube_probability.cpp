#include "ldv/measure/tube_probability.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <Eigen/LU>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <vector>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/exit/estimator.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::measure {
namespace {

constexpr std::uint64_t kPathsPerBlock = 64;  // fixed: never derived from the thread count
constexpr double kDead = -std::numeric_limits<double>::infinity();

// The controls u_k (d × N) and, for a constant σ, v_k = σ⁻¹u_k; for a state-dependent σ the
// v_k are solved on the path (empty `v` here).
struct Controls {
  Matrix u, v;
};

Controls controls(const TubeRuns& r) {
  const Matrix& psi = r.importance.size() ? r.importance : r.centre;
  const auto steps = psi.cols() - 1;
  const double h = r.duration / static_cast<double>(steps);
  Controls c{Matrix(psi.rows(), steps), Matrix()};
  for (Eigen::Index k = 0; k < steps; ++k)
    c.u.col(k) = (psi.col(k + 1) - psi.col(k)) / h - r.model.drift(Vector(psi.col(k)));
  if (r.model.constant_diffusion()) c.v = r.model.sigma(Vector(r.centre.col(0))).partialPivLu().solve(c.u);
  return c;
}

// One path: its log-likelihood ratio if it stayed in the tube, −∞ if it left.
template <class ConcreteModel>
double run_path(const ConcreteModel& model, const TubeRuns& r, const Controls& c, double c0, std::uint32_t path) {
  const int d = static_cast<int>(r.centre.rows());
  const auto steps = r.centre.cols() - 1;
  const double h = r.duration / static_cast<double>(steps);
  const double noise = std::sqrt(r.eps * h), root_h_over_eps = std::sqrt(h / r.eps);
  std::vector<double> x(r.centre.col(0).data(), r.centre.col(0).data() + d), z(d), drift(d), kick(d), n(d);
  Vector v_state(d);
  double log_w = 0.0;
  NormalStream stream(r.seed, path);
  for (Eigen::Index k = 0; k < steps; ++k) {
    stream.fill(z.data(), d);
    const double* v = c.v.size() ? c.v.col(k).data() : nullptr;
    if (!v) {  // state-dependent σ: v_k = σ(X_k)⁻¹ u_k
      v_state = r.model.sigma(Eigen::Map<const Vector>(x.data(), d)).partialPivLu().solve(Vector(c.u.col(k)));
      v = v_state.data();
    }
    double vz = 0.0, vv = 0.0;
    for (int i = 0; i < d; ++i) {
      vz += v[i] * z[i];
      vv += v[i] * v[i];
    }
    log_w += -root_h_over_eps * vz - 0.5 * (h / r.eps) * vv;
    model.drift(x.data(), drift.data());
    model.apply_sigma(x.data(), z.data(), kick.data());
    for (int i = 0; i < d; ++i) x[i] += (drift[i] + c.u(i, k)) * h + noise * kick[i];
    double rho2 = 0.0;
    for (int i = 0; i < d; ++i) rho2 += (x[i] - r.centre(i, k + 1)) * (x[i] - r.centre(i, k + 1));
    const double rho = std::sqrt(rho2);
    if (!std::isfinite(rho))
      throw NumericalFailure(fmt::format("tube probability: path {} left the finite numbers at step {}", path, k + 1));
    for (int i = 0; i < d; ++i) n[i] = rho > 0.0 ? (x[i] - r.centre(i, k + 1)) / rho : (i == 0 ? 1.0 : 0.0);
    const double shift = c0 * std::sqrt(r.eps * h * model.normal_variance(x.data(), n.data()));
    if (rho >= r.radius - shift) return kDead;
  }
  return log_w;
}

}  // namespace

void TubeRuns::validate() const {
  const int d = model.dimension();
  if (centre.rows() != d || centre.cols() < 2 || !centre.allFinite())
    throw_invalid(fmt::format("tube probability: the centre is a {} × {} matrix; a finite {} × (N+1) path on the "
                              "Euler grid with N ≥ 1 expected",
                              centre.rows(), centre.cols(), d));
  if (importance.size()) {
    if (importance.rows() != centre.rows() || importance.cols() != centre.cols() || !importance.allFinite())
      throw_invalid(fmt::format("tube probability: the importance path is a {} × {} matrix; a finite {} × {} path on "
                                "the centre's grid expected",
                                importance.rows(), importance.cols(), centre.rows(), centre.cols()));
    if ((importance.col(0) - centre.col(0)).norm() > 0.0)
      throw_invalid("tube probability: the importance path must start where the centre starts (ψ₀ = φ₀)");
  }
  require_positive("tube probability: duration T", duration);
  require_positive("tube probability: tube radius δ", radius);
  require_positive("tube probability: eps", eps);
  if (paths < 2) throw_invalid(fmt::format("tube probability: paths = {} must be at least 2", paths));
  if (paths > std::numeric_limits<std::uint32_t>::max())
    throw_invalid(fmt::format("tube probability: paths = {} exceeds the 2^32 − 1 paths one seed can key", paths));
  if (threads < 0)
    throw_invalid(fmt::format("tube probability: threads = {} must be >= 0 (0 means all cores)", threads));
}

TubeProbability measure_tube_probability(const TubeRuns& r, const std::string& name, double systematic) {
  r.validate();
  require_non_negative("tube probability: systematic", systematic);
  const auto started = std::chrono::steady_clock::now();
  const Controls c = controls(r);
  const double c0 = gobet_menozzi_constant();
  std::vector<double> log_w(r.paths);
  const std::uint64_t blocks = (r.paths + kPathsPerBlock - 1) / kPathsPerBlock;
  tbb::task_arena arena(r.threads > 0 ? r.threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, blocks, 1), [&](const auto& range) {
      for (std::uint64_t b = range.begin(); b != range.end(); ++b)
        r.model.visit([&](const auto& concrete) {
          for (std::uint64_t p = b * kPathsPerBlock; p < std::min(r.paths, (b + 1) * kPathsPerBlock); ++p)
            log_w[p] = run_path(concrete, r, c, c0, static_cast<std::uint32_t>(p));
        });
    });
  });
  // Ordered reduction in the log domain: w_i = e^{m} a_i with m the largest log-weight.
  const double m = *std::max_element(log_w.begin(), log_w.end());
  const auto n = static_cast<double>(r.paths);
  const auto h = r.duration / static_cast<double>(r.centre.cols() - 1);
  if (m == kDead)
    throw NumericalFailure(fmt::format("{}: none of {} sampled paths stayed in the tube of radius {} (ε = {}, h = {}): "
                                       "take ε ≪ δ² or more paths",
                                       name, r.paths, r.radius, r.eps, h));
  double sum = 0.0, sum2 = 0.0;
  std::uint64_t inside = 0;
  for (double lw : log_w) {
    if (lw == kDead) continue;
    const double a = std::exp(lw - m);
    sum += a;
    sum2 += a * a;
    ++inside;
  }
  const double mean = sum / n;
  const double variance = std::max(0.0, (sum2 - n * mean * mean) / (n - 1.0));
  TubeProbability out;
  out.relative_error = std::sqrt(variance / n) / mean;
  out.effective_sample_size = sum * sum / sum2;
  out.inside_fraction = static_cast<double>(inside) / n;
  out.paths = r.paths;
  out.steps = r.paths * static_cast<std::uint64_t>(r.centre.cols() - 1);
  out.log_probability = stats::normal_estimate(
      name, m + std::log(mean), out.relative_error, systematic,
      fmt::format("importance sampling (Girsanov drift change onto {}; exact Euler likelihood ratio), {} paths, "
                  "ε = {}, h = {}, tube radius δ = {} (Gobet–Menozzi shift); {:.1f}% of sampled paths inside, "
                  "effective sample size {:.0f}; log P̂ ± delta-method error (relative error {:.3g})",
                  r.importance.size() ? "the importance path ψ" : "the tube's centre φ", r.paths, r.eps, h, r.radius,
                  100 * out.inside_fraction, out.effective_sample_size, out.relative_error));
  out.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

Matrix resample_uniform(const Matrix& path, int segments) {
  if (path.cols() < 2 || !path.allFinite())
    throw_invalid(fmt::format("resample: a finite path of at least 2 nodes expected, got {} nodes", path.cols()));
  if (segments < 1) throw_invalid(fmt::format("resample: segments = {} must be at least 1", segments));
  const auto m = static_cast<double>(path.cols() - 1);
  Matrix out(path.rows(), segments + 1);
  for (int k = 0; k <= segments; ++k) {
    const double s = m * k / segments;
    const auto i = std::min(static_cast<Eigen::Index>(s), path.cols() - 2);
    const double f = s - static_cast<double>(i);
    out.col(k) = (1.0 - f) * path.col(i) + f * path.col(i + 1);
  }
  return out;
}

}  // namespace ldv::measure
