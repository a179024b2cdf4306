// Philox streams: keyed by (seed, path, lane), reproducible, independent lanes,
// and normal variates with the right first two moments.
#define BOOST_TEST_MODULE random
#include <boost/test/unit_test.hpp>
#include <algorithm>
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
  ldv::WordStream gaussian(9, 1, static_cast<std::uint32_t>(ldv::StreamLane::gaussian_increments));
  ldv::WordStream uniform(9, 1, static_cast<std::uint32_t>(ldv::StreamLane::bridge_uniforms));
  for (int n = 0; n < 64; ++n) BOOST_TEST(gaussian.next() != uniform.next());
}

// ---- batched Philox: every SIMD kernel is Random123, bit for bit -----------------------

#include <Random123/philox.h>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/random/normal_distribution.hpp>
#include <random>

#include "ldv/core/error.hpp"
#include "ldv/random/philox_batch.hpp"
#include "ldv/random/simd_level.hpp"
#include "ldv/random/ziggurat.hpp"
#include "ldv/random/ziggurat_table.hpp"

namespace {

r123::Philox4x32::ctr_type reference_block(const ldv::PhiloxBatchPosition& p, std::uint64_t block) {
  const r123::Philox4x32 philox;
  return philox(r123::Philox4x32::ctr_type{{static_cast<std::uint32_t>(block), static_cast<std::uint32_t>(block >> 32),
                                            p.counter2, p.counter3}},
                r123::Philox4x32::key_type{{p.key0, p.key1}});
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_supported_philox_kernel_equals_random123) {
  // Positions include a low counter word about to wrap (the carry into the high word).
  const std::vector<ldv::PhiloxBatchPosition> positions = {
      {0, 0, 0, 0, 0},
      {3, 0x12345678, 48, 1, 0},
      {0xFFFFFFFFu, 0xDEADBEEF, 0xFFFFFFF8ull, 0x80000002u, 7},
      {17, 99, (std::uint64_t{5} << 32) + 0xFFFFFFF0u, 2, 0xABCDEF01u},
      {1, 2, 0x7FFFFFFFFFFFFFF0ull, 0, 1}};
  for (ldv::SimdLevel level : ldv::supported_simd_levels())
    for (const auto& p : positions) {
      ldv::PhiloxBatch batch;
      ldv::philox_batch(level, p, batch);
      for (int j = 0; j < ldv::kPhiloxBatchBlocks; ++j) {
        const auto expected = reference_block(p, p.first_block + static_cast<std::uint64_t>(j));
        for (int w = 0; w < 4; ++w) {
          BOOST_TEST_INFO(ldv::to_string(level) << ", block " << p.first_block << " + " << j << ", word " << w);
          BOOST_TEST(batch.words[w][j] == expected.v[w]);
        }
      }
    }
  BOOST_TEST((ldv::supported_simd_levels().front() == ldv::SimdLevel::scalar));
}

BOOST_AUTO_TEST_CASE(word_stream_reads_the_blocks_in_the_documented_order) {
  // Word n: batch b = n / 32 holds blocks 16b … 16b + 15; within it word j is
  // {v(2h+1):v(2h)} of block 16b + j mod 16, h = j / 16.
  const std::uint64_t seed = (std::uint64_t{9} << 32) | 77u;
  const std::uint32_t path = 12, lane = 1;
  ldv::WordStream stream(seed, path, lane);
  const ldv::PhiloxBatchPosition p{path, 77u, 0, lane, 9u};
  for (std::uint64_t n = 0; n < 200; ++n) {
    const std::uint64_t b = n / 32, j = n % 32;
    const auto block = reference_block(p, 16 * b + j % 16);
    const int h = static_cast<int>(j / 16);
    const std::uint64_t expected = (static_cast<std::uint64_t>(block.v[2 * h + 1]) << 32) | block.v[2 * h];
    BOOST_TEST_INFO("word " << n);
    BOOST_TEST(stream.next() == expected);
  }
}

// ---- the ziggurat --------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(ziggurat_table_has_layers_of_equal_area) {
  const ldv::ZigguratTable& t = ldv::normal_ziggurat_table();
  auto f = [](double x) { return std::exp(-0.5 * x * x); };
  const double tail = std::sqrt(std::acos(-1.0) / 2) * std::erfc(t.r / std::sqrt(2.0));
  BOOST_TEST(t.r * f(t.r) + tail == t.v, boost::test_tools::tolerance(1e-14));  // the base strip
  BOOST_TEST(t.x[0] * f(t.r) == t.v, boost::test_tools::tolerance(1e-14));
  for (int i = 1; i < ldv::ZigguratTable::kLayers; ++i) {
    BOOST_TEST_INFO("layer " << i);
    BOOST_TEST(t.x[i] * (t.y[i + 1] - t.y[i]) == t.v, boost::test_tools::tolerance(1e-11));
    BOOST_TEST(t.y[i] == f(t.x[i]), boost::test_tools::tolerance(1e-15));
    BOOST_TEST(t.x[i + 1] < t.x[i]);
  }
  BOOST_TEST(t.x[ldv::ZigguratTable::kLayers] == 0.0);
  BOOST_TEST(t.y[ldv::ZigguratTable::kLayers] == 1.0);
}

