#include "kit_limit_order.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "ldv/measure/action_between.hpp"
#include "ldv/models/custom.hpp"
#include "ldv/models/linear.hpp"

namespace ldv::checks {
namespace {

constexpr double kTilt = 0.2;

Model ou() { return Model(LinearModel(Matrix::Ones(1, 1), Matrix::Ones(1, 1))); }
// b = −f′ = −(x² − 1)(x − c): f = (x² − 1)²/4 + c(x − x³/3).
Model tilted_double_well() {
  return Model(CustomModel(
      1, [](const double* x, double* b) { b[0] = -(x[0] * x[0] - 1.0) * (x[0] - kTilt); },
      [](const double*, double* s) { s[0] = 1.0; }, "tilted double well"));
}

// φ(to; from) by geometric MAM; 0 when the two points coincide (the constant path).
double action(const Model& model, double from, double to) {
  if (from == to) return 0.0;
  return measure::measure_action_between(model, Vector::Constant(1, from), Vector::Constant(1, to), "φ").action.value;
}

fokker_planck::LimitOrderSettings settings(double low, double high, int cells, const std::vector<double>& eps,
                                           const std::vector<double>& horizons) {
  return {{Vector::Constant(1, low), Vector::Constant(1, high), cells}, eps, horizons};
}

LimitOrderCase convex_case(double x0, std::vector<double> points, int cells) {
  LimitOrderCase c{fmt::format("OU f = x²/2, x₀ = {}", x0), ou(), true, x0, points, settings(-2.2, 2.2, cells, kLimitOrderEps, kLimitOrderHorizons), {}, {}, {}};
  for (double x : points) {
    c.local.push_back(action(c.model, 0.0, x));
    c.global.push_back(c.local.back());
    c.literal_23.push_back(action(c.model, x0, x));
  }
  return c;
}

LimitOrderCase double_well_case(int cells) {
  const double shallow = 1.0, deep = -1.0;
  LimitOrderCase c{"tilted double well, x₀ = O_s = 1", tilted_double_well(), false, shallow, {1.0, 1.4, -1.0},
                   settings(-1.5, 1.6, cells, kDoubleWellEps, kDoubleWellHorizons), {}, {}, {}};
  // Freidlin–Wentzell's stationary weight of the shallow well relative to the deep one (Ch. 6, §4).
  const double weight = action(c.model, deep, shallow) - action(c.model, shallow, deep);
  for (double x : c.points) {
    c.local.push_back(action(c.model, shallow, x));
    c.global.push_back(std::min(action(c.model, deep, x), weight + c.local.back()));
    c.literal_23.push_back(c.local.back());
  }
  return c;
}

}  // namespace

std::vector<LimitOrderCase> limit_order_cases(int cells) {
  std::vector<LimitOrderCase> cases;
  cases.push_back(convex_case(0.0, {0.5, 1.0}, cells));
  cases.push_back(convex_case(0.8, {0.4, 1.0}, cells));
  cases.push_back(double_well_case(cells));
  return cases;
}

std::vector<std::string> limit_order_case_names() {
  return {"OU b = -x, D = 1, x0 = 0, x in {0.5, 1}, box [-2.2, 2.2]", "OU b = -x, D = 1, x0 = 0.8, x in {0.4, 1}, box [-2.2, 2.2]",
          "f = (x^2-1)^2/4 + 0.2(x - x^3/3), D = 1, x0 = 1 (shallow), x in {1, 1.4, -1}, box [-1.5, 1.6], eps {0.1, 0.07, 0.05}, T {4, 8, 12}"};
}

verify::Figure limit_order_figure(const std::vector<LimitOrderCase>& cases, double level) {
  verify::Figure figure{"limit_order", "(a) S_T(x; x₀) = −lim_{ε→0} ε ln(ρ_T/max ρ_T) against T (points) and (b) "
                        "−lim_{ε→0} ε ln(ρ_ss/max ρ_ss) (lines)", "T", "−ε ln ρ in the limit", false, false, {}};
  for (const LimitOrderCase& c : cases)
    for (const fokker_planck::IteratedLimit& r : c.limits) {
      verify::Series a{fmt::format("(a) {}, x = {:.2f}", c.label, r.x), verify::SeriesStyle::points, {}, {}, {}, {}};
      for (std::size_t k = 0; k < r.finite_time.size(); ++k) {
        const Interval i = r.finite_time[k].at(level);
        a.x.push_back(c.settings.horizons[k]);
        a.y.push_back(r.finite_time[k].value);
        a.y_low.push_back(i.low);
        a.y_high.push_back(i.high);
      }
      figure.series.push_back(a);
      const double b = r.stationary_first.value;
      figure.series.push_back({fmt::format("(b) {}, x = {:.2f}: {:.4f}", c.label, r.x, b), verify::SeriesStyle::lines,
                               {0.0, c.settings.horizons.back()}, {b, b}, {}, {}});
    }
  return figure;
}

}  // namespace ldv::checks
