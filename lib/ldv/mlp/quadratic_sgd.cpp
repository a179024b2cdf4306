#include "ldv/mlp/quadratic_sgd.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/mlp/epoch_sampler.hpp"
#include "ldv/random/philox_stream.hpp"

namespace ldv::mlp {

std::string to_string(NoiseLaw law) {
  switch (law) {
    case NoiseLaw::minibatch_epochs: return "mini-batch (epochs)";
    case NoiseLaw::minibatch_replacement: return "mini-batch (with replacement)";
    case NoiseLaw::gaussian: return "Gaussian";
    case NoiseLaw::isotropic: return "isotropic";
  }
  return "?";
}

QuadraticModel quadratic_model(const Matrix& hessian, const Matrix& per_sample_gradients) {
  require_symmetric("Hessian", hessian);
  const Eigen::Index d = hessian.rows(), n = per_sample_gradients.cols();
  if (per_sample_gradients.rows() != d || n < 2)
    throw_invalid(fmt::format("quadratic model: per-sample gradients {} × {}, expected {} × N with N >= 2",
                              per_sample_gradients.rows(), n, d));
  QuadraticModel m;
  const Eigen::SelfAdjointEigenSolver<Matrix> eh(hessian);
  m.curvature = eh.eigenvalues();
  m.basis = eh.eigenvectors();
  Matrix centred = per_sample_gradients;
  centred.colwise() -= per_sample_gradients.rowwise().mean();
  m.sample_noise.noalias() = m.basis.transpose() * centred;
  Matrix c = Matrix::Zero(d, d);
  c.selfadjointView<Eigen::Lower>().rankUpdate(m.sample_noise, 1.0 / static_cast<double>(n));
  c = c.selfadjointView<Eigen::Lower>();
  m.trace = c.trace();
  const Eigen::SelfAdjointEigenSolver<Matrix> ec(c);
  const double largest = ec.eigenvalues()(d - 1);
  Eigen::Index first = 0;
  while (first < d && ec.eigenvalues()(first) < 1e-13 * largest) ++first;
  const Eigen::Index k = d - first;
  m.factor = ec.eigenvectors().rightCols(k) * ec.eigenvalues().tail(k).cwiseSqrt().asDiagonal();
  return m;
}

ExitSteps quadratic_exit_steps(const QuadraticModel& model, const QuadraticSetting& setting,
                               const ExitRunSettings& settings) {
  require_positive("quadratic SGD learning rate η", setting.learning_rate);
  require_positive("quadratic SGD exit radius r", setting.radius);
  require_positive("quadratic SGD sharpness α", setting.alpha);
  const auto n = static_cast<std::uint32_t>(model.samples());
  if (setting.batch < 1 || setting.batch > n)
    throw_invalid(fmt::format("quadratic SGD batch size B = {}, expected 1 <= B <= N = {}", setting.batch, n));
  const Eigen::Index d = model.dimension();
  const double eta = setting.learning_rate, sqrt_alpha = std::sqrt(setting.alpha);
  const Vector contraction = (1.0 - eta * setting.alpha * model.curvature.array()).matrix();  // 1 − ηαh
  const double kappa = static_cast<double>(n - setting.batch) / static_cast<double>(n - 1);
  const double gaussian_scale = eta * sqrt_alpha * std::sqrt(kappa / setting.batch);
  const double isotropic_scale = gaussian_scale * std::sqrt(model.trace / static_cast<double>(d));
  const double r2 = setting.radius * setting.radius;
  const bool minibatch = setting.law == NoiseLaw::minibatch_epochs || setting.law == NoiseLaw::minibatch_replacement;
  return run_exit_steps(settings, [&](std::uint32_t p) {
    Vector y = Vector::Zero(d), noise(d), xi(setting.law == NoiseLaw::gaussian ? model.factor.cols() : d);
    EpochSampler sampler(n, setting.batch, settings.seed, p, setting.law == NoiseLaw::minibatch_replacement);
    NormalStream normals(settings.seed, p);
    for (std::uint64_t k = 1; k <= settings.max_steps; ++k) {
      if (minibatch) {
        const std::uint32_t* batch = sampler.next();
        noise = model.sample_noise.col(batch[0]);
        for (std::uint32_t b = 1; b < setting.batch; ++b) noise += model.sample_noise.col(batch[b]);
        y = contraction.cwiseProduct(y) - (eta * sqrt_alpha / setting.batch) * noise;
      } else {
        normals.fill(xi.data(), static_cast<int>(xi.size()));
        if (setting.law == NoiseLaw::gaussian) {
          noise.noalias() = model.factor * xi;
          y = contraction.cwiseProduct(y) - gaussian_scale * noise;
        } else {
          y = contraction.cwiseProduct(y) - isotropic_scale * xi;
        }
      }
      if (y.squaredNorm() > r2) return RunOutcome{k, false};
    }
    return RunOutcome{settings.max_steps, true};
  });
}

}  // namespace ldv::mlp

namespace ldv::mlp {

Matrix gaussian_stationary_covariance(const QuadraticModel& model, const QuadraticSetting& setting) {
  require_positive("learning rate η", setting.learning_rate);
  require_positive("sharpness α", setting.alpha);
  const auto n = static_cast<double>(model.samples());
  const Vector a = (1.0 - setting.learning_rate * setting.alpha * model.curvature.array()).matrix();
  for (Eigen::Index i = 0; i < a.size(); ++i)
    if (!(std::abs(a(i)) < 1.0))
      throw_invalid(fmt::format("the chain's factor 1 − ηαh = {} at curvature h = {} (η = {}, α = {}) is not in "
                                "(−1, 1): no stationary law",
                                a(i), model.curvature(i), setting.learning_rate, setting.alpha));
  const double kappa = (n - setting.batch) / (n - 1.0);
  const double scale = setting.learning_rate * setting.learning_rate * setting.alpha * kappa / setting.batch;
  Matrix sigma = scale * (model.factor * model.factor.transpose());
  for (Eigen::Index j = 0; j < sigma.cols(); ++j)
    for (Eigen::Index i = 0; i < sigma.rows(); ++i) sigma(i, j) /= 1.0 - a(i) * a(j);
  return sigma;
}

}  // namespace ldv::mlp
