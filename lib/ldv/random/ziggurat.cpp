#include "ldv/random/ziggurat.hpp"

#include <bit>
#include <cmath>

#include "ldv/random/ziggurat_table.hpp"

namespace ldv {
namespace {

// Layer i spans x in [0, x_i] between heights y_i < y_{i+1} (ziggurat_table.hpp).

constexpr double kTwoToMinus53 = 0x1p-53;

double uniform_open_closed(WordStream& bits) {  // in (0, 1]
  return (static_cast<double>(bits.next() >> 11) + 1.0) * kTwoToMinus53;
}
double uniform_closed_open(WordStream& bits) {  // in [0, 1)
  return static_cast<double>(bits.next() >> 11) * kTwoToMinus53;
}

// Marsaglia (1964) tail beyond x₁: x = x₁ + a, a = −log(u₁)/x₁, accepted when −2 log u₂ > a².
double tail_beyond_x1(const ZigguratTable& t, WordStream& bits) {
  const double x1 = t.r;
  for (;;) {
    const double a = -std::log(uniform_open_closed(bits)) / x1;
    const double b = -std::log(uniform_open_closed(bits));
    if (b + b > a * a) return x1 + a;
  }
}

struct Candidate {
  double magnitude;  // r · x_layer
  int layer;
  bool negative;
};

Candidate candidate_from(const ZigguratTable& t, std::uint64_t word) {
  constexpr std::uint64_t kLayerMask = (std::uint64_t{1} << ZigguratTable::kLayerBits) - 1;
  const int layer = static_cast<int>((word >> 1) & kLayerMask);
  const double r = static_cast<double>(static_cast<std::int64_t>(word >> 11)) * kTwoToMinus53;  // [0, 1)
  return {r * t.x[layer], layer, (word & 1) != 0};
}

bool inside_inner_rectangle(const ZigguratTable& t, const Candidate& c) { return c.magnitude < t.x[c.layer + 1]; }

// Branch-free: the sign is a fair coin, so a branch on it would be mispredicted half the time.
double with_sign(const Candidate& c, double magnitude) {
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(magnitude) | (static_cast<std::uint64_t>(c.negative) << 63));
}

// Is (x, y) under y = f(x) = exp(−x²/2) in layer i (x_{i+1} ≤ x < x_i, y_i ≤ y < y_{i+1})?
// Boost.Random's bounds decide most points without exp: on a convex layer
// (x_{i+1} ≥ 1) the curve lies under the chord through (x_{i+1}, y_{i+1}),
// (x_i, y_i) and over the tangent at x_i; on a concave one (x_i ≤ 1) the other
// way round. The layer that holds the inflection point x = 1 uses exp alone.
// y01 is the uniform that placed y.
bool under_curve(const ZigguratTable& t, const Candidate& c, double y01) {
  const int i = c.layer;
  const double xi = t.x[i], xn = t.x[i + 1], yi = t.y[i];
  const double y = yi + y01 * (t.y[i + 1] - yi);
  const bool convex = xn >= 1.0, concave = xi <= 1.0;
  if (convex || concave) {
    const double above_chord = (xi - xn) * y01 - (xi - c.magnitude);
    const double above_tangent = y - (yi + (xi - c.magnitude) * yi * xi);
    const double above_upper = convex ? above_chord : above_tangent;
    const double above_lower = convex ? above_tangent : above_chord;
    if (above_upper >= 0) return false;
    if (above_lower < 0) return true;
  }
  return y < std::exp(-0.5 * c.magnitude * c.magnitude);
}

// The rest of the algorithm for a candidate outside its layer's inner rectangle.
double finish(const ZigguratTable& t, Candidate c, WordStream& bits) {
  for (;;) {
    if (c.layer == 0) return with_sign(c, tail_beyond_x1(t, bits));
    if (under_curve(t, c, uniform_closed_open(bits))) return with_sign(c, c.magnitude);
    // Rejected: start again with a fresh word.
    c = candidate_from(t, bits.next());
    if (inside_inner_rectangle(t, c)) return with_sign(c, c.magnitude);
  }
}

std::uint32_t rectangle_pass_scalar(const ZigguratTable& t, const PhiloxBatch& batch, double* out) {
  std::uint32_t misses = 0;
  for (int j = 0; j < kWordsPerBatch; ++j) {
    const Candidate c = candidate_from(t, batch_word(batch, j));
    out[j] = with_sign(c, c.magnitude);
    misses |= static_cast<std::uint32_t>(!inside_inner_rectangle(t, c)) << j;
  }
  return misses;
}

// The level is trusted here: callers pass the active level or one they checked.
void run(SimdLevel level, const PhiloxBatch& batch, double* out, WordStream& retries) {
  static_assert(kWordsPerBatch == 32, "the miss mask is 32 bits");
  const ZigguratTable& t = normal_ziggurat_table();
#if defined(__x86_64__) && defined(__GNUC__)
  std::uint32_t misses = level == SimdLevel::avx512 ? detail::ziggurat_rectangle_pass_avx512(batch, t.x, out)
                                                    : rectangle_pass_scalar(t, batch, out);
#else
  static_cast<void>(level);
  std::uint32_t misses = rectangle_pass_scalar(t, batch, out);
#endif
  // In increasing j, so the retry draws are reproducible.
  for (; misses != 0; misses &= misses - 1) {
    const int j = std::countr_zero(misses);
    out[j] = finish(t, candidate_from(t, batch_word(batch, j)), retries);
  }
}

}  // namespace

void ziggurat_normals(SimdLevel level, const PhiloxBatch& batch, double* out, WordStream& retries) {
  require_supported(level);
  run(level, batch, out, retries);
}

void ziggurat_normals(const PhiloxBatch& batch, double* out, WordStream& retries) {
  run(active_simd_level(), batch, out, retries);
}

}  // namespace ldv
