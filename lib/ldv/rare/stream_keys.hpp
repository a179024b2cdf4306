#pragma once
// Which Philox stream each random number of a splitting run comes from (DESIGN.md,
// "Randomness": a stream is keyed by (seed, path); its counter walks the draws).
// Replica m of a run with seed s draws from streams keyed by (s_m, ·), s_m = splitmix64(s, m):
//   path 0, Gaussian lane : the replica's cycle chain (approach, excursions, climbs back);
//   path 1 + j, Gaussian  : path segment j of its particles, numbered in the order the
//                           algorithm creates them (the N initial particles, then each
//                           resampled continuation) — a resampled particle continues with
//                           increments no other segment has used, and reproducibly so;
//   path 0, user lane     : the uniforms of its random choices (initial points, survivors).
// Replicas are independent, and a replica runs sequentially, so every number — and hence
// the result — is the same for any thread count and schedule.
#include <cstdint>

namespace ldv::rare {

inline std::uint64_t replica_seed(std::uint64_t seed, std::uint64_t replica) {
  // splitmix64 (Steele, Lea & Flood 2014) of the seed advanced by the replica index.
  std::uint64_t z = seed + 0x9e3779b97f4a7c15ull * (replica + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

inline constexpr std::uint32_t kCyclePath = 0;
inline constexpr std::uint32_t kChoicePath = 0;
// Stream path of particle segment j (j < 2³² − 1; the replica checks it).
inline constexpr std::uint32_t segment_path(std::uint64_t segment) { return static_cast<std::uint32_t>(segment + 1); }
inline constexpr std::uint64_t kMaxSegments = 0xFFFF'FFFEull;

}  // namespace ldv::rare
