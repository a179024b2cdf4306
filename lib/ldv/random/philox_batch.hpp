#pragma once
// Sixteen consecutive blocks of one Philox4x32-10 stream at a time.
//
// Why hand-written SIMD: the exit-time kernel is bound by its random numbers
// (issue 2's benchmark). Random123 evaluates one 128-bit block per call; a
// path's blocks at consecutive counters are independent, so they can be
// evaluated in SIMD lanes. The vector kernels compute exactly Random123's
// Philox4x32-10 (tests compare every kernel with r123::Philox4x32 bit for bit),
// so which kernel runs never changes a number: results stay a pure function of
// (seed, path, lane, draw index) on every machine.
#include <cstdint>

#include "ldv/random/simd_level.hpp"

namespace ldv {

inline constexpr int kPhiloxBatchBlocks = 16;

// The stream position of a batch: key {key0, key1}; block j of the batch has
// counter {first_block + j (64 bits, low word first), counter2, counter3}.
struct PhiloxBatchPosition {
  std::uint32_t key0;
  std::uint32_t key1;
  std::uint64_t first_block;
  std::uint32_t counter2;
  std::uint32_t counter3;
};

// words[w][j] = 32-bit word w of block j (structure of arrays: what SIMD lanes store).
struct alignas(64) PhiloxBatch {
  std::uint32_t words[4][kPhiloxBatchBlocks];
};

// The batch as 32 64-bit words: word j = {v(2h+1):v(2h)} of block j mod 16,
// h = j / 16 (the order SIMD lanes hold them).
inline constexpr int kWordsPerBatch = 2 * kPhiloxBatchBlocks;
inline std::uint64_t batch_word(const PhiloxBatch& batch, int j) {
  const int block = j % kPhiloxBatchBlocks, half = j / kPhiloxBatchBlocks;
  return (static_cast<std::uint64_t>(batch.words[2 * half + 1][block]) << 32) | batch.words[2 * half][block];
}

// Fills `out` with the kernel of the CPU's highest SIMD level.
void philox_batch(const PhiloxBatchPosition& position, PhiloxBatch& out);

// Fills `out` with the kernel of the given level (for tests and the benchmark);
// InvalidInput when this CPU cannot run it.
void philox_batch(SimdLevel level, const PhiloxBatchPosition& position, PhiloxBatch& out);

namespace detail {
// The vector kernels, defined in their own files; they require that the low
// counter word does not wrap inside the batch (the dispatcher ensures it).
void philox_batch_avx2(const PhiloxBatchPosition& position, PhiloxBatch& out);
void philox_batch_avx512(const PhiloxBatchPosition& position, PhiloxBatch& out);
}  // namespace detail

}  // namespace ldv
