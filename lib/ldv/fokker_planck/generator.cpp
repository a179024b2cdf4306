#include "ldv/fokker_planck/generator.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <vector>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"

namespace ldv::fokker_planck {
namespace {

// B(z) = z/(eᶻ − 1), with its series near 0 (1 − z/2 + z²/12) where the quotient cancels.
double bernoulli(double z) {
  if (std::abs(z) < 1e-6) return 1.0 - 0.5 * z + z * z / 12.0;
  return z / std::expm1(z);
}

class Assembler {
 public:
  Assembler(const Model& model, const Grid& grid, const GeneratorSettings& s) : model_(model), grid_(grid), s_(s) {}

  SparseMatrix assemble() {
    const int d = grid_.dimension();
    const int n0 = grid_.cells(0), n1 = d == 2 ? grid_.cells(1) : 1;
    for (int j = 0; j < n1; ++j)
      for (int i = 0; i < n0; ++i) {
        if (i + 1 < n0) face(0, i, j);
        if (d == 2 && j + 1 < n1) face(1, i, j);
        if (d == 2 && i + 1 < n0 && j + 1 < n1) cross(i, j);
        if (s_.form == Form::paper_eq8 && !model_.constant_diffusion()) source(i, j);
      }
    SparseMatrix q(static_cast<Eigen::Index>(grid_.size()), static_cast<Eigen::Index>(grid_.size()));
    q.setFromTriplets(entries_.begin(), entries_.end());
    return q;
  }

 private:
  void add(std::size_t row, std::size_t column, double value) {
    entries_.emplace_back(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(column), value);
  }

  // Mass exchange k ↔ l driven by the difference of w = weight(x)·ρ: row k gains c(w_l − w_k), row l the opposite.
  void exchange(std::size_t k, std::size_t l, double c, double weight_k, double weight_l) {
    add(k, l, c * weight_l);
    add(k, k, -c * weight_k);
    add(l, k, c * weight_k);
    add(l, l, -c * weight_l);
  }

  double d12(std::size_t k) const { return model_.diffusion(grid_.centre(k))(0, 1); }

  // ∂_c D_ab at x by a central difference along axis c.
  double derivative(const Vector& x, int a, int b, int c) const {
    if (model_.constant_diffusion()) return 0.0;
    Vector y = x;
    y(c) = x(c) + s_.derivative_step;
    const double plus = model_.diffusion(y)(a, b);
    y(c) = x(c) - s_.derivative_step;
    return (plus - model_.diffusion(y)(a, b)) / (2.0 * s_.derivative_step);
  }
  double divergence(const Vector& x, int a) const {  // (∇·D)_a = Σ_c ∂_c D_ac
    double sum = 0.0;
    for (int c = 0; c < grid_.dimension(); ++c) sum += derivative(x, a, c, c);
    return sum;
  }

  // The face between cell (i, j) and its neighbour along axis a: Scharfetter–Gummel.
  void face(int a, int i, int j) {
    const int i2 = a == 0 ? i + 1 : i, j2 = a == 1 ? j + 1 : j;
    const std::size_t left = grid_.index(i, j), right = grid_.index(i2, j2);
    const Vector x = 0.5 * (grid_.centre(i, j) + grid_.centre(i2, j2));
    double u = model_.drift(x)(a) - 0.5 * s_.eps * derivative(x, a, a, a);
    if (s_.form == Form::paper_eq8) u += s_.eps * divergence(x, a);
    const double h = grid_.width(a), c = 0.5 * s_.eps * model_.diffusion(x)(a, a), peclet = u * h / c;
    // J = (c/h)[B(−P) ρ_L − B(P) ρ_R]; dρ_L/dt −= J/h, dρ_R/dt += J/h.
    const double cl = c / (h * h) * bernoulli(-peclet), cr = c / (h * h) * bernoulli(peclet);
    add(left, left, -cl);
    add(left, right, cr);
    add(right, left, cl);
    add(right, right, -cr);
    // The cross stencil's −Δ_a parts on this face (weight |D₁₂| at each cell), limited to 9/10 of the axis entry so that
    // the off-diagonal entries stay > 0 (the M-matrix limiter of the header); each limited entry keeps its column sum zero.
    if (grid_.dimension() == 2) {
      const double cx = s_.eps / (2.0 * grid_.width(0) * grid_.width(1));
      const double into_left = std::min(cx * std::abs(d12(right)), 0.9 * cr);
      const double into_right = std::min(cx * std::abs(d12(left)), 0.9 * cl);
      add(left, right, -into_left);
      add(right, right, into_left);
      add(right, left, -into_right);
      add(left, left, into_right);
    }
  }

  // The square of cells (i, j), (i+1, j), (i, j+1), (i+1, j+1): the Δₑ part of D₁₂⁺ on its diagonal and the
  // anti-diagonal part of D₁₂⁻ on its other diagonal.
  void cross(int i, int j) {
    const double cx = s_.eps / (2.0 * grid_.width(0) * grid_.width(1));
    const std::size_t a = grid_.index(i, j), b = grid_.index(i + 1, j + 1);
    exchange(a, b, cx, std::max(d12(a), 0.0), std::max(d12(b), 0.0));
    const std::size_t c = grid_.index(i + 1, j), e = grid_.index(i, j + 1);
    exchange(c, e, cx, std::max(-d12(c), 0.0), std::max(-d12(e), 0.0));
  }

  // eq. (8)'s source (ε/2)(∂ᵢ∂ⱼDᵢⱼ)ρ at the cell centre (∂ᵢ∂ⱼDᵢⱼ by central differences of ∇·D).
  void source(int i, int j) {
    const Vector x = grid_.centre(i, j);
    double second = 0.0;
    for (int a = 0; a < grid_.dimension(); ++a) {
      Vector y = x;
      y(a) = x(a) + s_.derivative_step;
      const double plus = divergence(y, a);
      y(a) = x(a) - s_.derivative_step;
      second += (plus - divergence(y, a)) / (2.0 * s_.derivative_step);
    }
    add(grid_.index(i, j), grid_.index(i, j), 0.5 * s_.eps * second);
  }

  const Model& model_;
  const Grid& grid_;
  const GeneratorSettings& s_;
  std::vector<Eigen::Triplet<double>> entries_;
};

}  // namespace

SparseMatrix generator(const Model& model, const Grid& grid, const GeneratorSettings& settings) {
  if (model.dimension() != grid.dimension())
    throw_invalid(fmt::format("Fokker–Planck: the model has dimension {} but the grid {}", model.dimension(),
                              grid.dimension()));
  require_positive("Fokker–Planck eps", settings.eps);
  require_positive("Fokker–Planck derivative_step", settings.derivative_step);
  return Assembler(model, grid, settings).assemble();
}

}  // namespace ldv::fokker_planck
