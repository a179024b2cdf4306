#include "ldv/measure/matrix_inequality_search.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "ldv/core/error.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::measure {
namespace {

constexpr std::uint64_t kTrialsPerBlock = 32;  // fixed: never derived from the thread count
constexpr double kRoundingPenalty = 16.0;      // × ε_mach κ(A)κ(B), see the header
// Lanes of a trial's streams: its parameters (normals) and its dimension (one uniform).
constexpr auto kParameterLane = StreamLane::user;
constexpr auto kDimensionLane = static_cast<StreamLane>(3);

struct Bin {
  int low, high;
};
constexpr Bin kBins[] = {{2, 2}, {3, 4}, {5, 9}, {10, 24}, {25, 50}};

int bin_of(int d) {
  for (int i = 0; i < static_cast<int>(std::size(kBins)); ++i)
    if (d <= kBins[i].high) return i;
  return static_cast<int>(std::size(kBins)) - 1;
}

std::uint64_t mix(std::uint64_t seed, std::uint64_t salt) {  // splitmix64 of seed + salt
  std::uint64_t z = seed + 0x9e3779b97f4a7c15ull * (salt + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

template <class S>
S relative(Claimed claimed, const Sides<S>& s) {
  if (std::isnan(s.lhs) || std::isnan(s.rhs) || std::isnan(s.scale)) return std::numeric_limits<S>::quiet_NaN();
  const S scale = s.scale != S(0) ? s.scale : std::abs(s.lhs) + std::abs(s.rhs);
  const S difference = claimed == Claimed::at_least ? s.rhs - s.lhs
                       : claimed == Claimed::at_most ? s.lhs - s.rhs
                                                     : std::abs(s.lhs - s.rhs);
  if (scale == S(0)) return difference == S(0) ? S(0) : std::numeric_limits<S>::quiet_NaN();
  return difference / scale;
}

// One random pair: its dimension and parameters, a pure function of (class seed, t).
struct Trial {
  int dimension = 2;
  Vector parameters;
};

Trial draw_trial(MatrixPairClass c, const MatrixSearchSettings& s, std::uint64_t class_seed, std::uint64_t t) {
  UniformStream uniform(class_seed, static_cast<std::uint32_t>(t), kDimensionLane);
  const double lo = std::log(static_cast<double>(s.min_dimension));
  const double hi = std::log(static_cast<double>(s.max_dimension) + 1.0);
  Trial trial;
  trial.dimension = std::clamp(static_cast<int>(std::exp(lo + (hi - lo) * uniform.next())), s.min_dimension,
                               s.max_dimension);
  trial.parameters.resize(parameter_count(c, trial.dimension));
  NormalStream normals(class_seed, static_cast<std::uint32_t>(t), kParameterLane);
  normals.fill(trial.parameters.data(), static_cast<int>(trial.parameters.size()));
  return trial;
}

// The optimiser's objective: violation minus its rounding scale; −∞ when inadmissible.
double objective(const MatrixStatement& statement, const MatrixPair& pair, double& v) {
  v = violation(statement.claimed, statement.in_double(pair.a, pair.b));
  if (std::isnan(v)) return -std::numeric_limits<double>::infinity();
  return v - kRoundingPenalty * std::numeric_limits<double>::epsilon() * pair.conditioning;
}

struct Ranked {
  double score = -std::numeric_limits<double>::infinity();
  std::uint64_t trial = 0;
};
bool better(const Ranked& x, const Ranked& y) {  // higher score, then lower trial index: a total order
  return x.score > y.score || (x.score == y.score && x.trial < y.trial);
}

// The k best of a bin, kept sorted.
void offer(std::vector<Ranked>& best, const Ranked& r, int k) {
  if (!std::isfinite(r.score)) return;
  best.insert(std::upper_bound(best.begin(), best.end(), r, better), r);
  if (static_cast<int>(best.size()) > k) best.pop_back();
}

struct BlockSummary {
  std::uint64_t admissible = 0;
  std::vector<std::vector<Ranked>> best = std::vector<std::vector<Ranked>>(std::size(kBins));
};

VerifiedPair verify_pair(const MatrixStatement& statement, MatrixPairClass c, const MatrixPair& pair,
                         std::string origin) {
  VerifiedPair out;
  out.pair_class = c;
  out.origin = std::move(origin);
  out.a = pair.a;
  out.b = pair.b;
  const Sides<double> d = statement.in_double(pair.a, pair.b);
  const Sides<long double> l =
      statement.in_long_double(pair.a.cast<long double>(), pair.b.cast<long double>());  // exact conversion
  out.lhs = d.lhs;
  out.rhs = d.rhs;
  out.violation = violation(statement.claimed, d);
  out.lhs_long = l.lhs;
  out.rhs_long = l.rhs;
  out.violation_long = violation(statement.claimed, l);
  const long double gap = std::abs(static_cast<long double>(out.violation) - out.violation_long);
  out.error_bound = static_cast<double>(2.0L * gap + 64.0L * std::numeric_limits<long double>::epsilon());
  return out;
}

std::string matrix_exact(const Matrix& m) {
  std::string out = "[";
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    out += i ? ", [" : "[";
    for (Eigen::Index j = 0; j < m.cols(); ++j) out += fmt::format("{}{:.17g}", j ? ", " : "", m(i, j));
    out += "]";
  }
  return out + "]";
}

}  // namespace

double violation(Claimed claimed, const Sides<double>& s) { return relative(claimed, s); }
long double violation(Claimed claimed, const Sides<long double>& s) { return relative(claimed, s); }

void MatrixSearchSettings::validate() const {
  if (classes.empty()) throw_invalid("matrix search: no class of pairs to search (classes is empty)");
  if (min_dimension < 2 || max_dimension > 50 || min_dimension > max_dimension)
    throw_invalid(fmt::format("matrix search: dimensions [{}, {}] must satisfy 2 <= min <= max <= 50", min_dimension,
                              max_dimension));
  if (!(max_condition >= 1.0) || !std::isfinite(max_condition))
    throw_invalid(fmt::format("matrix search: max condition number = {} must be finite and at least 1", max_condition));
  if (trials < 1 || trials > std::numeric_limits<std::uint32_t>::max())
    throw_invalid(fmt::format("matrix search: trials = {} must be in [1, 2^32 − 1]", trials));
  if (starts_per_bin < 0) throw_invalid(fmt::format("matrix search: starts per bin = {} must be >= 0", starts_per_bin));
  if (optimiser_steps < 0)
    throw_invalid(fmt::format("matrix search: optimiser steps = {} must be >= 0", optimiser_steps));
  if (threads < 0) throw_invalid(fmt::format("matrix search: threads = {} must be >= 0 (0 means all cores)", threads));
}

double VerifiedPair::lower_end() const {
  const double low = static_cast<double>(violation_long) - error_bound;
  return std::isnan(low) || std::isnan(violation) ? -std::numeric_limits<double>::infinity() : low;
}

std::string VerifiedPair::text(const MatrixStatement& statement) const {
  return fmt::format(
      "{} × {} pair ({}, {}): A = {}, B = {}; {} = {:.17g} (double), {:.21Lg} (long double); {} = {:.17g} (double), "
      "{:.21Lg} (long double); violation {:.6g} ± {:.2g} (relative, long double ± error bound)",
      dimension(), dimension(), to_string(pair_class), origin, matrix_exact(a), matrix_exact(b), statement.lhs_text,
      lhs, lhs_long, statement.rhs_text, rhs, rhs_long, static_cast<double>(violation_long), error_bound);
}

const ClassSearch& MatrixSearchResult::of(MatrixPairClass c) const {
  for (const ClassSearch& s : classes)
    if (s.pair_class == c) return s;
  throw_invalid(fmt::format("the search of \"{}\" did not cover the class {}", statement, to_string(c)));
}

MatrixSearchResult search_matrix_statement(const MatrixStatement& statement, const MatrixSearchSettings& s) {
  s.validate();
  const auto started = std::chrono::steady_clock::now();
  MatrixSearchResult result;
  result.statement = statement.text;
  tbb::task_arena arena(s.threads > 0 ? s.threads : tbb::task_arena::automatic);

  for (std::size_t ci = 0; ci < s.classes.size(); ++ci) {
    const MatrixPairClass c = s.classes[ci];
    const std::uint64_t class_seed = mix(s.seed, 2 * ci) >> 1;
    ClassSearch out;
    out.pair_class = c;
    out.trials = s.trials;

    // 1. Random search in fixed blocks, merged in block order.
    const std::uint64_t blocks = (s.trials + kTrialsPerBlock - 1) / kTrialsPerBlock;
    const int keep = std::max(1, s.starts_per_bin);
    std::vector<BlockSummary> summaries(blocks);
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, blocks, 1), [&](const auto& range) {
        for (std::uint64_t b = range.begin(); b != range.end(); ++b)
          for (std::uint64_t t = b * kTrialsPerBlock; t < std::min(s.trials, (b + 1) * kTrialsPerBlock); ++t) {
            const Trial trial = draw_trial(c, s, class_seed, t);
            double v = 0.0;
            const double score = objective(statement, matrix_pair(c, trial.dimension, trial.parameters,
                                                                  s.max_condition), v);
            if (std::isfinite(score)) ++summaries[b].admissible;
            offer(summaries[b].best[bin_of(trial.dimension)], {score, t}, keep);
          }
      });
    });
    std::vector<std::vector<Ranked>> best(std::size(kBins));
    for (const BlockSummary& summary : summaries) {
      out.admissible += summary.admissible;
      for (std::size_t bin = 0; bin < best.size(); ++bin)
        for (const Ranked& r : summary.best[bin]) offer(best[bin], r, keep);
    }
    if (out.admissible == 0)
      throw NumericalFailure(fmt::format("\"{}\" is undefined on every one of the {} random {} pairs (a λ of a "
                                         "matrix with complex spectrum): nothing to measure",
                                         statement.text, s.trials, to_string(c)));

    // 2. The optimiser from each bin's best pairs, one stream per start; 3. re-verification.
    struct Start {
      std::size_t bin;
      Ranked from;
    };
    std::vector<Start> starts;
    for (std::size_t bin = 0; bin < best.size(); ++bin)
      for (int k = 0; k < std::min<int>(s.starts_per_bin, static_cast<int>(best[bin].size())); ++k)
        starts.push_back({bin, best[bin][static_cast<std::size_t>(k)]});
    const std::uint64_t optimiser_seed = mix(s.seed, 2 * ci + 1) >> 1;
    std::vector<VerifiedPair> ends(starts.size());
    arena.execute([&] {
      tbb::parallel_for(std::size_t{0}, starts.size(), [&](std::size_t i) {
        Trial x = draw_trial(c, s, class_seed, starts[i].from.trial);
        double v = 0.0;
        double score = objective(statement, matrix_pair(c, x.dimension, x.parameters, s.max_condition), v);
        NormalStream steps(optimiser_seed, static_cast<std::uint32_t>(i), kParameterLane);
        Vector trial_point(x.parameters.size()), z(x.parameters.size());
        double sigma = 0.5;
        for (int step = 0; step < s.optimiser_steps; ++step) {
          steps.fill(z.data(), static_cast<int>(z.size()));
          trial_point = x.parameters + sigma * z;
          const double trial_score =
              objective(statement, matrix_pair(c, x.dimension, trial_point, s.max_condition), v);
          if (trial_score > score) {
            x.parameters = trial_point;
            score = trial_score;
            sigma = std::min(10.0, sigma * 1.5);
          } else {
            sigma = std::max(1e-8, sigma / std::pow(1.5, 0.25));
          }
        }
        ends[i] = verify_pair(statement, c, matrix_pair(c, x.dimension, x.parameters, s.max_condition),
                              fmt::format("optimiser from random pair {}, {} steps", starts[i].from.trial,
                                          s.optimiser_steps));
      });
    });
    for (std::size_t bin = 0; bin < best.size(); ++bin) {
      if (best[bin].empty()) continue;
      const Trial t = draw_trial(c, s, class_seed, best[bin].front().trial);
      out.candidates.push_back(verify_pair(statement, c, matrix_pair(c, t.dimension, t.parameters, s.max_condition),
                                           fmt::format("random pair {}", best[bin].front().trial)));
      for (std::size_t i = 0; i < starts.size(); ++i)
        if (starts[i].bin == bin) out.candidates.push_back(ends[i]);
    }

    // The measurement: the candidate with the largest lower end; the smallest certified counterexample.
    if (std::none_of(out.candidates.begin(), out.candidates.end(),
                     [](const VerifiedPair& p) { return std::isfinite(p.lower_end()); }))
      throw NumericalFailure(fmt::format("\"{}\" on {} pairs: no candidate could be re-evaluated in long double (a "
                                         "spectrum real in double is not real there)",
                                         statement.text, to_string(c)));
    out.worst = *std::max_element(out.candidates.begin(), out.candidates.end(),
                                  [](const VerifiedPair& x, const VerifiedPair& y) { return x.lower_end() < y.lower_end(); });
    for (const VerifiedPair& p : out.candidates)
      if (p.certified() && (!out.smallest || p.dimension() < out.smallest->dimension() ||
                            (p.dimension() == out.smallest->dimension() && p.violation_long > out.smallest->violation_long)))
        out.smallest = p;
    std::string method = fmt::format(
        "largest relative violation of {} over {} random {} pairs ({}; dimensions {}–{}, every spectrum of condition "
        "number ≤ {:.0e}; {} admissible) and {} optimiser runs of {} steps from the best of each dimension bin; the "
        "value is the long-double re-evaluation of the best candidate and the interval its floating-point error "
        "bound 2|v_double − v_long double| + 64 ε_long double (not statistical: the same at every level); {} of {} "
        "candidates re-evaluated (the others undefined in long double). Best: {}",
        statement.text, s.trials, to_string(c), describe(c), s.min_dimension, s.max_dimension, s.max_condition,
        out.admissible, starts.size(), s.optimiser_steps,
        std::count_if(out.candidates.begin(), out.candidates.end(),
                      [](const VerifiedPair& p) { return std::isfinite(p.lower_end()); }),
        out.candidates.size(),
        out.worst.dimension() <= 4 ? out.worst.text(statement)
                                   : fmt::format("a {} × {} pair ({}), violation {:.6g} ± {:.2g}", out.worst.dimension(),
                                                 out.worst.dimension(), out.worst.origin,
                                                 static_cast<double>(out.worst.violation_long), out.worst.error_bound));
    if (out.smallest && out.smallest->dimension() < out.worst.dimension())
      method += ". Smallest certified counterexample: " + out.smallest->text(statement);
    out.max_violation =
        stats::normal_estimate(fmt::format("max violation of {} ({})", statement.text, to_string(c)),
                               static_cast<double>(out.worst.violation_long), 0.0, out.worst.error_bound, method);
    result.classes.push_back(std::move(out));
  }
  result.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace ldv::measure
