#pragma once
// One replica of a splitting run (internal to splitting_exit_time.cpp): its cycle chain,
// then its generalised adaptive multilevel splitting. The algorithm and why it is unbiased
// are in splitting_exit_time.hpp; this file is the code, step by step.
#include <algorithm>
#include <cstdint>
#include <fmt/format.h>
#include <limits>
#include <vector>

#include "ldv/core/error.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/rare/detail/chain_stepper.hpp"
#include "ldv/rare/relaxation_levels.hpp"
#include "ldv/rare/renewal_estimate.hpp"
#include "ldv/rare/stream_keys.hpp"

namespace ldv::rare::detail {

struct ReplicaSettings {
  std::uint64_t particles;          // N (also the loops of the cycle chain)
  std::uint64_t killed;             // k: at least k particles are killed per iteration
  SplittingLevels levels;
  const double* start;              // x₀ (ξ(x₀) < z_Γ)
  std::uint64_t max_segment_steps;  // a path segment longer than this is a NumericalFailure
  std::uint64_t max_iterations;     // likewise for the iterations of one replica
};

// A particle of the gAMS: its path is kept only at its records — the times its ξ set a
// new running maximum — since a resampled particle branches at the first time its parent's
// ξ exceeded the killing level, which is always a record time.
struct Particle {
  std::vector<double> levels;         // ξ at the records, strictly increasing
  std::vector<std::uint64_t> steps;   // step index of each record
  std::vector<double> states;         // the records' points, d each
  bool exited = false;
  double score() const { return exited ? std::numeric_limits<double>::infinity() : levels.back(); }
};

template <class Stepper>
class Replica {
 public:
  Replica(Stepper& stepper, const ReplicaSettings& settings, std::uint64_t seed)
      : s_(stepper), settings_(settings), seed_(seed), d_(stepper.dimension()), x_(static_cast<std::size_t>(d_)) {}

  ReplicaSummary run() {
    ReplicaSummary out;
    const std::vector<double> entries = cycle_chain(out);
    out.probability = splitting(entries, out);
    out.steps = steps_;
    return out;
  }

  // gAMS alone from the given start points (N·d values; the initial particles are drawn
  // from them), as in run(); fills iterations, successes, extinct, steps and probability.
  ReplicaSummary splitting_only(const std::vector<double>& entries) {
    ReplicaSummary out;
    out.probability = splitting(entries, out);
    out.steps = steps_;
    return out;
  }

 private:
  // The cycle chain (path 0): approach x₀ → Γ, then N loops, each an excursion from its
  // entry y_j until ∂D or γ, and after a return the climb back to Γ, which gives y_{j+1};
  // after an exit the chain restarts at x₀ (a new approach). Returns the N loop entries.
  std::vector<double> cycle_chain(ReplicaSummary& out) {
    NormalStream normals(seed_, kCyclePath);
    std::vector<double> entries(settings_.particles * static_cast<std::uint64_t>(d_));
    auto approach = [&] {
      std::copy(settings_.start, settings_.start + d_, x_.begin());
      out.approach_time_sum += time(climb(normals, "the approach from the start"));
      ++out.approaches;
    };
    approach();
    double loop_time = 0.0;
    for (std::uint64_t j = 0; j < settings_.particles; ++j) {
      std::copy(x_.begin(), x_.end(), entries.begin() + static_cast<std::ptrdiff_t>(j * d_));
      std::uint64_t k = 0;
      bool exited = false;
      while (true) {
        exited = s_.step(x_.data(), normals);
        count(++k, "an excursion of the cycle chain");
        if (exited || s_.level(x_.data()) <= settings_.levels.inner) break;
      }
      loop_time += time(k);
      if (exited) {
        ++out.loop_exits;
        approach();
      } else {
        loop_time += time(climb(normals, "a climb back to the outer level"));
      }
    }
    out.loops = settings_.particles;
    out.loop_time_mean = loop_time / static_cast<double>(settings_.particles);
    return entries;
  }

  // Steps x_ until ξ ≥ z_Γ. An exit first means Γ is not inside the domain as the discrete
  // chain sees it: the decomposition then does not hold, and the run stops.
  std::uint64_t climb(NormalStream& normals, const char* what) {
    std::uint64_t k = 0;
    while (s_.level(x_.data()) < settings_.levels.outer) {
      if (s_.step(x_.data(), normals))
        throw NumericalFailure(fmt::format("splitting: {} left the domain before it reached the outer level ξ = {:.6g}; "
                                           "the outer level must lie well inside the domain (lower outer_mass, or a "
                                           "smaller step)",
                                           what, settings_.levels.outer));
      count(++k, what);
    }
    return k;
  }

