// The ziggurat's branch-free first pass on eight words at once (AVX-512 F + DQ).
// Same operations in the same order as the scalar pass in ziggurat.cpp (exact
// int → double conversion, two IEEE multiplies, one compare), so the same bits.
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#include "ldv/random/ziggurat.hpp"
#include "ldv/random/ziggurat_table.hpp"

namespace ldv::detail {

__attribute__((target("avx512f,avx512dq"))) std::uint32_t ziggurat_rectangle_pass_avx512(const PhiloxBatch& batch,
                                                                                        const double* table_x,
                                                                                        double* out) {
  static_assert(kPhiloxBatchBlocks == 16, "two groups of eight blocks");
  const double* x = table_x;
  const __m512i layer_mask = _mm512_set1_epi64((1 << ZigguratTable::kLayerBits) - 1);
  const __m512d two_to_minus_53 = _mm512_set1_pd(0x1p-53);
  std::uint32_t misses = 0;
  for (int half = 0; half < 2; ++half)
    for (int first = 0; first < kPhiloxBatchBlocks; first += 8) {
      const __m512i low = _mm512_cvtepu32_epi64(
          _mm256_load_si256(reinterpret_cast<const __m256i*>(batch.words[2 * half] + first)));
      const __m512i high = _mm512_cvtepu32_epi64(
          _mm256_load_si256(reinterpret_cast<const __m256i*>(batch.words[2 * half + 1] + first)));
      const __m512i w = _mm512_or_si512(low, _mm512_slli_epi64(high, 32));
      const __m512i layer = _mm512_and_si512(_mm512_srli_epi64(w, 1), layer_mask);
      const __m512d r = _mm512_mul_pd(_mm512_cvtepi64_pd(_mm512_srli_epi64(w, 11)), two_to_minus_53);
      const __m512d width = _mm512_i64gather_pd(layer, x, 8);
      const __m512d inner = _mm512_i64gather_pd(layer, x + 1, 8);
      const __m512d magnitude = _mm512_mul_pd(r, width);
      const __mmask8 inside = _mm512_cmp_pd_mask(magnitude, inner, _CMP_LT_OQ);
      const int j = half * kPhiloxBatchBlocks + first;
      misses |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(~inside)) << j;
      const __m512i sign = _mm512_slli_epi64(w, 63);
      _mm512_storeu_pd(out + j, _mm512_castsi512_pd(_mm512_or_si512(_mm512_castpd_si512(magnitude), sign)));
    }
  return misses;
}

}  // namespace ldv::detail
#endif
