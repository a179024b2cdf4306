#include "ldv/mlp/network.hpp"

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/random/philox_stream.hpp"

namespace ldv::mlp {
namespace {

// Samples per block of a full-data sum: fixed, so the order of additions never depends on threads.
constexpr Eigen::Index kBlock = 512;

// Index of each parameter in θ (the layout of network.hpp).
struct Layout {
  Eigen::Index p, h, o;
  Eigen::Index w1(Eigen::Index j, Eigen::Index l) const { return j + l * h; }
  Eigen::Index b1(Eigen::Index j) const { return h * p + j; }
  Eigen::Index w2(Eigen::Index k, Eigen::Index j) const { return h * p + h + k + j * o; }
  Eigen::Index b2(Eigen::Index k) const { return h * p + h + o * h + k; }
};

struct Weights {
  Eigen::Map<const Matrix> w1;
  Eigen::Map<const Vector> b1;
  Eigen::Map<const Matrix> w2;
  Eigen::Map<const Vector> b2;
  Weights(const Vector& t, const Layout& L)
      : w1(t.data(), L.h, L.p),
        b1(t.data() + L.h * L.p, L.h),
        w2(t.data() + L.h * L.p + L.h, L.o, L.h),
        b2(t.data() + L.h * L.p + L.h + L.o * L.h, L.o) {}
};

// The forward pass of the samples in columns of x: z = W₁x + b₁, a = tanh z, f = W₂a + b₂.
void forward(const Weights& w, const Matrix& x, Matrix& z, Matrix& a, Matrix& f) {
  z.noalias() = w.w1 * x;
  z.colwise() += w.b1;
  a = z.array().tanh();
  f.noalias() = w.w2 * a;
  f.colwise() += w.b2;
}

// Runs body(first, last, block) over fixed blocks of the samples, in parallel, and returns after all.
template <class Body>
void over_blocks(Eigen::Index samples, int threads, Body&& body) {
  const Eigen::Index blocks = (samples + kBlock - 1) / kBlock;
  tbb::task_arena arena(threads > 0 ? threads : tbb::info::default_concurrency());
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<Eigen::Index>(0, blocks, 1), [&](const tbb::blocked_range<Eigen::Index>& r) {
      for (Eigen::Index b = r.begin(); b != r.end(); ++b) body(b * kBlock, std::min(samples, (b + 1) * kBlock), b);
    });
  });
}

Eigen::Index block_count(Eigen::Index samples) { return (samples + kBlock - 1) / kBlock; }

}  // namespace

MlpLoss::MlpLoss(Architecture architecture, Matrix features, Matrix targets, double l2, int threads)
    : architecture_(architecture), features_(std::move(features)), targets_(std::move(targets)), l2_(l2),
      threads_(threads) {
  if (architecture_.inputs < 1 || architecture_.hidden < 1 || architecture_.outputs < 1)
    throw_invalid(fmt::format("MLP architecture {}–{}–{}: every layer needs at least one unit", architecture_.inputs,
                              architecture_.hidden, architecture_.outputs));
  if (features_.rows() != architecture_.inputs || targets_.rows() != architecture_.outputs)
    throw_invalid(fmt::format("MLP data: {} features and {} targets per sample, the architecture {}–{}–{} expects {} "
                              "and {}",
                              features_.rows(), targets_.rows(), architecture_.inputs, architecture_.hidden,
                              architecture_.outputs, architecture_.inputs, architecture_.outputs));
  if (features_.cols() != targets_.cols() || features_.cols() < 2)
    throw_invalid(fmt::format("MLP data: {} feature columns and {} target columns, expected the same number >= 2",
                              features_.cols(), targets_.cols()));
  require_non_negative("l2 weight", l2_);
  if (threads_ < 0) throw_invalid(fmt::format("threads = {} must be >= 0 (0: all cores)", threads_));
}

void MlpLoss::require_theta(const Vector& theta) const {
  if (theta.size() != dimension())
    throw_invalid(fmt::format("MLP parameters: {} values, expected {}", theta.size(), dimension()));
}

double MlpLoss::loss(const Vector& theta) const {
  Vector g;
  return loss_and_gradient(theta, g);
}

