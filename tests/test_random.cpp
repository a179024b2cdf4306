// Philox streams: keyed by (seed, path, lane), reproducible, independent lanes,
// and normal variates with the right first two moments.
#define BOOST_TEST_MODULE random
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <vector>

#include "ldv/random/philox_stream.hpp"

namespace {

std::vector<double> draw_normals(std::uint64_t seed, std::uint32_t path, int count,
                                 ldv::StreamLane lane = ldv::StreamLane::gaussian_increments) {
  ldv::NormalStream stream(seed, path, lane);
  std::vector<double> out(static_cast<std::size_t>(count));
  stream.fill(out.data(), count);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(same_key_gives_bitwise_same_numbers) {
  BOOST_TEST(draw_normals(7, 3, 1000) == draw_normals(7, 3, 1000));
}

BOOST_AUTO_TEST_CASE(seed_path_lane_and_high_seed_bits_each_change_the_stream) {
  const auto base = draw_normals(7, 3, 16);
  BOOST_TEST(base != draw_normals(8, 3, 16));
  BOOST_TEST(base != draw_normals(7, 4, 16));
  BOOST_TEST(base != draw_normals(7, 3, 16, ldv::StreamLane::user));
  BOOST_TEST(base != draw_normals(7 + (std::uint64_t{1} << 32), 3, 16));  // the upper 32 seed bits are used
}

BOOST_AUTO_TEST_CASE(normal_moments_match_the_standard_normal) {
  // n = 2e6 draws: the sample mean has sd 1/sqrt(n) = 7.1e-4 and the sample
  // variance sd sqrt(2/n) = 1e-3. Bounds at 5 sd (two-sided level 1 - 5.7e-7);
  // the fourth moment (3) has sd sqrt(96/n) = 6.9e-3.
  const int n = 2'000'000;
  const auto z = draw_normals(2024, 0, n);
  double m1 = 0, m2 = 0, m4 = 0;
  for (double v : z) {
    m1 += v;
    m2 += v * v;
    m4 += v * v * v * v;
  }
  m1 /= n;
  m2 /= n;
  m4 /= n;
  BOOST_TEST(std::abs(m1) < 5 * 7.1e-4);
  BOOST_TEST(std::abs(m2 - 1.0) < 5 * 1.0e-3);
  BOOST_TEST(std::abs(m4 - 3.0) < 5 * 6.9e-3);
}

BOOST_AUTO_TEST_CASE(uniforms_lie_in_the_half_open_unit_interval_with_mean_one_half) {
  ldv::UniformStream stream(11, 5);
  const int n = 1'000'000;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    const double u = stream.next();
    BOOST_REQUIRE(u > 0.0 && u <= 1.0);
    sum += u;
  }
  // sd of the mean: sqrt(1/12/n) = 2.9e-4; bound at 5 sd.
  BOOST_TEST(std::abs(sum / n - 0.5) < 5 * 2.9e-4);
}

BOOST_AUTO_TEST_CASE(gaussian_and_uniform_lanes_do_not_share_blocks) {
  // The bridge estimator's uniforms must not reuse the bits of the increments.
  ldv::PhiloxBlocks gaussian(9, 1, ldv::StreamLane::gaussian_increments);
  ldv::PhiloxBlocks uniform(9, 1, ldv::StreamLane::bridge_uniforms);
  std::uint64_t a0, a1, b0, b1;
  gaussian.next(a0, a1);
  uniform.next(b0, b1);
  BOOST_TEST(a0 != b0);
  BOOST_TEST(a1 != b1);
}