  // Generalised AMS (Bréhier, Lelièvre & Rousset 2016, Algorithm 2 with its tie rule):
  // returns p̂ = Π_q (1 − K_q/N) · #{exited}/N.
  double splitting(const std::vector<double>& entries, ReplicaSummary& out) {
    const std::uint64_t n = settings_.particles;
    UniformStream choices(seed_, kChoicePath, StreamLane::user);
    auto pick = [&](std::uint64_t count) {  // uniform in {0, …, count − 1}
      const auto i = static_cast<std::uint64_t>(choices.next() * static_cast<double>(count));  // u ∈ (0, 1]
      return std::min(i, count - 1);
    };
    std::vector<Particle> particles(n);
    // Initial particles: i.i.d. from the empirical law of the loop entries (so that the
    // gAMS's i.i.d. start holds conditionally on them, and E[p̂] = mean over loops of p(y_j)).
    const std::uint64_t starts = entries.size() / static_cast<std::size_t>(d_);
    for (Particle& p : particles) {
      const std::uint64_t e = pick(starts);
      const double* y = entries.data() + e * d_;
      p.levels.assign(1, s_.level(y));
      p.steps.assign(1, 0);
      p.states.assign(y, y + d_);
      continue_particle(p);
    }
    double weight = 1.0;
    std::vector<double> scores(n);
    std::vector<std::uint64_t> killed, survivors;
    while (true) {
      for (std::uint64_t i = 0; i < n; ++i) scores[i] = particles[i].score();
      std::vector<double> sorted = scores;
      std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(settings_.killed - 1), sorted.end());
      const double z = sorted[settings_.killed - 1];  // Z_q, the k-th smallest score
      if (z == std::numeric_limits<double>::infinity()) break;  // fewer than k particles below the target: done
      if (out.iterations == settings_.max_iterations)
        throw NumericalFailure(fmt::format("splitting: a replica did not finish in {} iterations", out.iterations));
      ++out.iterations;
      killed.clear();
      survivors.clear();
      for (std::uint64_t i = 0; i < n; ++i) (scores[i] <= z ? killed : survivors).push_back(i);  // ties: all killed
      if (survivors.empty()) {  // extinction: every score equals Z_q; the estimator is 0 (gAMS rule)
        out.extinct = true;
        return 0.0;
      }
      weight *= 1.0 - static_cast<double>(killed.size()) / static_cast<double>(n);
      for (std::uint64_t i : killed) {
        if (branch(particles[i], particles[survivors[pick(survivors.size())]], z)) continue_particle(particles[i]);
      }
    }
    std::uint64_t exited = 0;
    for (const Particle& p : particles) exited += p.exited ? 1 : 0;
    out.successes = exited;
    return weight * static_cast<double>(exited) / static_cast<double>(n);
  }

  // `child` becomes `parent` up to the first time its ξ exceeded z: a record time, or, for a
  // parent that exited without any recorded ξ above z, its exit (an exit point has ξ = +∞
  // for the algorithm). Returns whether the child continues from there (false: it is a copy
  // of the whole exited path, and is itself exited).
  bool branch(Particle& child, const Particle& parent, double z) {
    const auto first = std::upper_bound(parent.levels.begin(), parent.levels.end(), z) - parent.levels.begin();
    const bool whole = first == static_cast<std::ptrdiff_t>(parent.levels.size());  // only possible when exited
    const auto records = static_cast<std::size_t>(whole ? first : first + 1);
    child.levels.assign(parent.levels.begin(), parent.levels.begin() + static_cast<std::ptrdiff_t>(records));
    child.steps.assign(parent.steps.begin(), parent.steps.begin() + static_cast<std::ptrdiff_t>(records));
    child.states.assign(parent.states.begin(), parent.states.begin() + static_cast<std::ptrdiff_t>(records * d_));
    child.exited = whole;
    return !whole;
  }

  // Runs a particle on from its last record with a fresh stream until it exits or returns to γ.
  void continue_particle(Particle& p) {
    if (next_segment_ > kMaxSegments) throw NumericalFailure("splitting: more path segments than stream keys");
    NormalStream normals(seed_, segment_path(next_segment_++));
    std::copy(p.states.end() - d_, p.states.end(), x_.begin());
    std::uint64_t k = p.steps.back();
    const std::uint64_t first = k;
    double best = p.levels.back();
    while (true) {
      const bool exited = s_.step(x_.data(), normals);
      ++k;
      count(k - first, "a particle's excursion");
      if (exited) {
        p.exited = true;
        return;
      }
      const double level = s_.level(x_.data());
      if (level <= settings_.levels.inner) return;
      if (level > best) {
        best = level;
        p.levels.push_back(level);
        p.steps.push_back(k);
        p.states.insert(p.states.end(), x_.begin(), x_.end());
      }
    }
  }

  double time(std::uint64_t k) const { return static_cast<double>(k) * s_.step_size(); }

  void count(std::uint64_t k, const char* what) {
    ++steps_;
    if (k > settings_.max_segment_steps)
      throw NumericalFailure(fmt::format("splitting: {} ran more than {} steps (the max-time bound); splitting cannot "
                                         "censor a path segment",
                                         what, settings_.max_segment_steps));
  }

  Stepper& s_;
  const ReplicaSettings& settings_;
  std::uint64_t seed_;
  int d_;
  std::vector<double> x_;
  std::uint64_t next_segment_ = 0;
  std::uint64_t steps_ = 0;
};

}  // namespace ldv::rare::detail
