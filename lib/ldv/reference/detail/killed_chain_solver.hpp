#pragma once
// Mean absorption times of a finite killed Markov chain, to full relative accuracy
// however rare the killing (internal to lib/ldv/reference).
//
// The chain on states 0…n−1 moves i → j with probability P_ij ≥ 0 and is killed from i
// with probability k_i = 1 − Σ_j P_ij ≥ 0. Its expected reward until killing solves
// (I − P) u = b. When killing is rare (k_i ~ e^{−V/ε}, mean times ~ 1e40 steps) the
// matrix I − P is nearly singular: its diagonal 1 − P_ii, formed by subtraction, keeps
// no digit of k_i, and ordinary elimination returns noise. The Grassmann–Taksar–Heyman
// idea (Grassmann, Taksar & Heyman 1985; for killed chains and diagonally dominant
// M-matrices, Alfa, Xue & Ye, Math. Comp. 71 (2002) 217–236) avoids every subtraction:
// the matrix is given by its off-diagonal entries and its row sums k_i, both ≥ 0, and
// elimination updates those, recomputing each pivot as (row sum + |off-diagonals|).
// Eliminating state m from row i (f = P_im / d_m, d_m the pivot):
//     P_ij += f P_mj  (j ≠ i),   k_i += f k_m,   b_i += f b_m,
// and back substitution u_m = (b_m + Σ_{j>m} P_mj u_j) / d_m. Every operation adds,
// multiplies or divides non-negative numbers, so each entry of u is accurate to a
// small multiple of n·(unit roundoff) relative, independently of the condition number
// (Alfa, Xue & Ye, Thm 3.1 and §4).
//
// The matrix is banded (bandwidths `lower`, `upper`): Gaussian elimination without
// pivoting creates no fill outside the band, so the cost is n·lower·upper.
#include <vector>

namespace ldv::reference::detail {

class KilledChainBand {
 public:
  KilledChainBand(int states, int lower, int upper);

  int states() const { return n_; }
  int lower() const { return lower_; }
  int upper() const { return upper_; }
  // P_ij for j ≠ i with i − lower ≤ j ≤ i + upper (P_ii never enters: see above).
  double& transition(int i, int j) { return band_[index(i, j)]; }
  // k_i = 1 − Σ_j P_ij, supplied exactly (not formed by subtraction).
  double& killing(int i) { return killing_[static_cast<std::size_t>(i)]; }

  // u with (I − P) u = b, for b ≥ 0 (consumes the matrix). NumericalFailure when a pivot
  // vanishes (a closed class that is never killed: the expected time is infinite) or
  // the solution overflows.
  std::vector<double> solve(std::vector<double> b) &&;

 private:
  std::size_t index(int i, int j) const {
    return static_cast<std::size_t>(i) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(j - i + lower_);
  }
  int n_, lower_, upper_, width_;
  std::vector<double> band_;
  std::vector<double> killing_;
};

}  // namespace ldv::reference::detail
