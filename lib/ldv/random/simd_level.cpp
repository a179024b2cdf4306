#include "ldv/random/simd_level.hpp"

#include "ldv/core/error.hpp"

namespace ldv {

std::string to_string(SimdLevel level) {
  switch (level) {
    case SimdLevel::scalar: return "scalar";
    case SimdLevel::avx2: return "avx2";
    case SimdLevel::avx512: return "avx512";
  }
  return "unknown";
}

bool cpu_supports(SimdLevel level) {
#if defined(__x86_64__) && defined(__GNUC__)
  switch (level) {
    case SimdLevel::scalar: return true;
    case SimdLevel::avx2: return __builtin_cpu_supports("avx2");
    case SimdLevel::avx512: return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
  }
  return false;
#else
  return level == SimdLevel::scalar;
#endif
}

void require_supported(SimdLevel level) {
  if (!cpu_supports(level)) throw InvalidInput("SIMD level '" + to_string(level) + "' is not supported by this CPU");
}

std::vector<SimdLevel> supported_simd_levels() {
  std::vector<SimdLevel> out;
  for (auto level : {SimdLevel::scalar, SimdLevel::avx2, SimdLevel::avx512})
    if (cpu_supports(level)) out.push_back(level);
  return out;
}

SimdLevel active_simd_level() {
  static const SimdLevel highest = supported_simd_levels().back();
  return highest;
}

}  // namespace ldv
