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
#include <Random123/conventional/Engine.hpp>
#include <Random123/philox.h>
#include <Random123/uniform.hpp>
#include <boost/random/normal_distribution.hpp>
#include <cstdint>

namespace ldv {

enum class StreamLane : std::uint32_t { gaussian_increments = 0, bridge_uniforms = 1, user = 2 };

class PhiloxBlocks {
 public:
  using Engine = r123::Philox4x32;  // Philox4x32-10: 10 rounds, the Crush-resistant default

  PhiloxBlocks(std::uint64_t seed, std::uint32_t path, StreamLane lane)
      : key_{{path, static_cast<std::uint32_t>(seed)}},
        counter_{{0u, 0u, static_cast<std::uint32_t>(lane), static_cast<std::uint32_t>(seed >> 32)}} {}

  // The next 128 random bits, as two 64-bit words.
  void next(std::uint64_t& w0, std::uint64_t& w1) {
    const Engine::ctr_type r = engine_(counter_, key_);
    if (++counter_.v[0] == 0) ++counter_.v[1];  // the counter walks the blocks
    w0 = (static_cast<std::uint64_t>(r.v[1]) << 32) | r.v[0];
    w1 = (static_cast<std::uint64_t>(r.v[3]) << 32) | r.v[2];
  }

 private:
  Engine engine_;
  Engine::key_type key_;
  Engine::ctr_type counter_;
};

// Standard normal variates: Boost.Random's ziggurat (Marsaglia & Tsang 2000,
// with an exact tail) driven by the Philox stream through Random123's
// conventional Engine adapter. Measured 2.7x faster here than r123::boxmuller,
// whose log/sincos per pair dominated the exit-time kernel.
class NormalStream {
 public:
  NormalStream(std::uint64_t seed, std::uint32_t path, StreamLane lane = StreamLane::gaussian_increments)
      : engine_(Engine::key_type{{path, static_cast<std::uint32_t>(seed)}}) {
    engine_.setcounter(
        Engine::ctr_type{{0u, 0u, static_cast<std::uint32_t>(lane), static_cast<std::uint32_t>(seed >> 32)}}, 0);
  }

  double next() { return normal_(engine_); }

  void fill(double* out, int count) {
    for (int i = 0; i < count; ++i) out[i] = normal_(engine_);
  }

 private:
  using Engine = r123::Engine<r123::Philox4x32>;
  Engine engine_;
  boost::random::normal_distribution<double> normal_;  // stateless ziggurat: no cached spare
};

// Uniform variates in (0, 1] (r123::u01: never 0, as dense as a double allows).
class UniformStream {
 public:
  UniformStream(std::uint64_t seed, std::uint32_t path, StreamLane lane = StreamLane::bridge_uniforms)
      : blocks_(seed, path, lane) {}

  double next() {
    if (has_spare_) {
      has_spare_ = false;
      return r123::u01<double>(spare_);
    }
    std::uint64_t w0;
    blocks_.next(w0, spare_);
    has_spare_ = true;
    return r123::u01<double>(w0);
  }

 private:
  PhiloxBlocks blocks_;
  std::uint64_t spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace ldv
