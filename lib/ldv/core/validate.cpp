#include "ldv/core/validate.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv {

void throw_invalid(const std::string& message) { throw InvalidInput(message); }

double require_finite(std::string_view name, double value) {
  if (!std::isfinite(value)) throw_invalid(fmt::format("{} = {} is not a finite number", name, value));
  return value;
}

double require_positive(std::string_view name, double value) {
  require_finite(name, value);
  if (!(value > 0.0)) throw_invalid(fmt::format("{} = {} must be > 0", name, value));
  return value;
}

double require_non_negative(std::string_view name, double value) {
  require_finite(name, value);
  if (value < 0.0) throw_invalid(fmt::format("{} = {} must be >= 0", name, value));
  return value;
}

double require_open_interval(std::string_view name, double value, double low, double high) {
  require_finite(name, value);
  if (!(value > low && value < high))
    throw_invalid(fmt::format("{} = {} must lie in the open interval ({}, {})", name, value, low, high));
  return value;
}

std::uint64_t require_positive_count(std::string_view name, std::uint64_t count) {
  if (count == 0) throw_invalid(fmt::format("{} = 0 must be at least 1", name));
  return count;
}

}  // namespace ldv
