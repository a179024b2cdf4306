#include "ldv/reference/detail/killed_chain_solver.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::reference::detail {

KilledChainBand::KilledChainBand(int states, int lower, int upper)
    : n_(states), lower_(lower), upper_(upper), width_(lower + upper + 1) {
  if (states < 1 || lower < 0 || upper < 0)
    throw_invalid(fmt::format("killed chain: states = {} must be >= 1 and bandwidths lower = {}, upper = {} >= 0",
                              states, lower, upper));
  band_.assign(static_cast<std::size_t>(n_) * static_cast<std::size_t>(width_), 0.0);
  killing_.assign(static_cast<std::size_t>(n_), 0.0);
}

std::vector<double> KilledChainBand::solve(std::vector<double> b) && {
  if (static_cast<int>(b.size()) != n_)
    throw_invalid(fmt::format("killed chain: right-hand side of size {} for {} states", b.size(), n_));
  std::vector<double> pivot(static_cast<std::size_t>(n_));
  for (int m = 0; m < n_; ++m) {
    const int last_column = std::min(n_ - 1, m + upper_);
    const int last_row = std::min(n_ - 1, m + lower_);
    // The pivot: row m's sum over the active block plus its active off-diagonals.
    double d = killing_[static_cast<std::size_t>(m)];
    for (int j = m + 1; j <= last_column; ++j) d += band_[index(m, j)];
    if (!(d > 0.0))
      throw NumericalFailure(fmt::format("killed chain: state {} is never killed nor left (zero pivot): the "
                                         "expected time is infinite",
                                         m));
    pivot[static_cast<std::size_t>(m)] = d;
    const double* row_m = &band_[index(m, m)];
    for (int i = m + 1; i <= last_row; ++i) {
      double& p_im = band_[index(i, m)];
      if (p_im == 0.0) continue;
      const double f = p_im / d;
      p_im = 0.0;
      double* row_i = &band_[index(i, m)];  // row_i[j − m] is P_ij
      // j = i is skipped: P_mi's share of row i returns to i, which the killing update accounts for.
      for (int j = m + 1; j < i && j <= last_column; ++j) row_i[j - m] += f * row_m[j - m];
      for (int j = i + 1; j <= last_column; ++j) row_i[j - m] += f * row_m[j - m];
      killing_[static_cast<std::size_t>(i)] += f * killing_[static_cast<std::size_t>(m)];
      b[static_cast<std::size_t>(i)] += f * b[static_cast<std::size_t>(m)];
    }
  }
  std::vector<double> u(static_cast<std::size_t>(n_));
  for (int m = n_ - 1; m >= 0; --m) {
    double sum = b[static_cast<std::size_t>(m)];
    const int last_column = std::min(n_ - 1, m + upper_);
    for (int j = m + 1; j <= last_column; ++j) sum += band_[index(m, j)] * u[static_cast<std::size_t>(j)];
    u[static_cast<std::size_t>(m)] = sum / pivot[static_cast<std::size_t>(m)];
    if (!std::isfinite(u[static_cast<std::size_t>(m)]))
      throw NumericalFailure(fmt::format("killed chain: the expected time at state {} overflows double", m));
  }
  return u;
}

}  // namespace ldv::reference::detail
