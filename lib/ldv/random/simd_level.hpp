#pragma once
// Which vector instructions this CPU offers, for the few kernels that are
// written for them (philox_batch, ziggurat). Every vector kernel returns the same
// bits as its scalar version, so the level changes speed, never results.
#include <string>
#include <vector>

namespace ldv {

enum class SimdLevel { scalar, avx2, avx512 };  // avx512 = AVX-512 F + DQ

std::string to_string(SimdLevel level);

// The levels this CPU can run (scalar always), lowest first.
std::vector<SimdLevel> supported_simd_levels();

bool cpu_supports(SimdLevel level);

// InvalidInput naming the level when this CPU cannot run it (for callers that
// ask for a level explicitly: tests, the benchmark).
void require_supported(SimdLevel level);

// The highest supported level; chosen once per process.
SimdLevel active_simd_level();

}  // namespace ldv
