#include "ldv/core/point_parser.hpp"

#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <string>
#include <vector>

#include "ldv/core/error.hpp"

namespace ldv {

Vector parse_point(std::string_view what, std::string_view text) {
  std::vector<double> values;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = text.find(',', begin);
    std::string_view token = text.substr(begin, comma == std::string_view::npos ? std::string_view::npos : comma - begin);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    double value = 0.0;
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (token.empty() || error != std::errc() || end != token.data() + token.size())
      throw_invalid(fmt::format("{} = \"{}\": coordinate {} (\"{}\") is not a number; expected comma-separated numbers",
                                what, text, values.size() + 1, token));
    if (!std::isfinite(value))
      throw_invalid(fmt::format("{} = \"{}\": coordinate {} is {}, expected a finite number", what, text,
                                values.size() + 1, value));
    values.push_back(value);
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  return Eigen::Map<const Vector>(values.data(), static_cast<Eigen::Index>(values.size()));
}

}  // namespace ldv