double MlpLoss::loss_and_gradient(const Vector& theta, Vector& gradient) const {
  require_theta(theta);
  const Layout L{architecture_.inputs, architecture_.hidden, architecture_.outputs};
  const Weights w(theta, L);
  const Eigen::Index blocks = block_count(samples());
  std::vector<double> block_loss(blocks, 0.0);
  std::vector<Vector> block_gradient(blocks);
  over_blocks(samples(), threads_, [&](Eigen::Index first, Eigen::Index last, Eigen::Index b) {
    const Eigen::Index n = last - first;
    Matrix z, a, f;
    const Matrix x = features_.middleCols(first, n);
    forward(w, x, z, a, f);
    const Matrix r = f - targets_.middleCols(first, n);
    block_loss[b] = 0.5 * r.squaredNorm();
    const Matrix dz = ((w.w2.transpose() * r).array() * (1.0 - a.array().square())).matrix();
    Vector g(dimension());
    Eigen::Map<Matrix>(g.data(), L.h, L.p).noalias() = dz * x.transpose();
    g.segment(L.b1(0), L.h) = dz.rowwise().sum();
    Eigen::Map<Matrix>(g.data() + L.w2(0, 0), L.o, L.h).noalias() = r * a.transpose();
    g.segment(L.b2(0), L.o) = r.rowwise().sum();
    block_gradient[b] = std::move(g);
  });
  double total = 0.0;
  gradient = Vector::Zero(dimension());
  for (Eigen::Index b = 0; b < blocks; ++b) {  // in block order
    total += block_loss[b];
    gradient += block_gradient[b];
  }
  const double n = samples();
  gradient = gradient / n + l2_ * theta;
  return total / n + 0.5 * l2_ * theta.squaredNorm();
}

void MlpLoss::batch_gradient(const Vector& theta, const std::uint32_t* indices, int count, Vector& gradient,
                             BatchWorkspace& work) const {
  const Layout L{architecture_.inputs, architecture_.hidden, architecture_.outputs};
  const Weights w(theta, L);
  work.x.resize(L.p, count);
  work.y.resize(L.o, count);
  for (int c = 0; c < count; ++c) {
    work.x.col(c) = features_.col(indices[c]);
    work.y.col(c) = targets_.col(indices[c]);
  }
  forward(w, work.x, work.z, work.a, work.f);
  work.f -= work.y;  // the residuals r
  work.dz.noalias() = w.w2.transpose() * work.f;
  work.dz.array() *= 1.0 - work.a.array().square();
  gradient.resize(dimension());
  const double inv = 1.0 / count;
  Eigen::Map<Matrix>(gradient.data(), L.h, L.p).noalias() = inv * work.dz * work.x.transpose();
  gradient.segment(L.b1(0), L.h) = inv * work.dz.rowwise().sum();
  Eigen::Map<Matrix>(gradient.data() + L.w2(0, 0), L.o, L.h).noalias() = inv * work.f * work.a.transpose();
  gradient.segment(L.b2(0), L.o) = inv * work.f.rowwise().sum();
  gradient += l2_ * theta;
}

Matrix MlpLoss::per_sample_gradients(const Vector& theta) const {
  require_theta(theta);
  const Layout L{architecture_.inputs, architecture_.hidden, architecture_.outputs};
  const Weights w(theta, L);
  Matrix g(dimension(), samples());
  over_blocks(samples(), threads_, [&](Eigen::Index first, Eigen::Index last, Eigen::Index) {
    Matrix z, a, f;
    const Matrix x = features_.middleCols(first, last - first);
    forward(w, x, z, a, f);
    const Matrix r = f - targets_.middleCols(first, last - first);
    const Matrix dz = ((w.w2.transpose() * r).array() * (1.0 - a.array().square())).matrix();
    for (Eigen::Index c = 0; c < x.cols(); ++c) {
      auto gi = g.col(first + c);
      Eigen::Map<Matrix>(gi.data(), L.h, L.p).noalias() = dz.col(c) * x.col(c).transpose();
      gi.segment(L.b1(0), L.h) = dz.col(c);
      Eigen::Map<Matrix>(gi.data() + L.w2(0, 0), L.o, L.h).noalias() = r.col(c) * a.col(c).transpose();
      gi.segment(L.b2(0), L.o) = r.col(c);
      gi += l2_ * theta;
    }
  });
  return g;
}

Matrix MlpLoss::gradient_covariance(const Vector& theta) const {
  Matrix g = per_sample_gradients(theta);
  const Vector mean = g.rowwise().mean();
  g.colwise() -= mean;
  const Eigen::Index blocks = block_count(samples());
  std::vector<Matrix> partial(blocks);
  over_blocks(samples(), threads_, [&](Eigen::Index first, Eigen::Index last, Eigen::Index b) {
    partial[b] = Matrix::Zero(dimension(), dimension());
    partial[b].selfadjointView<Eigen::Lower>().rankUpdate(g.middleCols(first, last - first));
  });
  Matrix c = Matrix::Zero(dimension(), dimension());
  for (const Matrix& p : partial) c += p;  // in block order
  c = c.selfadjointView<Eigen::Lower>();
  return c / static_cast<double>(samples());
}

