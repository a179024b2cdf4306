#include "ldv/random/philox_batch.hpp"

#include <Random123/philox.h>


namespace ldv {
namespace {

// Random123 itself, one block per call: the reference every vector kernel must equal.
void philox_batch_scalar(const PhiloxBatchPosition& p, PhiloxBatch& out) {
  const r123::Philox4x32 philox;
  const r123::Philox4x32::key_type key{{p.key0, p.key1}};
  for (int j = 0; j < kPhiloxBatchBlocks; ++j) {
    const std::uint64_t block = p.first_block + static_cast<std::uint64_t>(j);
    const r123::Philox4x32::ctr_type counter{
        {static_cast<std::uint32_t>(block), static_cast<std::uint32_t>(block >> 32), p.counter2, p.counter3}};
    const r123::Philox4x32::ctr_type r = philox(counter, key);
    for (int w = 0; w < 4; ++w) out.words[w][j] = r.v[w];
  }
}

// The vector kernels add j to the low counter word lane by lane; a batch that
// would carry into the high word (once every 2^32 blocks) goes to the scalar one.
bool low_counter_wraps(const PhiloxBatchPosition& p) {
  return static_cast<std::uint32_t>(p.first_block) > 0xFFFFFFFFu - (kPhiloxBatchBlocks - 1);
}

void run(SimdLevel level, const PhiloxBatchPosition& p, PhiloxBatch& out) {
  if (level == SimdLevel::scalar || low_counter_wraps(p)) return philox_batch_scalar(p, out);
#if defined(__x86_64__) && defined(__GNUC__)
  if (level == SimdLevel::avx512) return detail::philox_batch_avx512(p, out);
  return detail::philox_batch_avx2(p, out);
#else
  philox_batch_scalar(p, out);
#endif
}

}  // namespace

void philox_batch(const PhiloxBatchPosition& position, PhiloxBatch& out) {
  run(active_simd_level(), position, out);
}

void philox_batch(SimdLevel level, const PhiloxBatchPosition& position, PhiloxBatch& out) {
  require_supported(level);
  run(level, position, out);
}

}  // namespace ldv
