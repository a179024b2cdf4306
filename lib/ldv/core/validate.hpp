#pragma once
// Parameter checks shared by every module: each names the parameter, shows the
// value and says what was expected.
#include <cstdint>
#include <string_view>

namespace ldv {

// value is finite (not NaN, not ±inf).
double require_finite(std::string_view name, double value);
// value is finite and > 0.
double require_positive(std::string_view name, double value);
// value is finite and >= 0.
double require_non_negative(std::string_view name, double value);
// value lies in the open interval (low, high).
double require_open_interval(std::string_view name, double value, double low, double high);
// count >= 1.
std::uint64_t require_positive_count(std::string_view name, std::uint64_t count);

}  // namespace ldv
