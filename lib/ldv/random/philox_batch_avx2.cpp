// Philox4x32-10 on eight counters at once with AVX2, twice per batch (Salmon et
// al. 2011, SC'11; constants as in Random123's philox.h). Bit-identical to
// r123::Philox4x32 (tests/test_random.cpp).
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#include "ldv/random/philox_batch.hpp"

namespace ldv::detail {
namespace {

constexpr std::uint32_t kMultiplier0 = 0xD2511F53u;
constexpr std::uint32_t kMultiplier1 = 0xCD9E8D57u;
constexpr std::uint32_t kWeyl0 = 0x9E3779B9u;
constexpr std::uint32_t kWeyl1 = 0xBB67AE85u;

__attribute__((target("avx2"))) inline void multiply_high_low(__m256i a, __m256i m, __m256i& high, __m256i& low) {
  const __m256i even = _mm256_mul_epu32(a, m);
  const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(a, 32), m);
  high = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
  low = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
}

// Blocks first .. first + 7 of the batch; two independent halves interleave well.
__attribute__((target("avx2"))) inline void eight_blocks(const PhiloxBatchPosition& p, int first, PhiloxBatch& out) {
  const __m256i m0 = _mm256_set1_epi32(static_cast<int>(kMultiplier0));
  const __m256i m1 = _mm256_set1_epi32(static_cast<int>(kMultiplier1));
  __m256i x0 = _mm256_add_epi32(
      _mm256_set1_epi32(static_cast<int>(static_cast<std::uint32_t>(p.first_block) + static_cast<std::uint32_t>(first))),
      _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  __m256i x1 = _mm256_set1_epi32(static_cast<int>(static_cast<std::uint32_t>(p.first_block >> 32)));
  __m256i x2 = _mm256_set1_epi32(static_cast<int>(p.counter2));
  __m256i x3 = _mm256_set1_epi32(static_cast<int>(p.counter3));
  std::uint32_t k0 = p.key0, k1 = p.key1;
  for (int round = 0; round < 10; ++round) {
    __m256i high0, low0, high1, low1;
    multiply_high_low(x0, m0, high0, low0);
    multiply_high_low(x2, m1, high1, low1);
    const __m256i y0 = _mm256_xor_si256(_mm256_xor_si256(high1, x1), _mm256_set1_epi32(static_cast<int>(k0)));
    const __m256i y2 = _mm256_xor_si256(_mm256_xor_si256(high0, x3), _mm256_set1_epi32(static_cast<int>(k1)));
    x0 = y0;
    x1 = low1;
    x2 = y2;
    x3 = low0;
    k0 += kWeyl0;
    k1 += kWeyl1;
  }
  _mm256_store_si256(reinterpret_cast<__m256i*>(out.words[0] + first), x0);
  _mm256_store_si256(reinterpret_cast<__m256i*>(out.words[1] + first), x1);
  _mm256_store_si256(reinterpret_cast<__m256i*>(out.words[2] + first), x2);
  _mm256_store_si256(reinterpret_cast<__m256i*>(out.words[3] + first), x3);
}

}  // namespace

__attribute__((target("avx2"))) void philox_batch_avx2(const PhiloxBatchPosition& p, PhiloxBatch& out) {
  static_assert(kPhiloxBatchBlocks % 8 == 0, "whole AVX2 registers of 32-bit lanes");
  for (int first = 0; first < kPhiloxBatchBlocks; first += 8) eight_blocks(p, first, out);
}

}  // namespace ldv::detail
#endif
