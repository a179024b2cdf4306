// Philox4x32-10 on sixteen counters at once with AVX-512F (Salmon et al. 2011,
// "Parallel random numbers: as easy as 1, 2, 3", SC'11, Fig. 2; constants as in
// Random123's philox.h). Bit-identical to r123::Philox4x32 (tests/test_random.cpp).
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#include "ldv/random/philox_batch.hpp"

namespace ldv::detail {
namespace {

constexpr std::uint32_t kMultiplier0 = 0xD2511F53u;
constexpr std::uint32_t kMultiplier1 = 0xCD9E8D57u;
constexpr std::uint32_t kWeyl0 = 0x9E3779B9u;  // golden ratio
constexpr std::uint32_t kWeyl1 = 0xBB67AE85u;  // sqrt(3) - 1

// 32x32 -> 64-bit products of all sixteen lanes, split into high and low words.
__attribute__((target("avx512f"))) inline void multiply_high_low(__m512i a, __m512i m, __m512i& high,
                                                                 __m512i& low) {
  const __m512i even = _mm512_mul_epu32(a, m);                         // lanes 0, 2, ...
  const __m512i odd = _mm512_mul_epu32(_mm512_srli_epi64(a, 32), m);  // lanes 1, 3, ...
  high = _mm512_mask_blend_epi32(0xAAAA, _mm512_srli_epi64(even, 32), odd);
  low = _mm512_mask_blend_epi32(0xAAAA, even, _mm512_slli_epi64(odd, 32));
}

}  // namespace

__attribute__((target("avx512f"))) void philox_batch_avx512(const PhiloxBatchPosition& p, PhiloxBatch& out) {
  static_assert(kPhiloxBatchBlocks == 16, "one AVX-512 register of 32-bit lanes");
  const __m512i m0 = _mm512_set1_epi32(static_cast<int>(kMultiplier0));
  const __m512i m1 = _mm512_set1_epi32(static_cast<int>(kMultiplier1));
  __m512i x0 = _mm512_add_epi32(_mm512_set1_epi32(static_cast<int>(static_cast<std::uint32_t>(p.first_block))),
                                _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
  __m512i x1 = _mm512_set1_epi32(static_cast<int>(static_cast<std::uint32_t>(p.first_block >> 32)));
  __m512i x2 = _mm512_set1_epi32(static_cast<int>(p.counter2));
  __m512i x3 = _mm512_set1_epi32(static_cast<int>(p.counter3));
  std::uint32_t k0 = p.key0, k1 = p.key1;
  for (int round = 0; round < 10; ++round) {
    __m512i high0, low0, high1, low1;
    multiply_high_low(x0, m0, high0, low0);
    multiply_high_low(x2, m1, high1, low1);
    // 0x96 = three-way XOR.
    const __m512i y0 = _mm512_ternarylogic_epi32(high1, x1, _mm512_set1_epi32(static_cast<int>(k0)), 0x96);
    const __m512i y2 = _mm512_ternarylogic_epi32(high0, x3, _mm512_set1_epi32(static_cast<int>(k1)), 0x96);
    x0 = y0;
    x1 = low1;
    x2 = y2;
    x3 = low0;
    k0 += kWeyl0;
    k1 += kWeyl1;
  }
  _mm512_store_si512(out.words[0], x0);
  _mm512_store_si512(out.words[1], x1);
  _mm512_store_si512(out.words[2], x2);
  _mm512_store_si512(out.words[3], x3);
}

}  // namespace ldv::detail
#endif
