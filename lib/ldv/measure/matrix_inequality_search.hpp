#pragma once
// A search for counterexamples to a matrix statement ("for all A, B of a class: lhs ≥ rhs"),
// e.g. the escape paper's Lemma 4, λ_min(AB) ≥ λ_min(A) λ_min(B) for invertible A, B.
//
// What is measured, per class of pairs (measure/matrix_pair_classes.hpp): the largest violation
// the search can find,
//   v = (rhs − lhs)/s for "lhs ≥ rhs",  (lhs − rhs)/s for "lhs ≤ rhs",  |lhs − rhs|/s for "=",
// s the statement's scale (|lhs| + |rhs| unless it gives one), so v ∈ [−1, 1] for an inequality
// and v > 0 means the statement fails on the pair. A counterexample is exact evidence, so the
// measurement's interval is not statistical: it is the floating-point error bound of v.
//
// How:
//  1. Random search: `trials` pairs per class, pair t drawn from Philox stream (class seed, t):
//     its dimension log-uniform on [min_dimension, max_dimension], its parameters N(0, I).
//     Pairs on which the statement is undefined (a λ of a matrix with complex spectrum:
//     measure/spectral.hpp) are inadmissible and skipped.
//  2. Optimiser: in each dimension bin {2}, {3–4}, {5–9}, {10–24}, {25–50} (cut to the range),
//     the `starts_per_bin` best pairs are refined by a (1+1) evolution strategy on the
//     parameters (Rechenberg's 1/5 rule: the step grows ×1.5 on a success, shrinks ×1.5^{-1/4}
//     on a failure), maximising v − 16 ε_mach κ(A)κ(B): the violation minus the scale of its own
//     rounding error (κ from the class's construction), so it does not chase rounding noise.
//  3. Re-verification: each bin's best random pair and every optimiser end point are evaluated
//     again in long double (the same double matrices, exactly converted). The error bound of
//     v_ld is 2|v_double − v_ld| + 64 ε_ld: the double result's error is about |v_double − v_ld|
//     and the long-double one's about 2^{-11} of that, so the bound has a safety factor of ~4000.
//     It is an estimate, not a proof (that would take interval arithmetic); a violation whose
//     lower end v_ld − bound is positive is reported as a certified counterexample.
//  The class's measurement is the candidate with the largest lower end: a certified
//  counterexample when there is one, otherwise the pair that came closest. A candidate on which
//  the statement is undefined in long double (a spectrum real in double but not in long double)
//  is never chosen.
// Determinism: trials run in fixed blocks merged in trial order, optimiser starts draw their
// own streams; the result is the same bits for any thread count (oneTBB).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/core/linalg.hpp"
#include "ldv/measure/matrix_pair_classes.hpp"
#include "ldv/measure/spectral.hpp"

namespace ldv::measure {

enum class Claimed { at_least, at_most, equals };  // lhs ≥ rhs, lhs ≤ rhs, lhs = rhs

template <class S>
struct Sides {
  S lhs, rhs;
  S scale = S(0);  // 0: |lhs| + |rhs|
};
template <class S>
Sides<S> sides(S lhs, S rhs, S scale = S(0)) {
  return {lhs, rhs, scale};
}

struct MatrixStatement {
  std::string text;      // e.g. "λ_min(AB) ≥ λ_min(A) λ_min(B)"
  std::string lhs_text;  // "λ_min(AB)"
  std::string rhs_text;  // "λ_min(A) λ_min(B)"
  Claimed claimed = Claimed::at_least;
  std::function<Sides<double>(const MatrixOf<double>&, const MatrixOf<double>&)> in_double;
  std::function<Sides<long double>(const MatrixOf<long double>&, const MatrixOf<long double>&)> in_long_double;
};

// A statement from one generic callable f(A, B) -> Sides<S>, written once with the functions of
// spectral.hpp and instantiated for both precisions.
template <class F>
MatrixStatement matrix_statement(std::string text, std::string lhs, std::string rhs, Claimed claimed, F f) {
  return {std::move(text), std::move(lhs), std::move(rhs), claimed,
          [f](const MatrixOf<double>& a, const MatrixOf<double>& b) { return f(a, b); },
          [f](const MatrixOf<long double>& a, const MatrixOf<long double>& b) { return f(a, b); }};
}

// v of the sides (see above); NaN when a side is NaN (the pair is inadmissible).
double violation(Claimed claimed, const Sides<double>& s);
long double violation(Claimed claimed, const Sides<long double>& s);

struct MatrixSearchSettings {
  std::vector<MatrixPairClass> classes;
  int min_dimension = 2;
  int max_dimension = 50;
  double max_condition = 1e8;     // of every spectrum a class builds (matrix_pair_classes.hpp)
  std::uint64_t trials = 2000;    // random pairs per class
  int starts_per_bin = 1;         // optimiser starts per dimension bin
  int optimiser_steps = 200;      // (1+1)-ES steps per start
  std::uint64_t seed = 1;
  int threads = 0;                // 0: all cores (the result does not depend on it)

  // InvalidInput naming the first bad field and what was expected.
  void validate() const;
};

// One pair evaluated in both precisions.
struct VerifiedPair {
  MatrixPairClass pair_class = MatrixPairClass::spd;
  std::string origin;  // e.g. "random pair 1234" or "optimiser from random pair 1234, 200 steps"
  Matrix a, b;
  double lhs = 0.0, rhs = 0.0, violation = 0.0;  // double
  long double lhs_long = 0.0L, rhs_long = 0.0L, violation_long = 0.0L;
  double error_bound = 0.0;  // of violation_long
  int dimension() const { return static_cast<int>(a.rows()); }
  // violation_long − error_bound; −∞ when the pair is inadmissible in either precision (a NaN side).
  double lower_end() const;
  bool certified() const { return lower_end() > 0.0; }
  // The pair exactly (17 significant digits, which a double round-trips) and both sides in both
  // precisions.
  std::string text(const MatrixStatement& statement) const;
};

struct ClassSearch {
  MatrixPairClass pair_class = MatrixPairClass::spd;
  std::uint64_t trials = 0, admissible = 0;
  std::vector<VerifiedPair> candidates;       // re-verified, in bin order
  VerifiedPair worst;                         // the candidate with the largest lower end
  std::optional<VerifiedPair> smallest;       // a certified counterexample of the smallest dimension
  Estimate max_violation;                     // worst.violation_long ± worst.error_bound at every level
};

struct MatrixSearchResult {
  std::string statement;
  std::vector<ClassSearch> classes;  // in the order of the settings
  double elapsed_s = 0.0;
  const ClassSearch& of(MatrixPairClass c) const;  // InvalidInput when the class was not searched
};

// NumericalFailure when a class has no admissible pair at all (the statement is undefined on it).
MatrixSearchResult search_matrix_statement(const MatrixStatement& statement, const MatrixSearchSettings& settings);

}  // namespace ldv::measure