BOOST_AUTO_TEST_CASE(ziggurat_builder_reproduces_boost_and_marsaglia_tsang) {
  // 128 layers: Boost.Random's normal_table (boost/random/normal_distribution.hpp).
  // r and x_0 = v/f(r) agree to rounding; the other layers to 1e-12 relative: the
  // recursion x_{i+1} = f⁻¹(v/x_i + f(x_i)) is ill-conditioned near the top
  // (log of a number → 1), where one ulp of r already moves x_127 by 1e-13.
  const ldv::ZigguratGeometry g128 = ldv::compute_normal_ziggurat(128);
  const double* boost_x = boost::random::detail::normal_table<double>::table_x;
  const double* boost_y = boost::random::detail::normal_table<double>::table_y;
  BOOST_TEST(g128.r == boost_x[1], boost::test_tools::tolerance(1e-15));
  BOOST_TEST(g128.x[0] == boost_x[0], boost::test_tools::tolerance(1e-14));
  for (std::size_t i = 0; i <= 128; ++i) {
    BOOST_TEST_INFO("layer " << i);
    BOOST_TEST(g128.x[i] == boost_x[i], boost::test_tools::tolerance(1e-12));
    BOOST_TEST(g128.y[i] == boost_y[i], boost::test_tools::tolerance(1e-12));
  }
  // 256 layers: Marsaglia & Tsang (2000), section 2, print r = 3.6541528853610088.
  BOOST_TEST(ldv::compute_normal_ziggurat(256).r == 3.6541528853610088, boost::test_tools::tolerance(1e-15));
  BOOST_CHECK_THROW(ldv::compute_normal_ziggurat(2), ldv::InvalidInput);
}

BOOST_AUTO_TEST_CASE(every_supported_ziggurat_pass_gives_the_same_bits) {
  std::mt19937_64 bits(2026);
  int misses_seen = 0;
  for (int trial = 0; trial < 200; ++trial) {
    ldv::PhiloxBatch batch;
    for (auto& row : batch.words)
      for (auto& w : row) w = static_cast<std::uint32_t>(bits());
    std::vector<std::vector<double>> outputs;
    for (ldv::SimdLevel level : ldv::supported_simd_levels()) {
      ldv::WordStream retries(5, static_cast<std::uint32_t>(trial), 3u);  // same retry words for every level
      std::vector<double> out(ldv::kWordsPerBatch);
      ldv::ziggurat_normals(level, batch, out.data(), retries);
      outputs.push_back(out);
    }
    for (std::size_t k = 1; k < outputs.size(); ++k) BOOST_TEST(outputs[k] == outputs[0]);
    const ldv::ZigguratTable& t = ldv::normal_ziggurat_table();
    for (int j = 0; j < ldv::kWordsPerBatch; ++j) {
      const std::uint64_t w = ldv::batch_word(batch, j);
      const int layer = static_cast<int>((w >> 1) & ((1u << ldv::ZigguratTable::kLayerBits) - 1));
      misses_seen += static_cast<double>(w >> 11) * 0x1p-53 * t.x[layer] >= t.x[layer + 1] ? 1 : 0;
    }
  }
  BOOST_TEST(misses_seen > 10);  // the slow path was exercised (expected ≈ 0.008 · 6400 ≈ 51)
}