Matrix MlpLoss::hessian(const Vector& theta) const {
  require_theta(theta);
  const Layout L{architecture_.inputs, architecture_.hidden, architecture_.outputs};
  const Weights w(theta, L);
  const Eigen::Index d = dimension(), p1 = L.p + 1;
  const Eigen::Index blocks = block_count(samples());
  std::vector<Matrix> partial(blocks);
  over_blocks(samples(), threads_, [&](Eigen::Index first, Eigen::Index last, Eigen::Index b) {
    const Eigen::Index n = last - first;
    Matrix z, a, f;
    const Matrix x = features_.middleCols(first, n);
    forward(w, x, z, a, f);
    const Matrix r = f - targets_.middleCols(first, n);
    const Matrix s = (1.0 - a.array().square()).matrix();           // tanh'
    const Matrix t = (-2.0 * a.array() * s.array()).matrix();       // tanh''
    const Matrix u = w.w2.transpose() * r;                          // u_j = Σ_k r_k W₂[k, j]
    // Gauss–Newton part: the rows of every Jᵢ stacked (o n × d), then Jᵀ J by a rank update.
    Matrix jac = Matrix::Zero(L.o * n, d);
    Matrix& h = partial[b];
    h = Matrix::Zero(d, d);
    for (Eigen::Index c = 0; c < n; ++c)
      for (Eigen::Index k = 0; k < L.o; ++k) {
        auto row = jac.row(c * L.o + k);
        for (Eigen::Index j = 0; j < L.h; ++j) {
          const double v = w.w2(k, j) * s(j, c);
          for (Eigen::Index l = 0; l < L.p; ++l) row(L.w1(j, l)) = v * x(l, c);
          row(L.b1(j)) = v;
          row(L.w2(k, j)) = a(j, c);
        }
        row(L.b2(k)) = 1.0;
      }
    h.selfadjointView<Eigen::Lower>().rankUpdate(jac.transpose());
    // Second-order part Σₖ rₖ ∇²fₖ, into the lower triangle (row index >= column index).
    auto add = [&h](Eigen::Index i, Eigen::Index j, double v) {
      if (i >= j) h(i, j) += v;
      else h(j, i) += v;
    };
    for (Eigen::Index c = 0; c < n; ++c)
      for (Eigen::Index j = 0; j < L.h; ++j) {
        const auto xt = [&](Eigen::Index l) { return l < L.p ? x(l, c) : 1.0; };  // x̃ = (x, 1)
        const auto index = [&](Eigen::Index l) { return l < L.p ? L.w1(j, l) : L.b1(j); };
        const double second = u(j, c) * t(j, c);
        for (Eigen::Index l = 0; l < p1; ++l) {
          for (Eigen::Index m = 0; m <= l; ++m) add(index(l), index(m), second * xt(l) * xt(m));
          for (Eigen::Index k = 0; k < L.o; ++k) add(L.w2(k, j), index(l), r(k, c) * s(j, c) * xt(l));
        }
      }
  });
  Matrix hessian = Matrix::Zero(d, d);
  for (const Matrix& p : partial) hessian += p;  // in block order
  hessian = hessian.selfadjointView<Eigen::Lower>();
  hessian /= static_cast<double>(samples());
  hessian.diagonal().array() += l2_;
  return hessian;
}

double MlpLoss::accuracy(const Vector& theta) const {
  require_theta(theta);
  const Layout L{architecture_.inputs, architecture_.hidden, architecture_.outputs};
  const Weights w(theta, L);
  Matrix z, a, f;
  forward(w, features_, z, a, f);
  int right = 0;
  for (Eigen::Index c = 0; c < f.cols(); ++c) {
    Eigen::Index predicted, target;
    f.col(c).maxCoeff(&predicted);
    targets_.col(c).maxCoeff(&target);
    right += predicted == target ? 1 : 0;
  }
  return static_cast<double>(right) / static_cast<double>(f.cols());
}

Vector initial_parameters(const Architecture& architecture, std::uint64_t seed) {
  const Layout L{architecture.inputs, architecture.hidden, architecture.outputs};
  Vector theta = Vector::Zero(architecture.parameters());
  NormalStream normals(seed, 0, StreamLane::user);
  for (Eigen::Index l = 0; l < L.p; ++l)
    for (Eigen::Index j = 0; j < L.h; ++j) theta(L.w1(j, l)) = normals.next() / std::sqrt(static_cast<double>(L.p));
  for (Eigen::Index j = 0; j < L.h; ++j)
    for (Eigen::Index k = 0; k < L.o; ++k) theta(L.w2(k, j)) = normals.next() / std::sqrt(static_cast<double>(L.h));
  return theta;
}

}  // namespace ldv::mlp
