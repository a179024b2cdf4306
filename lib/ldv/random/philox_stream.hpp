#pragma once
// Counter-based random streams (Random123 Philox4x32-10).
//
// DESIGN.md, "Randomness": path p of a run with seed s draws from the Philox
// stream keyed by (s, p); the counter walks the steps. A path's numbers are
// therefore a pure function of (seed, path, lane, draw index): no generator
// state is shared between paths, so results cannot depend on thread count or
// scheduling.
//
// Layout of one 128-bit counter block:
//   key     = { path, seed_lo32 }
//   counter = { block_lo32, block_hi32, lane, seed_hi32 }
// `lane` separates independent streams of one path (lane 0: Gaussian increments,
// lane 1: uniforms for Brownian-bridge kills), so switching estimator never
// changes a path's increments (common random numbers across estimators).
// Lane L + 2^31 holds the extra draws of the rare ziggurat rejections of lane L.
// Streams read blocks sixteen at a time (WordStream, philox_batch).
#include <Random123/uniform.hpp>
#include <cstdint>

#include "ldv/random/philox_batch.hpp"

namespace ldv {

enum class StreamLane : std::uint32_t { gaussian_increments = 0, bridge_uniforms = 1, user = 2 };

inline constexpr std::uint32_t kRetryLaneOffset = 0x8000'0000u;

// 64-bit words of one stream, made sixteen blocks at a time by philox_batch
// (SIMD where the CPU has it, bit-identical to Random123). Word n of the stream
// is batch_word(batch ⌊n/32⌋, n mod 32); batch b holds blocks 16b … 16b + 15.
class WordStream {
 public:
  WordStream(std::uint64_t seed, std::uint32_t path, std::uint32_t lane)
      : position_{path, static_cast<std::uint32_t>(seed), 0, lane, static_cast<std::uint32_t>(seed >> 32)} {}

  std::uint64_t next() {
    if (next_ == kWordsPerBatch) refill();
    return batch_word(batch_, next_++);
  }

  // The next batch whole (for NormalStream); the stream moves past it.
  void next_batch(PhiloxBatch& out) {
    philox_batch(position_, out);
    position_.first_block += kPhiloxBatchBlocks;
  }

 private:
  void refill() {
    next_batch(batch_);
    next_ = 0;
  }

  PhiloxBatchPosition position_;
  int next_ = kWordsPerBatch;
  PhiloxBatch batch_;
};

// Standard normal variates: normal n of the stream is made by a 512-layer
// ziggurat (ziggurat.hpp) from word n of the lane's WordStream, plus — for
// the ~0.8% of words that miss their layer's inner rectangle — words of the
// retry lane (lane + 2^31), taken in order of n. The numbers are therefore a
// pure function of (seed, path, lane, n), whatever the CPU.
class NormalStream {
 public:
  NormalStream(std::uint64_t seed, std::uint32_t path, StreamLane lane = StreamLane::gaussian_increments)
      : words_(seed, path, static_cast<std::uint32_t>(lane)),
        retries_(seed, path, static_cast<std::uint32_t>(lane) + kRetryLaneOffset) {}

  [[gnu::always_inline]] double next() {
    if (next_ == kWordsPerBatch) [[unlikely]] refill();
    return normals_[next_++];
  }

  void fill(double* out, int count) {
    for (int i = 0; i < count; ++i) out[i] = next();
  }

  // The next `count` normals in place when they lie in the current batch (no
  // copy), else copied into `spare`, which must hold `count` values.
  [[gnu::always_inline]] const double* take(int count, double* spare) {
    if (next_ == kWordsPerBatch) [[unlikely]] refill();
    if (next_ + count <= kWordsPerBatch) [[likely]] {
      const double* out = normals_ + next_;
      next_ += count;
      return out;
    }
    fill(spare, count);
    return spare;
  }

 private:
  void refill();  // philox_stream.cpp

  WordStream words_;
  WordStream retries_;
  int next_ = kWordsPerBatch;
  alignas(64) double normals_[kWordsPerBatch];
};

// Uniform variates in (0, 1] (r123::u01: never 0, as dense as a double allows).
class UniformStream {
 public:
  UniformStream(std::uint64_t seed, std::uint32_t path, StreamLane lane = StreamLane::bridge_uniforms)
      : words_(seed, path, static_cast<std::uint32_t>(lane)) {}

  double next() { return r123::u01<double>(words_.next()); }

 private:
  WordStream words_;
};

}  // namespace ldv
