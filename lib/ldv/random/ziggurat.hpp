#pragma once
// Standard normal variates from 64-bit words by the ziggurat method
// (Marsaglia & Tsang 2000, J. Stat. Softw. 5(8)) on a 512-layer table
// (ziggurat_table.hpp).
//
// Why not boost::random::normal_distribution: it pulls its bits from an engine
// one call at a time and branches on each, which serialises the stream (and its
// table has 128 layers); here a whole Philox batch goes through the common case
// (a table look-up, a multiply and a compare) in one branch-free pass,
// vectorised where the CPU can, and the ~0.8% of words that miss their layer's
// inner rectangle finish afterwards with words from a separate stream. Each
// output is exactly N(0, 1): the wedge and tail steps are Marsaglia & Tsang's
// (with Boost's chord/tangent bounds, which skip most exp calls), and a
// rejected wedge point restarts the whole algorithm.
#include <cstdint>

#include "ldv/random/philox_batch.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/random/simd_level.hpp"

namespace ldv {

// out[j] = a standard normal made from batch_word(batch, j) and, for misses,
// from `retries`. Bits of a word: bit 0 the sign, bits 1..9 the layer, bits
// 11..63 a 53-bit uniform u ∈ [0, 1); the candidate is ±u · x[layer].
void ziggurat_normals(const PhiloxBatch& batch, double* out, WordStream& retries);

// The same with the given SIMD level (tests: every level gives the same bits).
void ziggurat_normals(SimdLevel level, const PhiloxBatch& batch, double* out, WordStream& retries);

namespace detail {
// The branch-free first pass: out[j] = the signed candidate of word j; bit j of
// the result is set when it lies outside its layer's inner rectangle.
std::uint32_t ziggurat_rectangle_pass_avx512(const PhiloxBatch& batch, const double* table_x, double* out);
}  // namespace detail

}  // namespace ldv