BOOST_AUTO_TEST_CASE(normals_pass_a_chi_square_test_of_the_standard_normal_law) {
  // n = 2e7 draws over 16 paths into 120 equiprobable bins (edges at the exact
  // normal quantiles), so each bin expects n/120. Rejected when the χ²(119) tail
  // probability is below 0.001 (level 99.9%, seed fixed). The bins resolve the
  // ziggurat's seams: layer edges, the wedge tests and the tail beyond r.
  const int bins = 120, paths = 16, per_path = 1'250'000;
  const boost::math::normal standard;
  std::vector<double> edges;
  for (int b = 1; b < bins; ++b) edges.push_back(boost::math::quantile(standard, static_cast<double>(b) / bins));
  // Negative control: the same draws scaled by 1.01 (a 2% variance error) must be rejected.
  std::vector<long> counts(bins, 0), scaled_counts(bins, 0);
  auto bin_of = [&](double z) {
    return static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), z) - edges.begin());
  };
  for (int p = 0; p < paths; ++p) {
    ldv::NormalStream stream(31, static_cast<std::uint32_t>(p));
    for (int k = 0; k < per_path; ++k) {
      const double z = stream.next();
      ++counts[bin_of(z)];
      ++scaled_counts[bin_of(1.01 * z)];
    }
  }
  const double n = static_cast<double>(paths) * per_path, expected = n / bins;
  auto p_value_of = [&](const std::vector<long>& observed) {
    double chi2 = 0;
    for (long c : observed) chi2 += (c - expected) * (c - expected) / expected;
    return boost::math::cdf(boost::math::complement(boost::math::chi_squared(bins - 1), chi2));
  };
  BOOST_TEST_INFO("p = " << p_value_of(counts) << ", negative control p = " << p_value_of(scaled_counts));
  BOOST_TEST(p_value_of(counts) > 0.001);
  BOOST_TEST(p_value_of(scaled_counts) < 0.001);
}

BOOST_AUTO_TEST_CASE(the_tail_beyond_r_has_the_normal_probability) {
  // P(|Z| > r) = erfc(r/√2) (1.2e-4 for the 512-layer r = 3.85): with n = 2e7
  // draws the count is binomial with sd √(n p) ≈ 49; bound at 5 sd (level 1 − 5.7e-7).
  const ldv::ZigguratTable& t = ldv::normal_ziggurat_table();
  const long n = 20'000'000;
  long beyond = 0;
  ldv::NormalStream stream(8, 0);
  for (long k = 0; k < n; ++k) beyond += std::abs(stream.next()) > t.r ? 1 : 0;
  const double p = std::erfc(t.r / std::sqrt(2.0));
  const double sd = std::sqrt(n * p * (1 - p));
  BOOST_TEST_INFO("count " << beyond << ", expected " << n * p << " ± " << sd);
  BOOST_TEST(std::abs(beyond - n * p) < 5 * sd);
}

BOOST_AUTO_TEST_CASE(an_unsupported_simd_level_is_rejected_by_name) {
  for (ldv::SimdLevel level : {ldv::SimdLevel::avx2, ldv::SimdLevel::avx512}) {
    if (ldv::cpu_supports(level)) continue;
    ldv::PhiloxBatch batch;
    BOOST_CHECK_THROW(ldv::philox_batch(level, ldv::PhiloxBatchPosition{0, 0, 0, 0, 0}, batch), ldv::InvalidInput);
  }
  BOOST_TEST(ldv::cpu_supports(ldv::SimdLevel::scalar));
}

BOOST_AUTO_TEST_CASE(take_returns_the_same_normals_as_next_across_batch_boundaries) {
  // Three normals a step do not divide a 32-normal batch: every 11th take straddles two batches.
  ldv::NormalStream by_take(4, 9), by_next(4, 9);
  double spare[3];
  for (int step = 0; step < 200; ++step) {
    const double* z = by_take.take(3, spare);
    for (int i = 0; i < 3; ++i) {
      BOOST_TEST_INFO("step " << step << ", coordinate " << i);
      BOOST_TEST(z[i] == by_next.next());
    }
  }
}
