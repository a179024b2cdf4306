#pragma once
// An enum's names in one table, read both ways: parse_enum for option values
// (InvalidInput naming the bad value and listing the valid ones, e.g.
// "unknown --method 'newton': expected exact, mam, gmam or string") and
// enum_name for printing. One table per enum keeps the two directions in step.
#include <array>
#include <cstddef>
#include <fmt/format.h>
#include <string>
#include <string_view>
#include <utility>

#include "ldv/core/error.hpp"

namespace ldv {

template <class Enum, std::size_t N>
using EnumNames = std::array<std::pair<std::string_view, Enum>, N>;

// "a, b or c"
template <class Enum, std::size_t N>
std::string enum_name_list(const EnumNames<Enum, N>& names) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) out += i + 1 == N ? " or " : ", ";
    out += names[i].first;
  }
  return out;
}

// `what` names the setting in the message ("--method", "path method", ...).
template <class Enum, std::size_t N>
Enum parse_enum(const EnumNames<Enum, N>& names, std::string_view text, std::string_view what) {
  for (const auto& [name, value] : names)
    if (name == text) return value;
  throw_invalid(fmt::format("unknown {} '{}': expected {}", what, text, enum_name_list(names)));
}

template <class Enum, std::size_t N>
std::string enum_name(const EnumNames<Enum, N>& names, Enum value) {
  for (const auto& [name, candidate] : names)
    if (candidate == value) return std::string(name);
  return fmt::format("unnamed value {}", static_cast<long long>(value));  // a table missing a value
}

}  // namespace ldv
